// The back-office frame every signed-in page sits in: a header (menu button on narrow screens, the app's name, the
// message bell, who and where, language, logout), the side menu by role (a drawer below 768 px), breadcrumbs, and
// the page, loaded on demand behind an announced spinner.
import { Suspense, useState, type ReactNode } from 'react';
import { Breadcrumb, Button, Drawer, Grid, Layout, Space, Typography } from 'antd';
import { BellOutlined, MenuOutlined } from '@ant-design/icons';
import { useI18n, type Locale } from '../i18n';
import { useTexts } from '../texts';
import type { Me } from '../api-types';
import { SHELL_TEXTS } from './shell-texts';
import { SideMenu } from './SideMenu';
import { PageLoading } from './PageLoading';
import { useWorkCounts } from './work-counts';
import type { Crumb } from './route-page';
import { OfflineBanner } from '../record/OfflineBanner';

// Sets that browsers draw with a grey frame (rjsf's object fields) read as sections of one page instead; the side
// menu has no place on paper.
const SHELL_CSS = `
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
@media print { .hezuo-sider { display: none !important; } }
`;

/** Read by screen readers, not shown. */
const SR_ONLY = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

export function LocaleSelect({ dark }: { dark?: boolean }) {
  const { t, locale, setLocale } = useI18n();
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <label htmlFor="locale-select" style={{ color: dark ? '#fff' : undefined }}>
        {t('language')}
      </label>
      <select
        id="locale-select"
        value={locale}
        onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : ('zh-CN' as Locale))}
        style={{
          height: 32,
          borderRadius: 6,
          padding: '0 8px',
          border: '1px solid #d9d9d9',
          background: '#fff',
          color: 'rgba(0,0,0,0.88)',
        }}
      >
        <option value="zh-CN">中文</option>
        <option value="en">English</option>
      </select>
    </span>
  );
}

export function AppShell(props: { me: Me; crumbs: Crumb[]; menuKey: string; onLogout: () => void; children: ReactNode }) {
  const { me, crumbs, menuKey, onLogout, children } = props;
  const { t, lt } = useI18n();
  const tx = useTexts(SHELL_TEXTS);
  const screens = Grid.useBreakpoint();
  // Before the first measurement antd reports no breakpoint: assume a wide screen, as most offices have.
  const narrow = screens.md === false;
  const [drawer, setDrawer] = useState(false);
  const { unread } = useWorkCounts();
  const unit = me.roles[0]?.orgName ? lt(me.roles[0].orgName) : (me.roles[0]?.orgCode ?? '');
  const shownUnread = unread && unread > 99 ? '99+' : String(unread ?? 0);

  const menu = <SideMenu me={me} selected={menuKey} onNavigate={() => setDrawer(false)} />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <style>{SHELL_CSS}</style>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 8, padding: narrow ? '0 8px' : '0 16px' }}>
        {narrow && (
          <Button
            type="text"
            icon={<MenuOutlined style={{ color: '#fff' }} />}
            aria-label={tx('openMenu')}
            aria-expanded={drawer}
            data-testid="menu-button"
            onClick={() => setDrawer(true)}
          />
        )}
        <a href="#/" style={{ color: '#fff', fontSize: narrow ? 16 : 18, whiteSpace: 'nowrap' }}>
          {narrow ? '合作' : '合作 Hezuo'}
        </a>
        <span style={{ flex: 1 }} />
        <Space size={narrow ? 4 : 12} style={{ minWidth: 0 }}>
          <a
            href="#/messages"
            data-testid="bell"
            data-unread={unread ?? 0}
            style={{ display: 'inline-flex', alignItems: 'center', gap: 2, padding: 4, color: '#fff' }}
          >
            <BellOutlined style={{ fontSize: 20 }} aria-hidden />
            {/* The name is the link's own text (read, not shown, around the visible count), so what is seen is what
                is announced; antd's Badge would add rolling digits that match neither. */}
            <span style={SR_ONLY}>{tx('messages')} </span>
            {!!unread && (
              <span
                data-testid="bell-count"
                style={{
                  background: '#cf1322',
                  borderRadius: 10,
                  fontSize: 12,
                  lineHeight: '18px',
                  minWidth: 18,
                  padding: '0 5px',
                  textAlign: 'center',
                }}
              >
                {shownUnread}
              </span>
            )}
            {!!unread && <span style={SR_ONLY}> {tx('unreadMessages')}</span>}
          </a>
          <span
            data-testid="who"
            title={unit ? `${me.user.displayName} · ${unit}` : me.user.displayName}
            style={{ color: '#fff', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: narrow ? 110 : 320 }}
          >
            {me.user.displayName}
            {!narrow && unit && <span style={{ color: 'rgba(255,255,255,0.85)' }}> · {unit}</span>}
          </span>
          {!narrow && <LocaleSelect dark />}
          {!narrow && <Button onClick={onLogout}>{t('logout')}</Button>}
        </Space>
      </Layout.Header>
      <Layout>
        {!narrow && (
          <Layout.Sider width={208} theme="light" className="hezuo-sider" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            {menu}
          </Layout.Sider>
        )}
        <Drawer
          open={narrow && drawer}
          onClose={() => setDrawer(false)}
          placement="left"
          width={280}
          title={tx('menu')}
          styles={{ body: { padding: 0 } }}
          footer={
            <Space direction="vertical" style={{ width: '100%' }}>
              {unit && <Typography.Text>{unit}</Typography.Text>}
              <LocaleSelect />
              <Button block onClick={onLogout}>
                {t('logout')}
              </Button>
            </Space>
          }
        >
          {menu}
        </Drawer>
        <Layout.Content style={{ padding: narrow ? 8 : 16, minWidth: 0 }}>
          <div style={{ maxWidth: 1280, margin: '0 auto' }}>
            {crumbs.length > 0 && (
              <Breadcrumb
                style={{ marginBottom: 12 }}
                items={[
                  { title: <a href="#/">{tx('home')}</a> },
                  ...crumbs.map((c) => {
                    const text = typeof c.text === 'string' ? tx(c.text) : c.text.raw;
                    return { title: c.href ? <a href={c.href}>{text}</a> : text };
                  }),
                ]}
              />
            )}
            <OfflineBanner userId={me.user.id} />
            <Suspense fallback={<PageLoading />}>{children}</Suspense>
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
