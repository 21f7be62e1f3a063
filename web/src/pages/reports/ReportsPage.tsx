// Every report of every installed plugin the user can run, grouped by plugin.
import { useEffect, useState } from 'react';
import { Alert, Card, List, Space, Typography } from 'antd';
import { ApiError, api } from '../../api';
import { useI18n } from '../../i18n';
import { useTexts } from '../../texts';
import { loadSummaries, type PluginSummary } from '../../plugin-summaries';
import type { ReportDescription } from './report-types';

const TEXTS = {
  reports: ['报表', 'Reports'],
  none: ['该插件没有报表', 'This plugin has no reports'],
} as const;

export function ReportsPage() {
  const { t, lt } = useI18n();
  const tx = useTexts(TEXTS);
  const [plugins, setPlugins] = useState<{ plugin: PluginSummary; reports: ReportDescription[] }[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    (async () => {
      const { plugins: ps } = await loadSummaries();
      const lists = await Promise.all(
        ps.map((p) => api<{ reports: ReportDescription[] }>('GET', `/api/plugins/${encodeURIComponent(p.id)}/reports`)),
      );
      setPlugins(ps.map((p, i) => ({ plugin: p, reports: lists[i].reports })));
    })().catch((e) => setError(e instanceof ApiError ? lt(e.text) : String(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <a href="#/">{t('back')}</a>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {tx('reports')}
      </Typography.Title>
      {error && <Alert type="error" role="alert" message={error} />}
      {!plugins && !error && <p>{t('loading')}</p>}
      {plugins?.map(({ plugin, reports }) => (
        <Card
          key={plugin.id}
          size="small"
          title={
            <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
              {lt(plugin.title)}
            </Typography.Title>
          }
        >
          <List
            size="small"
            data-testid={`reports-${plugin.id}`}
            dataSource={reports}
            locale={{ emptyText: tx('none') }}
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta
                  title={<a href={`#/reports/${encodeURIComponent(plugin.id)}/${encodeURIComponent(r.id)}`}>{lt(r.title)}</a>}
                  description={r.description ? lt(r.description) : undefined}
                />
              </List.Item>
            )}
          />
        </Card>
      ))}
    </Space>
  );
}
