// Admin: plugin packs. Choose a .hzpack, read its dry run (signature, refusal with every error, fixtures, the diff
// against the active version), then install it — optionally moving open records to the new version, or overriding
// failing fixtures with a reason. Below: roll back, uninstall or enable an installed plugin, and the history of
// every such step. The dry run also lists the parameters to bind for this county (rerun under the bound values,
// which the install sends too) and the impact on the installed version's open records; an expired policy is
// extended from the plugins list. The server checks everything again on install.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Input, List, Space, Table, Tag, Typography } from 'antd';
import { ApiError, api } from '../../api';
import { useI18n, type LocalText } from '../../i18n';
import { useTexts } from '../../texts';
import { loadSummaries, type PluginSummary } from '../../plugin-summaries';
import type { PolicyWindow } from '../../policy-window';
import { PACK_TEXTS as TEXTS } from './pack-texts';
import { bindingErrors, postPack, type Detail, type Report } from './pack-request';
import { PackParameters } from './PackParameters';
import { PackImpact } from './PackImpact';
import { PolicyExtension } from './PolicyExtension';
import { DetailList, ReportView } from './PackReport';

/** GET /api/plugins gives each plugin's policy window too (plugin-summaries.ts does not name it). */
type PluginRow = PluginSummary & { policy?: PolicyWindow };

interface HistoryEvent {
  id: number;
  at: string;
  action: string;
  actor: { username: string } | null;
  plugin: string;
  version: string | null;
  packSha256: string | null;
  signature: string | null;
}

export function PacksPage() {
  const { t, lt } = useI18n();
  const tx = useTexts(TEXTS);
  const [file, setFile] = useState<File | null>(null);
  // A new key empties the file input once its pack is installed.
  const [inputKey, setInputKey] = useState(0);
  const [report, setReport] = useState<Report | null>(null);
  const [move, setMove] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<{ text: string; details: Detail[] } | null>(null);
  const [plugins, setPlugins] = useState<PluginRow[]>([]);
  // This county's values entered for the pack's parameters (only those the admin touched), and the server's
  // refusal of them by name.
  const [bindings, setBindings] = useState<Record<string, unknown>>({});
  const [paramErrors, setParamErrors] = useState<Record<string, LocalText>>({});
  const [history, setHistory] = useState<HistoryEvent[]>([]);

  const failAlert = (e: unknown) =>
    setError(e instanceof ApiError ? { text: lt(e.text), details: e.details as Detail[] } : { text: String(e), details: [] });
  const fail = (e: unknown) => {
    const atInputs = e instanceof ApiError && e.code === 'PARAMETERS_INVALID' ? bindingErrors(e.details as Detail[]) : {};
    setParamErrors(atInputs);
    if (Object.keys(atInputs).length === 0) failAlert(e);
  };
  const reload = () => {
    loadSummaries().then((s) => setPlugins(s.plugins), fail);
    api<{ events: HistoryEvent[] }>('GET', '/api/packs/history?limit=50').then((h) => setHistory(h.events), fail);
  };
  useEffect(reload, []); // eslint-disable-line react-hooks/exhaustive-deps

  async function dryRun(f: File, values: Record<string, unknown>) {
    setNotice(null);
    setError(null);
    setParamErrors({});
    setBusy(true);
    try {
      setReport(await postPack<Report>('/api/packs/dry-run', f, values));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  function choose(f: File | null) {
    setFile(f);
    setReport(null);
    setBindings({});
    setNotice(null);
    setError(null);
    setParamErrors({});
    if (f) void dryRun(f, {});
  }

  async function install() {
    if (!file) return;
    const q = new URLSearchParams();
    if (move) q.set('moveOpenRecords', 'true');
    if (report?.outcome === 'blocked') q.set('overrideFixtures', reason.trim());
    setBusy(true);
    setError(null);
    setParamErrors({});
    try {
      const r = await postPack<{ outcome: string; plugin: { id: string; version: string } }>(`/api/packs?${q}`, file, bindings);
      const outcome = r.outcome === 'installed' ? tx('install') : tx(r.outcome as keyof typeof TEXTS);
      setNotice(tx('installed').replace('{plugin}', `${r.plugin.id}@${r.plugin.version}`).replace('{outcome}', outcome));
      setReport(null);
      setFile(null);
      setBindings({});
      setInputKey((k) => k + 1);
      reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  async function lifecycle(step: 'rollback' | 'uninstall' | 'enable', plugin: string) {
    setError(null);
    try {
      const r = await api<{ activeVersion: string; disabled: boolean }>('POST', `/api/packs/${step}`, { plugin });
      setNotice(
        tx('stateNow')
          .replace('{plugin}', plugin)
          .replace('{version}', r.activeVersion)
          .replace('{state}', r.disabled ? tx('disabled') : tx('enabled')),
      );
      reload();
    } catch (e) {
      fail(e);
    }
  }

  const canInstall =
    report && (report.outcome === 'ready' || report.outcome === 'already-installed' || (report.outcome === 'blocked' && reason.trim()));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <a href="#/">{t('back')}</a>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {tx('title')}
      </Typography.Title>
      {notice && <Alert type="success" role="status" message={notice} data-testid="notice" />}
      {error && (
        <Alert
          type="error"
          role="alert"
          message={error.text}
          description={error.details.length > 0 && <DetailList details={error.details} />}
        />
      )}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('upload')}</h2>}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <label htmlFor="pack-file">{tx('file')}</label>
          <input
            key={inputKey}
            id="pack-file"
            type="file"
            accept=".hzpack"
            data-testid="pack-file"
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
          />
          {busy && <span role="status">{tx('reading')}</span>}
          {report && <ReportView report={report} />}
          {report && file && report.outcome !== 'refused' && (
            <PackParameters
              parameters={report.parameters}
              bindings={bindings}
              errors={paramErrors}
              busy={busy}
              onChange={(name, value) => setBindings((b) => ({ ...b, [name]: value }))}
              onRecheck={() => void dryRun(file, bindings)}
            />
          )}
          {report && report.outcome !== 'refused' && <PackImpact impact={report.impact} />}
          {report && report.outcome !== 'refused' && (
            <>
              <Checkbox checked={move} onChange={(e) => setMove(e.target.checked)} data-testid="move-open-records">
                {tx('move')}
              </Checkbox>
              {report.outcome === 'blocked' && (
                <>
                  <label htmlFor="override-reason">{tx('override')}</label>
                  <Input id="override-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
                </>
              )}
              <Button type="primary" disabled={!canInstall || busy} onClick={() => void install()} data-testid="install-pack">
                {tx('install')}
              </Button>
            </>
          )}
        </Space>
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('plugins')}</h2>}>
        <List
          data-testid="pack-plugins"
          dataSource={plugins}
          renderItem={(p) => (
            <List.Item data-plugin={p.id} style={{ flexWrap: 'wrap', gap: 8 }}>
              <span>
                {lt(p.title)} · {p.id} <Tag>{p.version}</Tag>
              </span>
              <Space wrap>
                <Button
                  size="small"
                  autoInsertSpace={false}
                  onClick={() => void lifecycle('rollback', p.id)}
                  aria-label={`${tx('rollback')} ${p.id}`}
                >
                  {tx('rollback')}
                </Button>
                <Button
                  size="small"
                  danger
                  autoInsertSpace={false}
                  onClick={() => void lifecycle('uninstall', p.id)}
                  aria-label={`${tx('uninstall')} ${p.id}`}
                >
                  {tx('uninstall')}
                </Button>
                <Button
                  size="small"
                  autoInsertSpace={false}
                  onClick={() => void lifecycle('enable', p.id)}
                  aria-label={`${tx('enable')} ${p.id}`}
                >
                  {tx('enable')}
                </Button>
              </Space>
              <PolicyExtension
                plugin={p.id}
                policy={p.policy}
                onError={failAlert}
                onExtended={(policy) => {
                  setNotice(
                    tx('extended')
                      .replace('{plugin}', p.id)
                      .replace('{until}', policy.extension?.until ?? policy.until ?? '-'),
                  );
                  reload();
                }}
              />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('history')}</h2>}>
        <Table<HistoryEvent>
          data-testid="pack-history"
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          pagination={false}
          dataSource={history}
          columns={[
            { title: tx('when'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString() },
            { title: tx('action'), dataIndex: 'action' },
            { title: tx('plugin'), render: (_: unknown, e) => `${e.plugin}@${e.version ?? '-'}` },
            { title: tx('who'), render: (_: unknown, e) => e.actor?.username ?? tx('system') },
            { title: tx('signature'), dataIndex: 'signature', render: (v: string | null) => v ?? '-' },
            { title: 'sha256', dataIndex: 'packSha256', render: (v: string | null) => (v ? <code>{v.slice(0, 12)}…</code> : '-') },
          ]}
        />
      </Card>
    </Space>
  );
}
