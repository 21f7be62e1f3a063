// Admin: plugin packs. Choose a .hzpack, read its dry run (signature, refusal with every error, fixtures, the diff
// against the active version), then install it — optionally moving open records to the new version, or overriding
// failing fixtures with a reason. Below: roll back, uninstall or enable an installed plugin, and the history of
// every such step. The pack is sent as the file's bytes; the server checks everything again on install.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Input, List, Space, Table, Tag, Typography } from 'antd';
import { ApiError, NETWORK_ERROR, api, apiErrorOf } from '../../api';
import { useI18n, type LocalText } from '../../i18n';
import { useTexts } from '../../texts';
import { loadSummaries, type PluginSummary } from '../../plugin-summaries';
import { PACK_TEXTS as TEXTS } from './pack-texts';

interface Detail {
  pointer: string;
  file?: string;
  message: LocalText;
}
interface Report {
  outcome: 'ready' | 'blocked' | 'already-installed' | 'refused';
  plugin: { id: string; version: string } | null;
  signature: string | null;
  refusal: { code: string; message: LocalText; details: Detail[] } | null;
  fixtures: { passed: number; failed: number; failing: { suite: string; description: string; mismatches: string[] }[] } | null;
  installed: { active: string | null };
  change: string | null;
  diff: { breaking: boolean; forms: { added: string[]; removed: string[]; changed: { form: string; breaking: boolean }[] } } | null;
}
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

/** POSTs the file's bytes as application/octet-stream; the JSON answer, or the ApiError of a refusal. */
async function postPack<T>(url: string, file: File): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_ERROR, []);
  }
  const json = await res.json().catch(() => null);
  if (!res.ok) throw apiErrorOf(res.status, json, { 'zh-CN': `请求失败(${res.status})`, en: `Request failed (${res.status})` });
  return json as T;
}

const OUTCOME_COLOR: Record<Report['outcome'], string> = {
  ready: '#237804',
  blocked: '#ad4e00',
  'already-installed': '#0958d9',
  refused: '#a8071a',
};

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
  const [plugins, setPlugins] = useState<PluginSummary[]>([]);
  const [history, setHistory] = useState<HistoryEvent[]>([]);

  const fail = (e: unknown) =>
    setError(e instanceof ApiError ? { text: lt(e.text), details: e.details as Detail[] } : { text: String(e), details: [] });
  const reload = () => {
    loadSummaries().then((s) => setPlugins(s.plugins), fail);
    api<{ events: HistoryEvent[] }>('GET', '/api/packs/history?limit=50').then((h) => setHistory(h.events), fail);
  };
  useEffect(reload, []); // eslint-disable-line react-hooks/exhaustive-deps

  async function choose(f: File | null) {
    setFile(f);
    setReport(null);
    setNotice(null);
    setError(null);
    if (!f) return;
    setBusy(true);
    try {
      setReport(await postPack<Report>('/api/packs/dry-run', f));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  async function install() {
    if (!file) return;
    const q = new URLSearchParams();
    if (move) q.set('moveOpenRecords', 'true');
    if (report?.outcome === 'blocked') q.set('overrideFixtures', reason.trim());
    setBusy(true);
    setError(null);
    try {
      const r = await postPack<{ outcome: string; plugin: { id: string; version: string } }>(`/api/packs?${q}`, file);
      const outcome = r.outcome === 'installed' ? tx('install') : tx(r.outcome as keyof typeof TEXTS);
      setNotice(tx('installed').replace('{plugin}', `${r.plugin.id}@${r.plugin.version}`).replace('{outcome}', outcome));
      setReport(null);
      setFile(null);
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
            onChange={(e) => void choose(e.target.files?.[0] ?? null)}
          />
          {busy && <span role="status">{tx('reading')}</span>}
          {report && <ReportView report={report} />}
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

function DetailList({ details }: { details: Detail[] }) {
  const { lt } = useI18n();
  return (
    <ul style={{ margin: 0 }}>
      {details.map((d, i) => (
        <li key={i}>
          <code>{[d.file, d.pointer].filter(Boolean).join(' ')}</code> {lt(d.message)}
        </li>
      ))}
    </ul>
  );
}

function ReportView({ report }: { report: Report }) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const diff = report.diff;
  return (
    <div data-testid="dry-run-report">
      <p>
        <Tag color={OUTCOME_COLOR[report.outcome]} data-testid="dry-run-outcome">
          {tx(report.outcome)}
        </Tag>
        {report.plugin && (
          <strong>
            {report.plugin.id}@{report.plugin.version}
          </strong>
        )}{' '}
        {report.change && tx(report.change as keyof typeof TEXTS)}
        {report.installed.active && ` · ${tx('active')} ${report.installed.active}`}
      </p>
      <p data-testid="dry-run-signature">
        {tx('signature')}: {report.signature ? tx(report.signature as keyof typeof TEXTS) : '-'}
      </p>
      {report.refusal && (
        <Alert
          type="error"
          message={`${report.refusal.code}: ${lt(report.refusal.message)}`}
          description={<DetailList details={report.refusal.details} />}
        />
      )}
      {report.fixtures && (
        <p data-testid="dry-run-fixtures">
          {tx('fixtures').replace('{passed}', String(report.fixtures.passed)).replace('{failed}', String(report.fixtures.failed))}
        </p>
      )}
      {report.fixtures && report.fixtures.failing.length > 0 && (
        <ul>
          {report.fixtures.failing.map((c, i) => (
            <li key={i}>
              {c.suite}: {c.description} — {c.mismatches.join('; ')}
            </li>
          ))}
        </ul>
      )}
      {diff && (
        <p data-testid="dry-run-diff">
          {diff.breaking ? <Tag color="#a8071a">{tx('breaking')}</Tag> : <Tag color="#237804">{tx('compatible')}</Tag>}
          {tx('forms')
            .replace('{added}', diff.forms.added.join(', ') || '-')
            .replace('{removed}', diff.forms.removed.join(', ') || '-')
            .replace('{changed}', diff.forms.changed.map((f) => f.form).join(', ') || '-')}
        </p>
      )}
    </div>
  );
}
