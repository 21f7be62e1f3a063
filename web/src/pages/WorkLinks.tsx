// Links from the home page to the reviewer's and the admin's pages: the review queue, the ranking of every ranked
// form (from the plugins' manifests), and the admin's org tree, users and plugin browser.
import { useEffect, useState } from 'react';
import { Card, List, Space } from 'antd';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import { defaultPeriod } from '../plugin';
import { loadSummaries, type PluginSummary } from '../plugin-summaries';
import type { Me } from './HomePage';

const TEXTS = {
  review: ['审核工作', 'Review'],
  queue: ['审核队列(筛选、批量处理)', 'Review queue (filters, bulk steps)'],
  ranking: ['排名', 'Ranking'],
  admin: ['系统管理', 'Administration'],
  org: ['组织机构', 'Org units'],
  users: ['用户与角色', 'Users and roles'],
  plugins: ['插件(表单预览、规则、测试用例)', 'Plugins (form preview, rules, fixtures)'],
  packs: ['插件包(导入、安装、回退、停用)', 'Plugin packs (import, install, roll back, uninstall)'],
  studio: ['插件工作室(在浏览器中编辑、测试、发布插件)', 'Plugin studio (edit, test and publish plugins in the browser)'],
  calendars: ['工作日历(节假日、调休上班日)', 'Working-day calendars (holidays, make-up working days)'],
} as const;

const heading = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

export function WorkLinks({ me }: { me: Me }) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const roles = new Set(me.roles.map((r) => r.role));
  const [plugins, setPlugins] = useState<PluginSummary[]>([]);
  const reviews = roles.has('reviewer') || roles.has('admin');

  useEffect(() => {
    if (reviews)
      loadSummaries().then(
        (s) => setPlugins(s.plugins),
        () => setPlugins([]),
      );
  }, [reviews]);

  const ranked = plugins.flatMap((p) => p.forms.filter((f) => f.ranking).map((f) => ({ plugin: p, form: f })));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      {reviews && (
        <Card title={heading(tx('review'))}>
          <List data-testid="review-links">
            <List.Item>
              <a href="#/queue" data-testid="queue-link">
                {tx('queue')}
              </a>
            </List.Item>
            {ranked.map(({ plugin, form }) => (
              <List.Item key={`${plugin.id}/${form.id}`}>
                <a
                  href={`#/ranking/${encodeURIComponent(plugin.id)}/${encodeURIComponent(form.id)}?period=${encodeURIComponent(defaultPeriod(form.period.kind))}`}
                  data-ranking={`${plugin.id}/${form.id}`}
                >
                  {tx('ranking')} · {lt(form.title)}
                </a>
              </List.Item>
            ))}
          </List>
        </Card>
      )}
      {roles.has('admin') && (
        <Card title={heading(tx('admin'))}>
          <List data-testid="admin-links">
            <List.Item>
              <a href="#/admin/org">{tx('org')}</a>
            </List.Item>
            <List.Item>
              <a href="#/admin/users">{tx('users')}</a>
            </List.Item>
            <List.Item>
              <a href="#/admin/plugins">{tx('plugins')}</a>
            </List.Item>
            <List.Item>
              <a href="#/admin/packs">{tx('packs')}</a>
            </List.Item>
            <List.Item>
              <a href="#/admin/studio">{tx('studio')}</a>
            </List.Item>
            <List.Item>
              <a href="#/admin/calendars">{tx('calendars')}</a>
            </List.Item>
          </List>
        </Card>
      )}
    </Space>
  );
}
