// Admin: the installed plugins (active version and every other installed version) and the plugins that failed to
// load, each with every error the loader found (file, JSON pointer, message).
import { useEffect, useState } from 'react';
import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { useTexts } from '../../texts';
import { loadSummaries, type PluginFailure, type PluginSummary } from '../../plugin-summaries';

const TEXTS = {
  title: ['插件', 'Plugins'],
  installed: ['已安装', 'Installed'],
  failures: ['加载失败的插件', 'Plugins that failed to load'],
  version: ['当前版本', 'Active version'],
  others: ['其他已安装版本', 'Other installed versions'],
  forms: ['表单 {n} 个', '{n} forms'],
  fixtures: ['测试用例 {n} 个', '{n} fixture cases'],
  open: ['详情', 'Details'],
  errors: ['{n} 个错误', '{n} errors'],
  parameters: ['参数', 'Parameters'],
} as const;

export function PluginsPage() {
  const { t, lt } = useI18n();
  const tx = useTexts(TEXTS);
  const [plugins, setPlugins] = useState<PluginSummary[]>([]);
  const [failures, setFailures] = useState<PluginFailure[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    loadSummaries().then(
      (s) => {
        setPlugins(s.plugins);
        setFailures(s.failures);
      },
      (e) => setError(e instanceof ApiError ? lt(e.text) : String(e)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <a href="#/">{t('back')}</a>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {tx('title')}
      </Typography.Title>
      {error && <Alert type="error" role="alert" message={error} />}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('installed')}</h2>}>
        <List
          data-testid="installed-plugins"
          dataSource={plugins}
          renderItem={(p) => (
            <List.Item
              data-plugin={p.id}
              actions={[
                <a key="open" href={`#/admin/plugins/${encodeURIComponent(p.id)}`} aria-label={`${tx('open')} ${lt(p.title)}`}>
                  {tx('open')}
                </a>,
                <a key="params" href={`#/parameters/${encodeURIComponent(p.id)}`} aria-label={`${tx('parameters')} ${lt(p.title)}`}>
                  {tx('parameters')}
                </a>,
              ]}
            >
              <List.Item.Meta
                title={<a href={`#/admin/plugins/${encodeURIComponent(p.id)}`}>{lt(p.title)}</a>}
                description={
                  <Space direction="vertical" size={2}>
                    <span>
                      {p.id} · {tx('version')} <Tag data-testid="plugin-version">{p.version}</Tag>
                      {p.versions.filter((v) => v !== p.version).length > 0 && (
                        <>
                          {tx('others')}:{' '}
                          {p.versions
                            .filter((v) => v !== p.version)
                            .map((v) => (
                              <Tag key={v}>{v}</Tag>
                            ))}
                        </>
                      )}
                    </span>
                    {p.description && <span>{lt(p.description)}</span>}
                    <span>
                      {tx('forms').replace('{n}', String(p.forms.length))} · {tx('fixtures').replace('{n}', String(p.fixtures))}
                    </span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      {failures.length > 0 && (
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('failures')}</h2>}>
          <List
            data-testid="plugin-failures"
            dataSource={failures}
            renderItem={(f) => (
              <List.Item>
                <div style={{ width: '100%' }}>
                  <strong>{f.pluginId ?? f.source}</strong>{' '}
                  <Tag color="#a8071a">{tx('errors').replace('{n}', String(f.errors.length))}</Tag>
                  <div>{f.source}</div>
                  <ul>
                    {f.errors.map((e, i) => (
                      <li key={i}>
                        <code>{[e.file, e.pointer].filter(Boolean).join(' ')}</code> {lt(e.message)}
                      </li>
                    ))}
                  </ul>
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
