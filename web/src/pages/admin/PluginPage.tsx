// Admin: one plugin — version and source, each form with a live preview and its rules, and the results of
// running the plugin's own fixtures on the server (passed/failed per case, with every mismatch).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, List, Space, Tabs, Tag, Typography } from 'antd';
import { ApiError, api } from '../../api';
import { useI18n } from '../../i18n';
import { useTexts } from '../../texts';
import { loadPlugin, type PluginPayload } from '../../plugin';
import type { FormSummary, PluginSummary } from '../../plugin-summaries';
import { FormPreview } from './FormPreview';
import { PluginRules } from './PluginRules';

const TEXTS = {
  plugins: ['全部插件', 'All plugins'],
  version: ['当前版本', 'Active version'],
  versions: ['已安装版本', 'Installed versions'],
  source: ['依据文件', 'Source document'],
  forms: ['表单', 'Forms'],
  preview: ['预览', 'Preview'],
  rules: ['规则', 'Rules'],
  fixtures: ['测试用例结果', 'Fixture results'],
  run: ['重新运行', 'Run again'],
  passed: ['通过', 'passed'],
  failed: ['未通过', 'failed'],
  summary: ['通过 {p} 个,未通过 {f} 个', '{p} passed, {f} failed'],
  parameters: ['参数', 'Parameters'],
} as const;

interface FixtureCase {
  suite: string;
  form: string;
  description: string;
  reference?: string;
  mismatches: string[];
}
interface Fixtures {
  passed: number;
  failed: number;
  cases: FixtureCase[];
}

export function PluginPage({ plugin: pluginId }: { plugin: string }) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const [plugin, setPlugin] = useState<(PluginPayload & Omit<PluginSummary, 'forms'>) | null>(null);
  const [params, setParams] = useState<Record<string, unknown>>({});
  const [fixtures, setFixtures] = useState<Fixtures | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(e instanceof ApiError ? lt(e.text) : String(e));

  const runFixtures = () => {
    setRunning(true);
    api<Fixtures>('GET', `/api/plugins/${encodeURIComponent(pluginId)}/fixtures`)
      .then(setFixtures, fail)
      .finally(() => setRunning(false));
  };

  useEffect(() => {
    Promise.all([
      loadPlugin(pluginId),
      api<{ values: Record<string, unknown> }>('GET', `/api/plugins/${encodeURIComponent(pluginId)}/parameters`),
    ]).then(([p, v]) => {
      setPlugin(p as PluginPayload & Omit<PluginSummary, 'forms'>);
      setParams(v.values);
    }, fail);
    runFixtures();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pluginId]);

  if (!plugin) return error ? <Alert type="error" role="alert" message={error} /> : <p>…</p>;
  const source = plugin.source as { title?: string; documentNumber?: string } | null;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <a href="#/admin/plugins">{tx('plugins')}</a>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {lt(plugin.title)}
      </Typography.Title>
      {error && <Alert type="error" role="alert" message={error} />}
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'id', label: 'ID', children: <code>{plugin.id}</code> },
          { key: 'v', label: tx('version'), children: <Tag data-testid="plugin-version">{plugin.version}</Tag> },
          { key: 'vs', label: tx('versions'), children: plugin.versions.map((v) => <Tag key={v}>{v}</Tag>) },
          ...(source ? [{ key: 's', label: tx('source'), children: [source.title, source.documentNumber].filter(Boolean).join(' ') }] : []),
          { key: 'p', label: tx('parameters'), children: <a href={`#/parameters/${encodeURIComponent(plugin.id)}`}>{tx('parameters')}</a> },
        ]}
      />
      {plugin.description && <Typography.Paragraph>{lt(plugin.description)}</Typography.Paragraph>}

      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('forms')}</h2>}>
        <Tabs
          destroyInactiveTabPane
          items={(plugin.forms as unknown as FormSummary[]).map((f) => ({
            key: f.id,
            label: lt(f.title),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                {f.description && <Typography.Paragraph>{lt(f.description)}</Typography.Paragraph>}
                <Tabs
                  type="card"
                  destroyInactiveTabPane
                  items={[
                    { key: 'preview', label: tx('preview'), children: <FormPreview plugin={plugin} formId={f.id} params={params} /> },
                    { key: 'rules', label: `${tx('rules')} (${f.rules})`, children: <PluginRules plugin={plugin} formId={f.id} /> },
                  ]}
                />
              </Space>
            ),
          }))}
        />
      </Card>

      <Card
        size="small"
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('fixtures')}</h2>}
        extra={
          <Button onClick={runFixtures} loading={running}>
            {tx('run')}
          </Button>
        }
      >
        {fixtures && (
          <>
            <Typography.Paragraph>
              <span data-testid="fixtures-summary" data-passed={fixtures.passed} data-failed={fixtures.failed}>
                {tx('summary').replace('{p}', String(fixtures.passed)).replace('{f}', String(fixtures.failed))}
              </span>
            </Typography.Paragraph>
            <List
              size="small"
              data-testid="fixture-cases"
              dataSource={fixtures.cases}
              pagination={{ pageSize: 30, hideOnSinglePage: true, showSizeChanger: false }}
              renderItem={(c) => (
                <List.Item data-passed={String(c.mismatches.length === 0)}>
                  <div>
                    <Tag color={c.mismatches.length ? '#a8071a' : '#237804'}>{c.mismatches.length ? tx('failed') : tx('passed')}</Tag>
                    <span>
                      {c.form} · {c.description}
                    </span>
                    {c.reference && <Typography.Text type="secondary"> ({c.reference})</Typography.Text>}
                    {c.mismatches.length > 0 && (
                      <ul>
                        {c.mismatches.map((m, i) => (
                          <li key={i}>{m}</li>
                        ))}
                      </ul>
                    )}
                  </div>
                </List.Item>
              )}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
