// The admin's pages under #/admin/…: org tree, users and roles, plugin browser, plugin packs, working-day calendars, and the plugin studio
// (its own chunk, loaded only when opened: CodeMirror and the editor stay out of every other page).
import { lazy, Suspense } from 'react';
import { OrgPage } from './OrgPage';
import { UsersPage } from './UsersPage';
import { PluginsPage } from './PluginsPage';
import { PluginPage } from './PluginPage';
import { PacksPage } from './PacksPage';
import { CalendarsPage } from './CalendarsPage';
import { NotFoundPage } from '../NotFoundPage';
import { WorkLinks } from '../WorkLinks';
import type { Me } from '../HomePage';
import { PageLoading } from '../../shell/PageLoading';

const StudioRoutes = lazy(() => import('../../studio/StudioRoutes').then((m) => ({ default: m.StudioRoutes })));

export function AdminRoutes({ route, me }: { route: string[]; me: Me }) {
  if (route[0] === 'org') return <OrgPage />;
  if (route[0] === 'users') return <UsersPage />;
  if (route[0] === 'plugins' && route[1]) return <PluginPage key={route[1]} plugin={route[1]} />;
  if (route[0] === 'plugins') return <PluginsPage />;
  if (route[0] === 'packs') return <PacksPage />;
  if (route[0] === 'calendars') return <CalendarsPage />;
  if (route[0] === 'studio')
    return (
      <Suspense fallback={<PageLoading />}>
        <StudioRoutes route={route.slice(1)} />
      </Suspense>
    );
  if (route.length === 0) return <WorkLinks me={me} />;
  return <NotFoundPage />;
}
