import { StrictMode, useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, Button, ConfigProvider, Layout, Space, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { I18nContext, LOCALE_KEY, initialLocale, makeI18n, type Locale } from './i18n';
import { api } from './api';
import { LoginPage } from './pages/LoginPage';
import { HomePage } from './pages/HomePage';
import { RecordPage } from './pages/RecordPage';
import { ParametersPage } from './pages/ParametersPage';
import { QueuePage } from './pages/QueuePage';
import { RankingPage } from './pages/RankingPage';
import { PrintPage } from './pages/PrintPage';
import { AdminRoutes } from './pages/admin/AdminRoutes';
import { ReportsPage } from './pages/reports/ReportsPage';
import { ReportPage } from './pages/reports/ReportPage';
import { ImportPage } from './pages/imports/ImportPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { NotFoundPage } from './pages/NotFoundPage';
import type { Me } from './pages/HomePage';

/**
 * The route, and a count of arrivals by hash change. A saved new record moves its URL to #/records/… with
 * replaceState (no hash change, so the page and its notice stay); coming back to the same new-record URL must then
 * give an empty form, not the saved record, whose save would overwrite it: the count is part of that page's key.
 */
function useHashRoute(): { route: string[]; arrival: number } {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [state, setState] = useState(() => ({ route: read(), arrival: 0 }));
  useEffect(() => {
    const on = () => setState((s) => ({ route: read(), arrival: s.arrival + 1 }));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return state;
}

// Darker than antd's defaults where its defaults miss WCAG AA contrast (4.5:1) on white.
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorPrimaryHover: '#003eb3',
    colorLinkHover: '#003eb3',
    colorTextDescription: 'rgba(0,0,0,0.65)',
    colorTextSecondary: 'rgba(0,0,0,0.65)',
    colorTextTertiary: 'rgba(0,0,0,0.62)',
  },
};

export const go = (path: string) => {
  window.location.hash = path;
};

function Root() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(LOCALE_KEY, l);
    setLocaleState(l);
  }, []);
  const i18n = useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const { route, arrival } = useHashRoute();

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    // Earlier versions kept the token in localStorage, where any script could read it: drop it.
    localStorage.removeItem('hezuo.token');
    api<Me>('GET', '/api/me')
      .then(setMe, () => setMe(null))
      .finally(() => setChecked(true));
  }, []);

  const logout = async () => {
    try {
      await api('POST', '/api/auth/logout');
    } catch {
      /* the session may be gone already */
    }
    setMe(null);
    go('/');
  };

  let page;
  if (!checked) page = <p>{i18n.t('loading')}</p>;
  else if (!me)
    page = (
      <LoginPage
        onLogin={(m) => {
          setMe(m);
          go('/');
        }}
      />
    );
  else if (me.mustChangePassword || route[0] === 'password') {
    page = (
      <ChangePasswordPage
        required={!!me.mustChangePassword}
        onDone={() => {
          void api<Me>('GET', '/api/me').then(setMe);
        }}
      />
    );
  } else if (route[0] === 'new' && route[1] && route[2])
    page = <RecordPage key={`${route.join('/')}@${arrival}`} me={me} plugin={route[1]} form={route[2]} />;
  else if (route[0] === 'records' && route[1] && route[2] === 'print') page = <PrintPage key={route[1]} recordId={route[1]} />;
  else if (route[0] === 'queue') page = <QueuePage />;
  else if (route[0] === 'ranking' && route[1] && route[2])
    page = <RankingPage key={`${route[1]}/${route[2].split('?')[0]}`} plugin={route[1]} form={route[2]} />;
  else if (route[0] === 'admin') page = <AdminRoutes route={route.slice(1)} me={me} />;
  else if (route[0] === 'records' && route[1]) page = <RecordPage key={route[1]} me={me} recordId={route[1]} />;
  else if (route[0] === 'reports' && route[1] && route[2]) page = <ReportPage key={route.join('/')} plugin={route[1]} report={route[2]} />;
  else if (route[0] === 'reports') page = <ReportsPage />;
  else if (route[0] === 'import') page = <ImportPage key={route.join('/')} plugin={route[1]} form={route[2]} />;
  else if (route[0] === 'parameters' && route[1]) page = <ParametersPage key={route[1]} plugin={route[1]} />;
  else if (route.length === 0) page = <HomePage me={me} />;
  else page = <NotFoundPage />;

  return (
    <I18nContext.Provider value={i18n}>
      <ConfigProvider
        locale={locale === 'en' ? enUS : zhCN}
        theme={THEME}
        renderEmpty={() => <Typography.Text>{i18n.t('noData')}</Typography.Text>}
      >
        <AntApp>
          <Layout style={{ minHeight: '100vh' }}>
            <Layout.Header
              style={{
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'space-between',
                gap: 12,
                padding: '0 16px',
                flexWrap: 'wrap',
              }}
            >
              <a href="#/" style={{ color: '#fff', fontSize: 18 }}>
                合作 Hezuo
              </a>
              <Space wrap>
                {me && (
                  <a href="#/reports" style={{ color: '#fff' }} data-testid="nav-reports">
                    {locale === 'en' ? 'Reports' : '报表'}
                  </a>
                )}
                {me && (
                  <a href="#/import" style={{ color: '#fff' }} data-testid="nav-import">
                    {locale === 'en' ? 'Import' : '导入'}
                  </a>
                )}
                {me && (
                  <a href="#/password" style={{ color: '#fff' }} data-testid="nav-password">
                    {locale === 'en' ? 'Password' : '修改密码'}
                  </a>
                )}
                {me && (
                  <span style={{ color: '#fff' }} data-testid="who">
                    {me.user.displayName}
                  </span>
                )}
                <label htmlFor="locale-select" style={{ color: '#fff' }}>
                  {i18n.t('language')}
                </label>
                <select
                  id="locale-select"
                  value={locale}
                  onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'zh-CN')}
                  style={{ height: 32, borderRadius: 6, padding: '0 8px' }}
                >
                  <option value="zh-CN">中文</option>
                  <option value="en">English</option>
                </select>
                {me && <Button onClick={logout}>{i18n.t('logout')}</Button>}
              </Space>
            </Layout.Header>
            <Layout.Content style={{ padding: 16, maxWidth: 1280, width: '100%', margin: '0 auto' }}>{page}</Layout.Content>
            <Layout.Footer style={{ textAlign: 'center' }}>
              <Typography.Text type="secondary">Hezuo</Typography.Text>
            </Layout.Footer>
          </Layout>
        </AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
