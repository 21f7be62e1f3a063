// The draft's report templates: one chosen from the plugin's list, edited as JSON, and run over the records filed
// now (POST /api/studio/drafts/:id/reports/:report/run) — the draft is saved first, so the preview is of what the
// editor shows. The JSON is checked against the report meta-schema as one types; a template that does not build
// comes back with the loader's errors at their file and pointer.
import { useMemo, useState } from 'react';
import { Alert, Button, Input, Select, Space, Table, Typography } from 'antd';
import { ApiError, NETWORK_ERROR } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import { formatCell } from '../pages/reports/report-types';
import { CodeEditor } from './CodeEditor';
import { metaCheck } from './lint-off-thread';
import { previewReport, type DraftFiles, type ReportPreview } from './studio-api';

const TEXTS = {
  report: ['报表模板', 'Report template'],
  noReports: ['这个插件还没有报表(plugin.json 的 reports 列表)', 'This plugin has no reports yet (plugin.json "reports")'],
  period: ['期间', 'Period'],
  run: ['用当前数据预览', 'Preview on current data'],
  running: ['正在运行…', 'Running…'],
  note: [
    '预览先保存草稿,再按草稿中的模板统计已填报的记录(只读,按您的权限范围)。',
    'The preview saves the draft, then runs its template over the records filed now (read only, within your units).',
  ],
  rows: ['{n} 行', '{n} rows'],
  truncated: ['结果已截断', 'The result was cut short'],
  failed: ['预览失败', 'The preview failed'],
} as const;

type Result = ReportPreview;
interface Problem {
  title: LocalText | string;
  lines: string[];
}

/** The report files the manifest lists, else every file under reports/. */
function reportPaths(files: DraftFiles): string[] {
  try {
    const listed = (JSON.parse(files['plugin.json'] ?? '{}') as { reports?: unknown }).reports;
    if (Array.isArray(listed)) return listed.filter((p): p is string => typeof p === 'string' && p in files);
  } catch {
    /* plugin.json being typed: fall back to the folder */
  }
  return Object.keys(files).filter((p) => p.startsWith('reports/') && p.endsWith('.json'));
}

/** The template's id and declared parameters, while its JSON parses. */
function templateOf(text: string | undefined): { id?: string; parameters: { name: string; default?: unknown }[] } {
  try {
    const t = JSON.parse(text ?? '') as { id?: unknown; parameters?: unknown };
    const parameters = Array.isArray(t.parameters) ? t.parameters.filter((p) => typeof p?.name === 'string') : [];
    return { id: typeof t.id === 'string' ? t.id : undefined, parameters };
  } catch {
    return { parameters: [] };
  }
}

export function ReportsTab(props: {
  draftId: string;
  files: DraftFiles;
  onChange: (path: string, text: string) => void;
  /** Saves pending edits; the server's revision, or null when the save failed. */
  flush: () => Promise<number | null>;
}) {
  const { lt, locale } = useI18n();
  const tx = useTexts(TEXTS);
  const paths = useMemo(() => reportPaths(props.files), [props.files]);
  const [chosen, setChosen] = useState(paths[0] ?? '');
  const path = paths.includes(chosen) ? chosen : (paths[0] ?? '');
  const template = templateOf(props.files[path]);
  // The template checked against the report meta-schema as one types, as in the files tab.
  const check = useMemo(() => (path ? metaCheck('report', path, lt) : undefined), [path, lt]);
  const [query, setQuery] = useState<Record<string, string>>({ period: String(new Date().getFullYear()) });
  const [result, setResult] = useState<Result | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  if (!paths.length) return <Alert type="info" message={tx('noReports')} />;

  const run = async () => {
    if (!template.id) return;
    setBusy(true);
    setProblem(null);
    try {
      if ((await props.flush()) === null) return;
      const sent = Object.fromEntries(Object.entries(query).filter(([, v]) => v.trim() !== ''));
      setResult(await previewReport(props.draftId, template.id, sent));
    } catch (e) {
      setResult(null);
      if (e instanceof ApiError)
        setProblem({
          title: e.text,
          lines: e.details.map((d) => [(d as { file?: string }).file, d.pointer, lt(d.message)].filter(Boolean).join(' · ')),
        });
      else setProblem({ title: NETWORK_ERROR, lines: [] });
    } finally {
      setBusy(false);
    }
  };

  const fields = [{ name: 'period', default: undefined }, ...template.parameters];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <label htmlFor="studio-report">{tx('report')}</label>
      <Select
        id="studio-report"
        value={path}
        onChange={(p) => {
          setChosen(p);
          setResult(null);
          setProblem(null);
        }}
        options={paths.map((p) => ({ value: p, label: p }))}
        style={{ width: '100%' }}
        data-testid="studio-report"
      />
      <CodeEditor
        key={path}
        value={props.files[path]}
        onChange={(text) => props.onChange(path, text)}
        label={`${tx('report')} ${path}`}
        testId="report-editor"
        check={check}
      />
      <Typography.Text type="secondary">{tx('note')}</Typography.Text>
      <Space wrap>
        {fields.map((f) => (
          <Space key={f.name} size={4}>
            <label htmlFor={`report-param-${f.name}`}>{f.name === 'period' ? tx('period') : f.name}</label>
            <Input
              id={`report-param-${f.name}`}
              value={query[f.name] ?? ''}
              placeholder={f.default === undefined ? '' : String(f.default)}
              onChange={(e) => setQuery({ ...query, [f.name]: e.target.value })}
              style={{ width: 140 }}
            />
          </Space>
        ))}
        <Button type="primary" onClick={() => void run()} loading={busy} disabled={!template.id} data-testid="report-run">
          {busy ? tx('running') : tx('run')}
        </Button>
      </Space>
      {problem && (
        <Alert
          type="error"
          data-testid="report-problem"
          message={`${tx('failed')}: ${typeof problem.title === 'string' ? problem.title : lt(problem.title)}`}
          description={problem.lines.length ? problem.lines.map((l) => <div key={l}>{l}</div>) : undefined}
        />
      )}
      {result && (
        <>
          <Typography.Text data-testid="report-preview-count">
            {tx('rows').replace('{n}', String(result.rows.length))}
            {result.truncated ? ` · ${tx('truncated')}` : ''}
          </Typography.Text>
          <Table<Record<string, unknown>>
            data-testid="report-preview"
            size="small"
            bordered
            rowKey="__key"
            dataSource={result.rows.map((r, i) => ({ ...r, __key: i }))}
            columns={result.columns.map((c) => ({
              key: c.id,
              title: lt(c.label as LocalText),
              dataIndex: c.id,
              render: (v: unknown) => formatCell(v, c, locale),
            }))}
            pagination={result.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
          />
        </>
      )}
    </Space>
  );
}
