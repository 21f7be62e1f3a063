// One report: its parameters (period, org unit and what the template declares), the table, the chart, downloads
// as .xlsx / .csv, and a print view for official lists (the app's chrome is hidden when printing).
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ApiError, api } from '../../api';
import { useI18n } from '../../i18n';
import { useTexts } from '../../texts';
import { defaultPeriod } from '../../plugin';
import { downloadFile } from '../../download';
import type { OrgUnitRow } from '../../org-units';
import { UnitSelect } from '../../UnitSelect';
import { CHART_HEIGHT, formatCell, isNumeric, type ReportDescription, type ReportResult } from './report-types';

const loadChart = () => import('./ReportChart');
const ReportChart = lazy(loadChart);

const TEXTS = {
  reports: ['报表', 'Reports'],
  run: ['生成报表', 'Run report'],
  orgUnit: ['机构', 'Org unit'],
  allUnits: ['我的全部范围', 'All my units'],
  xlsx: ['下载 Excel', 'Download Excel'],
  csv: ['下载 CSV', 'Download CSV'],
  print: ['打印', 'Print'],
  generatedAt: ['生成时间', 'Generated at'],
  rows: ['共 {n} 行', '{n} rows'],
  truncated: ['结果过多,仅显示前面部分;请缩小范围', 'Too many rows; only the first are shown — narrow the report'],
  loadingChart: ['正在加载图表…', 'Loading chart…'],
} as const;

const PRINT_CSS = `
.report-print-header { display: none; }
.report-total-row td { font-weight: 600; background: #fafafa; }
@media print {
  .ant-layout-header, .ant-layout-footer, .no-print { display: none !important; }
  .report-print-header { display: block; text-align: center; }
  .report-sheet .ant-card { border: none; }
}`;

type Values = Record<string, string | number | boolean | undefined>;

export function ReportPage({ plugin, report: reportWithQuery }: { plugin: string; report: string }) {
  const { t, lt, locale } = useI18n();
  const tx = useTexts(TEXTS);
  const [reportId, query] = reportWithQuery.split('?');
  const [desc, setDesc] = useState<ReportDescription | null>(null);
  const [units, setUnits] = useState<OrgUnitRow[]>([]);
  const [values, setValues] = useState<Values>({});
  const [result, setResult] = useState<ReportResult | null>(null);
  const [error, setError] = useState<{ title: string; fields: Record<string, string> } | null>(null);
  const [busy, setBusy] = useState(false);
  /** Set once the defaults are in: a report opens already run when nothing it requires is missing. */
  const [runOnOpen, setRunOnOpen] = useState(false);

  useEffect(() => {
    Promise.all([
      api<{ reports: ReportDescription[] }>('GET', `/api/plugins/${encodeURIComponent(plugin)}/reports`),
      api<{ units: OrgUnitRow[] }>('GET', '/api/org-units'),
    ]).then(
      ([r, u]) => {
        const d = r.reports.find((x) => x.id === reportId);
        if (!d) {
          setError({ title: `${t('error')}: ${reportId}`, fields: {} });
          return;
        }
        setDesc(d);
        setUnits(u.units);
        // Fetched while the report runs, not after: the chart is drawn with the table, not seconds later.
        if (d.chart) void loadChart();
        const asked = Object.fromEntries(new URLSearchParams(query ?? ''));
        const initial: Values = {
          ...Object.fromEntries(d.parameters.filter((p) => p.default !== undefined).map((p) => [p.name, p.default])),
          ...asked,
        };
        if (d.period && initial.period === undefined && d.period.kind) initial.period = defaultPeriod(d.period.kind);
        setValues(initial);
        const given = (v: unknown) => v !== undefined && v !== null && v !== '';
        setRunOnOpen((!d.period?.required || given(initial.period)) && d.parameters.every((p) => !p.required || given(initial[p.name])));
      },
      (e) => setError({ title: e instanceof ApiError ? lt(e.text) : String(e), fields: {} }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plugin, reportId]);

  const queryString = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') q.set(k, String(v));
    q.set('lang', locale);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return q.toString();
  };
  const url = (extra?: Record<string, string>) =>
    `/api/plugins/${encodeURIComponent(plugin)}/reports/${encodeURIComponent(reportId)}?${queryString(extra)}`;

  const fail = (e: unknown) => {
    if (!(e instanceof ApiError)) {
      setError({ title: String(e), fields: {} });
      return;
    }
    const fields: Record<string, string> = {};
    for (const d of e.details) fields[d.pointer.replace(/^\//, '').split('/')[0] || '_'] = lt(d.message);
    setError({ title: lt(e.text), fields });
  };

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api<ReportResult>('GET', url()));
    } catch (e) {
      fail(e);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (!runOnOpen) return;
    setRunOnOpen(false);
    void run();
    // run reads the values just set; it runs once per opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runOnOpen]);
  const download = (format: 'xlsx' | 'csv') => downloadFile(url({ format }), `${reportId}.${format}`).catch(fail);

  const columns: ColumnsType<Record<string, unknown>> = useMemo(
    () =>
      (result?.columns ?? []).map((c) => ({
        key: c.id,
        dataIndex: c.id,
        title: lt(c.label),
        align: isNumeric(c.format) ? ('right' as const) : ('left' as const),
        render: (v: unknown) => formatCell(v, c, locale),
      })),
    [result, locale, lt],
  );
  const rows = useMemo(() => (result?.rows ?? []).map((r, i) => ({ ...r, __key: i })), [result]);
  const chartProps = useMemo(
    () =>
      result?.chart
        ? {
            // Total rows would dwarf the units they add up, so the chart shows the units only.
            spec: result.chart,
            columns: result.columns,
            rows: result.rows.filter((r) => r._rollup !== true),
            label: (c: { label: any }) => lt(c.label),
            title: lt(result.chart.title ?? result.report.title),
          }
        : null,
    [result, lt],
  );

  const field = (name: string) => ({ validateStatus: error?.fields[name] ? ('error' as const) : undefined, help: error?.fields[name] });
  const set = (name: string, v: Values[string]) => setValues((old) => ({ ...old, [name]: v }));

  return (
    <Space direction="vertical" style={{ width: '100%' }} className="report-sheet">
      <style>{PRINT_CSS}</style>
      <Space className="no-print" wrap>
        <a href="#/">{t('back')}</a>
        <a href="#/reports">{tx('reports')}</a>
      </Space>
      <Typography.Title level={1} style={{ fontSize: 22 }} className="no-print">
        {desc ? lt(desc.title) : reportId}
      </Typography.Title>
      {desc?.description && <Typography.Paragraph className="no-print">{lt(desc.description)}</Typography.Paragraph>}
      {error && (
        <Alert
          type="error"
          role="alert"
          data-testid="errors"
          message={error.title}
          className="no-print"
          description={error.fields._ ? error.fields._ : undefined}
        />
      )}
      {desc && (
        <Card size="small" className="no-print">
          <Form layout="inline" onFinish={() => void run()} style={{ rowGap: 8 }}>
            {desc.period && (
              <Form.Item
                label={lt(desc.period.title) || t('period')}
                htmlFor="report-period"
                required={desc.period.required}
                {...field('period')}
              >
                <Input
                  id="report-period"
                  value={String(values.period ?? '')}
                  onChange={(e) => set('period', e.target.value)}
                  style={{ width: 120 }}
                />
              </Form.Item>
            )}
            <Form.Item label={tx('orgUnit')} htmlFor="report-org" {...field('orgUnitId')}>
              <UnitSelect
                id="report-org"
                units={units}
                value={values.orgUnitId ? String(values.orgUnitId) : undefined}
                onChange={(v) => set('orgUnitId', v)}
                emptyLabel={tx('allUnits')}
              />
            </Form.Item>
            {desc.parameters.map((p) => {
              const id = `report-param-${p.name}`;
              const v = values[p.name];
              let input;
              if (p.enum)
                input = (
                  <Select
                    id={id}
                    value={v as string}
                    onChange={(x) => set(p.name, x)}
                    style={{ minWidth: 120 }}
                    options={p.enum.map((e) => ({ value: e, label: String(e) }))}
                  />
                );
              else if (p.type === 'boolean')
                input = <Switch id={id} checked={v === true || v === 'true'} onChange={(x) => set(p.name, x)} />;
              else if (p.type === 'integer' || p.type === 'number')
                input = (
                  <InputNumber
                    id={id}
                    value={v === undefined || v === '' ? null : Number(v)}
                    onChange={(x) => set(p.name, x ?? undefined)}
                  />
                );
              else
                input = (
                  <Input
                    id={id}
                    type={p.type === 'date' ? 'date' : 'text'}
                    value={String(v ?? '')}
                    onChange={(e) => set(p.name, e.target.value)}
                  />
                );
              return (
                <Form.Item key={p.name} label={lt(p.title)} htmlFor={id} required={p.required} {...field(p.name)}>
                  {input}
                </Form.Item>
              );
            })}
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="run-report">
                {tx('run')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      {result && (
        <>
          <div className="report-print-header" data-testid="report-print-header">
            <h1 style={{ fontSize: 20 }}>{result.print?.title ?? lt(result.report.title)}</h1>
            {(result.print?.headerLines ?? []).map((l, i) => (
              <p key={i}>{l}</p>
            ))}
          </div>
          <Space className="no-print" wrap>
            <Button onClick={() => void download('xlsx')} data-testid="download-xlsx">
              {tx('xlsx')}
            </Button>
            <Button onClick={() => void download('csv')} data-testid="download-csv">
              {tx('csv')}
            </Button>
            <Button onClick={() => window.print()} data-testid="print-report">
              {tx('print')}
            </Button>
            <Typography.Text type="secondary">
              {tx('generatedAt')}: {new Date(result.generatedAt).toLocaleString(locale)}
            </Typography.Text>
            <Typography.Text type="secondary" data-testid="report-count">
              {tx('rows').replace('{n}', String(result.rows.length))}
            </Typography.Text>
          </Space>
          {result.truncated && <Alert type="warning" message={tx('truncated')} className="no-print" />}
          {chartProps && (
            <Card size="small" className="no-print">
              {/* The placeholder is as tall as the chart, so the table below does not move when it is drawn. */}
              <Suspense
                fallback={
                  <div role="status" style={{ height: CHART_HEIGHT, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
                    {tx('loadingChart')}
                  </div>
                }
              >
                <ReportChart {...chartProps} />
              </Suspense>
            </Card>
          )}
          <Table<Record<string, unknown>>
            data-testid="report-table"
            size="small"
            bordered
            columns={columns}
            dataSource={rows}
            rowKey="__key"
            rowClassName={(r) => (r._rollup === true ? 'report-total-row' : '')}
            pagination={rows.length > 200 ? { pageSize: 200, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
          />
          {(result.print?.footerLines ?? []).length > 0 && (
            <div data-testid="report-footer">
              {result.print!.footerLines.map((l, i) => (
                <p key={i}>{l}</p>
              ))}
            </div>
          )}
        </>
      )}
    </Space>
  );
}
