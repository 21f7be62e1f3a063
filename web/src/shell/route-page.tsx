// The hash route → the page, its breadcrumbs and the menu entry it belongs to. Every address the app ever had keeps
// working; the shell's own pages are #/todos, #/mine and #/messages.
import type { ReactNode } from 'react';
import type { Me } from '../api-types';
import * as P from './lazy-pages';
import type { SHELL_TEXTS } from './shell-texts';

type TextKey = keyof typeof SHELL_TEXTS;
export interface Crumb {
  /** A shell text, or a route part shown as it is. */
  text: TextKey | { raw: string };
  href?: string;
}
export interface RoutedPage {
  page: ReactNode;
  crumbs: Crumb[];
  /** The menu entry to highlight. */
  menuKey: string;
}

const enc = encodeURIComponent;

export function routePage(route: string[], arrival: number, me: Me): RoutedPage {
  const [first, b, c] = route;
  // A query after the first part (#/queue?state=…) is the page's to read.
  const a = first?.split('?')[0];
  const at = (menuKey: string, page: ReactNode, ...crumbs: Crumb[]): RoutedPage => ({ page, crumbs, menuKey });
  if (a === 'new' && b && c)
    return at(
      'home',
      <P.RecordPage key={`${route.join('/')}@${arrival}`} me={me} plugin={b} form={c} />,
      { text: 'newRecord' },
      { text: { raw: c } },
    );
  if (a === 'records' && b && c === 'print')
    return at('mine', <P.PrintPage key={b} recordId={b} />, { text: 'record', href: `#/records/${enc(b)}` }, { text: 'print' });
  if (a === 'records' && b) return at('mine', <P.RecordPage key={b} me={me} recordId={b} />, { text: 'record' }, { text: { raw: b } });
  if (a === 'queue') return at('queue', <P.QueuePage key={first} />, { text: 'queue' });
  if (a === 'ranking' && b && c)
    return at(
      'ranking',
      <P.RankingPage key={`${b}/${c.split('?')[0]}`} plugin={b} form={c} />,
      { text: 'ranking' },
      {
        text: { raw: c.split('?')[0] },
      },
    );
  if (a === 'admin') {
    const key = b === 'org' || b === 'users' || b === 'studio' || b === 'calendars' ? b : 'plugins';
    const crumbs: Crumb[] = [{ text: 'admin', href: '#/admin' }];
    if (b === 'org' || b === 'users' || b === 'plugins' || b === 'studio' || b === 'calendars')
      crumbs.push({ text: key as TextKey, href: `#/admin/${b}` });
    if ((b === 'plugins' || b === 'studio') && c) crumbs.push({ text: { raw: c } });
    return at(key, <P.AdminRoutes route={route.slice(1)} me={me} />, ...crumbs);
  }
  if (a === 'reports' && b && c)
    return at(
      'reports',
      <P.ReportPage key={route.join('/')} plugin={b} report={c} />,
      { text: 'reports', href: '#/reports' },
      {
        text: { raw: c },
      },
    );
  if (a === 'reports') return at('reports', <P.ReportsPage />, { text: 'reports' });
  if (a === 'import') return at('import', <P.ImportPage key={route.join('/')} plugin={b} form={c} />, { text: 'import' });
  if (a === 'parameters' && b)
    return at(`parameters:${b}`, <P.ParametersPage key={b} plugin={b} />, { text: 'parameters' }, { text: { raw: b } });
  if (a === 'todos') return at('todos', <P.TodosPage />, { text: 'todos' });
  if (a === 'mine') return at('mine', <P.MyRecordsPage />, { text: 'mine' });
  if (a === 'messages') return at('messages', <P.MessagesPage />, { text: 'messages' });
  if (route.length === 0) return { page: <P.HomePage me={me} />, crumbs: [], menuKey: 'home' };
  return at('', <P.NotFoundPage />, { text: 'notFound' });
}
