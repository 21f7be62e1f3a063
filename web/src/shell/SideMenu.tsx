// The side menu, by role: an officer files (新建, 我的申报, 待办), a reviewer reviews (待办, 审核队列, 排名, 报表), an
// admin administers (插件, 用户, 组织, 参数, 导入). Every entry is a link, so it opens in a new tab and reads as one.
import { useEffect, useState, type ReactNode } from 'react';
import { Menu, type MenuProps } from 'antd';
import { api } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import { loadSummaries, type PluginSummary } from '../plugin-summaries';
import type { Me } from '../api-types';
import { SHELL_TEXTS } from './shell-texts';
import { useWorkCounts } from './work-counts';

interface FillableForm {
  plugin: string;
  form: string;
  title: LocalText;
  policy?: { inForce: boolean };
}
type Item = Required<MenuProps>['items'][number];

const enc = encodeURIComponent;
const link = (href: string, text: ReactNode, testId?: string) => (
  <a href={href} data-testid={testId}>
    {text}
  </a>
);

export function SideMenu({ me, selected, onNavigate }: { me: Me; selected: string; onNavigate?: () => void }) {
  const { lt } = useI18n();
  const tx = useTexts(SHELL_TEXTS);
  const { todos } = useWorkCounts();
  const roles = new Set(me.roles.map((r) => r.role));
  const files = roles.has('officer');
  const reviews = roles.has('reviewer');
  const admin = roles.has('admin');
  const [forms, setForms] = useState<FillableForm[]>([]);
  const [plugins, setPlugins] = useState<PluginSummary[]>([]);

  useEffect(() => {
    let live = true;
    api<{ forms: FillableForm[] }>('GET', '/api/forms').then(
      (r) => live && setForms(r.forms),
      () => live && setForms([]),
    );
    if (reviews || admin)
      loadSummaries().then(
        (s) => live && setPlugins(s.plugins),
        () => live && setPlugins([]),
      );
    return () => {
      live = false;
    };
  }, [reviews, admin]);

  const todoText = `${tx('todos')}${todos === null ? '' : ` (${todos})`}`;
  const ranked = plugins.flatMap((p) => p.forms.filter((f) => f.ranking).map((f) => ({ plugin: p, form: f })));
  const items: Item[] = [{ key: 'home', label: link('#/', tx('home'), 'nav-home') }];
  if (forms.length)
    items.push({
      key: 'new',
      label: tx('newRecord'),
      // Forms whose policy is out of force are left out here; the home page lists them with why.
      children: forms
        .filter((f) => f.policy?.inForce !== false)
        .map((f) => ({
          key: `new:${f.plugin}/${f.form}`,
          label: link(`#/new/${enc(f.plugin)}/${enc(f.form)}`, lt(f.title)),
        })),
    });
  if (files || forms.length) items.push({ key: 'mine', label: link('#/mine', tx('mine'), 'nav-mine') });
  items.push({ key: 'todos', label: link('#/todos', todoText, 'nav-todos') });
  if (reviews || admin) items.push({ key: 'queue', label: link('#/queue', tx('queue'), 'nav-queue') });
  if (ranked.length)
    items.push({
      key: 'ranking',
      label: tx('ranking'),
      children: ranked.map(({ plugin, form }) => ({
        key: `ranking:${plugin.id}/${form.id}`,
        label: link(`#/ranking/${enc(plugin.id)}/${enc(form.id)}`, lt(form.title)),
      })),
    });
  items.push({ key: 'reports', label: link('#/reports', tx('reports'), 'nav-reports') });
  items.push({ key: 'import', label: link('#/import', tx('import'), 'nav-import') });
  if (admin)
    items.push({
      key: 'admin',
      label: tx('admin'),
      children: [
        { key: 'plugins', label: link('#/admin/plugins', tx('plugins')) },
        { key: 'studio', label: link('#/admin/studio', tx('studio'), 'nav-studio') },
        { key: 'calendars', label: link('#/admin/calendars', tx('calendars'), 'nav-calendars') },
        { key: 'users', label: link('#/admin/users', tx('users')) },
        { key: 'org', label: link('#/admin/org', tx('org')) },
        ...plugins.map((p) => ({
          key: `parameters:${p.id}`,
          label: link(`#/parameters/${enc(p.id)}`, `${tx('parameters')} · ${lt(p.title)}`),
        })),
      ],
    });
  items.push({ key: 'password', label: link('#/password', tx('password'), 'nav-password') });

  return (
    <nav aria-label={tx('mainNav')}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={[selected]}
        defaultOpenKeys={admin ? ['admin'] : []}
        onClick={() => onNavigate?.()}
        style={{ borderInlineEnd: 0 }}
      />
    </nav>
  );
}
