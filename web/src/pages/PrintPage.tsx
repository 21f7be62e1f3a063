// A clean, read-only rendering of one record for printing (e.g. an application form with its score sheet):
// header facts, every field in schema order, the rule results summary, a sign-and-stamp area and the date it was
// generated. When printing, the app's header, footer and buttons are hidden by the @media print rules below.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Space } from 'antd';
import { ApiError, api } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import { clientForm, loadForm, translate, type ClientForm } from '../plugin';
import { PrintFields, attachmentIds } from './PrintFields';
import { refTitles } from '../refs/ref-titles';
import { PrintWhy } from '../record/PrintWhy';
import type { RecordView } from './HomePage';
import type { RuleResults } from '../../../platform/evaluation/types';

const TEXTS = {
  print: ['打印', 'Print'],
  back: ['返回记录', 'Back to the record'],
  orgUnit: ['填报单位', 'Org unit'],
  period: ['期间', 'Period'],
  state: ['状态', 'State'],
  subject: ['对象', 'Subject'],
  results: ['规则结果', 'Rule results'],
  conditions: ['条件', 'Conditions'],
  passedOf: ['通过 {p} 项,未通过 {f} 项', '{p} passed, {f} failed'],
  passed: ['通过', 'Passed'],
  failed: ['未通过', 'Failed'],
  score: ['评分', 'Score'],
  dimension: ['维度', 'Dimension'],
  points: ['得分', 'Points'],
  max: ['满分', 'Maximum'],
  total: ['总分', 'Total'],
  classes: ['分类标记', 'Classes'],
  sign: ['签章', 'Signatures'],
  applicant: ['填报单位(盖章)', 'Applicant (stamp)'],
  head: ['负责人(签字)', 'Person in charge (signature)'],
  reviewer: ['审核意见(盖章)', 'Review opinion (stamp)'],
  date: ['日期:    年  月  日', 'Date:'],
  generated: ['生成时间', 'Generated'],
} as const;

const CSS = `
.print-sheet { background: #fff; padding: 16px; max-width: 900px; margin: 0 auto; color: #000; }
.print-sheet h1 { font-size: 22px; text-align: center; margin: 8px 0 16px; }
.print-heading { font-size: 16px; margin: 16px 0 6px; }
.print-table { border-collapse: collapse; width: 100%; margin-bottom: 8px; }
.print-table th, .print-table td { border: 1px solid #8c8c8c; padding: 4px 8px; text-align: left; vertical-align: top; font-weight: normal; }
.print-table th[scope=row] { width: 38%; background: #fafafa; }
.print-table thead th { background: #fafafa; font-weight: 600; }
.print-signs { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; margin-top: 12px; }
.print-signs > div { border: 1px solid #8c8c8c; min-height: 120px; padding: 8px; display: flex; flex-direction: column; justify-content: space-between; }
@media print {
  .ant-layout-header, .ant-layout-footer, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { background: #fff !important; padding: 0 !important; max-width: none !important; }
  .print-sheet { padding: 0; max-width: none; }
  .print-table tr, .print-signs { break-inside: avoid; }
}`;

export function PrintPage({ recordId }: { recordId: string }) {
  const { lt, locale } = useI18n();
  const tx = useTexts(TEXTS);
  const [record, setRecord] = useState<RecordView | null>(null);
  const [form, setForm] = useState<ClientForm | null>(null);
  const [pluginTitle, setPluginTitle] = useState<LocalText | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generated] = useState(() => new Date());
  const [names, setNames] = useState<Record<string, string>>({});

  useEffect(() => {
    (async () => {
      const r = await api<RecordView>('GET', `/api/records/${encodeURIComponent(recordId)}`);
      const pl = await loadForm(r.plugin.id, r.form, r.plugin.version);
      const f = clientForm(pl, r.form);
      const ids = [...new Set(attachmentIds(f.schema, r.data))];
      if (ids.length) {
        const a = await api<{ attachments: { id: string; name: string }[] }>(
          'GET',
          `/api/attachments?ids=${encodeURIComponent(ids.join(','))}`,
        );
        setNames(Object.fromEntries(a.attachments.map((x) => [x.id, x.name])));
      }
      // Referenced records by their titles (the picker's lookup by id; one out of the user's reach keeps its id).
      const titles = await refTitles({ plugin: r.plugin.id, form: r.form }, f.schema, r.data);
      if (Object.keys(titles).length) setNames((n) => ({ ...n, ...titles }));
      setRecord(r);
      setForm(f);
      setPluginTitle(pl.title);
    })().catch((e) => setError(e instanceof ApiError ? lt(e.text) : String(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [recordId]);

  const shown = useMemo(
    () =>
      form ? { schema: translate(form.schema, form.translations, locale), ui: translate(form.uiSchema, form.translations, locale) } : null,
    [form, locale],
  );
  if (error) return <Alert type="error" role="alert" message={error} />;
  if (!record || !form || !shown) return <p>…</p>;

  const results = record.results as unknown as RuleResults | null;
  const checks = results?.checks ?? [];
  const failed = checks.filter((c) => !c.passed).length;
  const flags = (results?.classList ?? []).filter((c) => c.value !== false && c.value !== null && c.value !== undefined && c.value !== '');

  return (
    <div>
      <style>{CSS}</style>
      <Space className="no-print" style={{ marginBottom: 12 }} wrap>
        <a href={`#/records/${encodeURIComponent(record.id)}`}>{tx('back')}</a>
        <Button type="primary" onClick={() => window.print()} data-testid="print">
          {tx('print')}
        </Button>
      </Space>
      <article className="print-sheet" data-testid="print-sheet">
        <h1>{lt(form.title)}</h1>
        <p style={{ textAlign: 'center' }}>{lt(pluginTitle)}</p>
        <table className="print-table" data-testid="print-facts">
          <tbody>
            <tr>
              <th scope="row">{tx('orgUnit')}</th>
              <td>{lt(record.orgUnit?.name) || record.orgUnit?.id}</td>
            </tr>
            <tr>
              <th scope="row">{tx('subject')}</th>
              <td>{[record.subjectTitle, record.subject].filter(Boolean).join(' · ') || '—'}</td>
            </tr>
            <tr>
              <th scope="row">{tx('period')}</th>
              <td>{record.period || '—'}</td>
            </tr>
            <tr>
              <th scope="row">{tx('state')}</th>
              <td>{lt(record.stateTitle) || record.state}</td>
            </tr>
          </tbody>
        </table>
        <PrintFields schema={shown.schema} ui={shown.ui} value={record.data} names={names} />
        {results && (
          <section data-testid="print-results">
            <h2 className="print-heading">{tx('results')}</h2>
            {checks.length > 0 && (
              <>
                <h3 className="print-heading">
                  {tx('conditions')}:
                  {tx('passedOf')
                    .replace('{p}', String(checks.length - failed))
                    .replace('{f}', String(failed))}
                </h3>
                <table className="print-table">
                  <tbody>
                    {checks.map((c) => (
                      <tr key={c.id} data-rule={c.id}>
                        <th scope="row">{lt(c.title) || c.id}</th>
                        <td>
                          {c.passed ? tx('passed') : `${tx('failed')}:${lt(c.message)}`}
                          <PrintWhy recordId={record.id} ruleId={c.id} title={lt(c.title) || c.id} schema={shown.schema} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            {results.score && (
              <table className="print-table" data-testid="print-score">
                <thead>
                  <tr>
                    <th scope="col">{tx('dimension')}</th>
                    <th scope="col">{tx('points')}</th>
                    <th scope="col">{tx('max')}</th>
                  </tr>
                </thead>
                <tbody>
                  {results.score.dimensions.map((d) => (
                    <tr key={d.id} data-dimension={d.id}>
                      <td>{lt(d.title) || d.id}</td>
                      <td>{d.score}</td>
                      <td>{d.max}</td>
                    </tr>
                  ))}
                  <tr>
                    <td>
                      <strong>{tx('total')}</strong>
                    </td>
                    <td>
                      <strong data-testid="print-total">{results.score.total}</strong>
                    </td>
                    <td>{results.score.max}</td>
                  </tr>
                </tbody>
              </table>
            )}
            {flags.length > 0 && (
              <p>
                {tx('classes')}:{flags.map((c) => (lt(c.title) || c.id) + (c.value === true ? '' : `(${String(c.value)})`)).join('、')}
              </p>
            )}
          </section>
        )}
        <section>
          <h2 className="print-heading">{tx('sign')}</h2>
          <div className="print-signs">
            {(['applicant', 'head', 'reviewer'] as const).map((k) => (
              <div key={k}>
                <span>{tx(k)}</span>
                <span style={{ whiteSpace: 'pre' }}>{tx('date')}</span>
              </div>
            ))}
          </div>
        </section>
        <p style={{ marginTop: 16, textAlign: 'right' }} data-testid="generated">
          {tx('generated')}:{generated.toLocaleString(locale)}
        </p>
      </article>
    </div>
  );
}
