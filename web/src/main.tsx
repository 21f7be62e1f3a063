import { StrictMode, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider, Layout, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { I18nContext, LOCALE_KEY, initialLocale, makeI18n, type Locale } from './i18n';
import { api } from './api';
import type { Me } from './api-types';
// The login page is the only page in the first download; every other page is loaded when opened (shell/lazy-pages).
import { LoginPage } from './pages/LoginPage';
import { ChangePasswordPage } from './shell/lazy-pages';
import { AppShell, LocaleSelect } from './shell/AppShell';
import { PageLoading } from './shell/PageLoading';
import { routePage } from './shell/route-page';
import { THEME } from './theme';
import { WorkCountsContext, useWorkCountsSource } from './shell/work-counts';

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

  const counts = useWorkCountsSource(!!me && !me.mustChangePassword);

  let body;
  if (!checked) body = <PageLoading />;
  else if (!me)
    body = (
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, padding: '0 16px' }}>
          <span style={{ color: '#fff', fontSize: 18 }}>合作 Hezuo</span>
          <LocaleSelect dark />
        </Layout.Header>
        <Layout.Content style={{ padding: 16, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
          <LoginPage
            onLogin={(m) => {
              setMe(m);
              go('/');
            }}
          />
        </Layout.Content>
      </Layout>
    );
  else if (me.mustChangePassword || route[0] === 'password') {
    body = (
      <AppShell me={me} crumbs={[{ text: 'password' }]} menuKey="password" onLogout={logout}>
        <ChangePasswordPage
          required={!!me.mustChangePassword}
          onDone={() => {
            void api<Me>('GET', '/api/me').then(setMe);
          }}
        />
      </AppShell>
    );
  } else {
    const { page, crumbs, menuKey } = routePage(route, arrival, me);
    body = (
      <AppShell me={me} crumbs={crumbs} menuKey={menuKey} onLogout={logout}>
        {page}
      </AppShell>
    );
  }

  return (
    <I18nContext.Provider value={i18n}>
      <ConfigProvider
        locale={locale === 'en' ? enUS : zhCN}
        theme={THEME}
        renderEmpty={() => <Typography.Text>{i18n.t('noData')}</Typography.Text>}
      >
        <AntApp>
          <WorkCountsContext.Provider value={counts}>
            <Suspense fallback={<PageLoading />}>{body}</Suspense>
          </WorkCountsContext.Provider>
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
