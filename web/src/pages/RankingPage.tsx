// The ranking of a ranked form for a period, with the quota cut line drawn between the last record within the
// quota and the first beyond it. Priority flags are shown generically: every class column the form declares for
// lists (listColumns with a /classes/… result) that a record's rules set to true (or to a value), with the column's
// title — the page knows no plugin's classes.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Form, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ApiError, api } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import { defaultPeriod } from '../plugin';
import { loadSummaries, type FormSummary, type PluginSummary } from '../plugin-summaries';
import type { OrgUnitRow } from '../org-units';
import type { RecordPage } from '../api-types';
import { ColumnTags } from './ColumnTags';

const FLAG_PAGE = 200;

const TEXTS = {
  title: ['排名', 'Ranking'],
  period: ['期间', 'Period'],
  show: ['查看', 'Show'],
  rank: ['名次', 'Rank'],
  subject: ['对象', 'Subject'],
  orgUnit: ['机构', 'Org unit'],
  score: ['得分', 'Score'],
  state: ['状态', 'State'],
  flags: ['优先及分类标记', 'Priority and class flags'],
  quotaLine: ['名额线 ({n})', 'Quota line ({n})'],
  noQuota: ['未设名额', 'No quota set'],
  count: ['参与排名 {n} 条', '{n} ranked'],
} as const;

interface RankRow {
  id: string;
  rank: number;
  value: number | null;
  subject: string | null;
  subjectTitle: string | null;
  orgUnitId: string;
  state: string;
  withinQuota: boolean | null;
}
interface Ranking {
  period: string;
  quota: number | null;
  count: number;
  rows: RankRow[];
}
type Line = (RankRow & { kind: 'row' }) | { kind: 'cut'; id: string; quota: number };

/** Rows with the cut line placed after the last row within the quota (before the first one beyond it). */
export function withCutLine(rows: RankRow[], quota: number | null): Line[] {
  const out: Line[] = [];
  let drawn = false;
  for (const r of rows) {
    if (!drawn && quota !== null && r.rank > quota) {
      out.push({ kind: 'cut', id: '__cut', quota });
      drawn = true;
    }
    out.push({ ...r, kind: 'row' });
  }
  if (!drawn && quota !== null) out.push({ kind: 'cut', id: '__cut', quota });
  return out;
}

export function RankingPage({ plugin, form: formWithQuery }: { plugin: string; form: string }) {
  const { t, lt } = useI18n();
  const tx = useTexts(TEXTS);
  const [formId, query] = formWithQuery.split('?');
  const askedPeriod = new URLSearchParams(query ?? '').get('period');
  const [summary, setSummary] = useState<{ plugin: PluginSummary; form: FormSummary } | null>(null);
  const [period, setPeriod] = useState(askedPeriod ?? '');
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [flags, setFlags] = useState<Record<string, Record<string, unknown>>>({});
  const [units, setUnits] = useState<Record<string, LocalText>>({});
  const [error, setError] = useState<{ title: string; period?: string } | null>(null);

  useEffect(() => {
    Promise.all([loadSummaries(), api<{ units: OrgUnitRow[] }>('GET', '/api/org-units')]).then(
      ([s, u]) => {
        const pl = s.plugins.find((p) => p.id === plugin);
        const f = pl?.forms.find((x) => x.id === formId);
        if (pl && f) setSummary({ plugin: pl, form: f });
        setUnits(Object.fromEntries(u.units.map((x) => [x.id, x.name])));
        if (!askedPeriod && f) setPeriod(defaultPeriod(f.period.kind));
      },
      (e) => setError({ title: e instanceof ApiError ? lt(e.text) : String(e) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plugin, formId]);

  const shownPeriod = askedPeriod ?? (summary ? defaultPeriod(summary.form.period.kind) : null);
  useEffect(() => {
    if (shownPeriod === null || !summary) return;
    let live = true;
    const base = `/api/plugins/${encodeURIComponent(plugin)}/forms/${encodeURIComponent(formId)}`;
    (async () => {
      const r = await api<Ranking>('GET', `${base}/ranking?period=${encodeURIComponent(shownPeriod)}`);
      // The flags are the form's declared class columns of each record's summary: pages of the list for the ranked
      // states (the page size is capped) instead of one request per row.
      const states = summary.form.ranking?.states ?? [];
      const ids = classColumns.map((c) => c.id);
      const found: Record<string, Record<string, unknown>> = {};
      if (ids.length) {
        const q = `plugin=${encodeURIComponent(plugin)}&form=${encodeURIComponent(formId)}&period=${encodeURIComponent(r.period)}&state=${encodeURIComponent(states.join(','))}&columns=${encodeURIComponent(ids.join(','))}`;
        for (let offset = 0; offset < r.count; offset += FLAG_PAGE) {
          const page = await api<RecordPage>('GET', `/api/records?${q}&limit=${FLAG_PAGE}&offset=${offset}`);
          for (const x of page.items) found[x.id] = x.columns;
          if (page.items.length < FLAG_PAGE) break;
        }
      }
      if (!live) return;
      setRanking(r);
      setError(null);
      setFlags(found);
    })().catch((e) => {
      if (!live) return;
      setRanking(null);
      if (e instanceof ApiError) {
        const at = e.details.find((d) => d.pointer === '/period');
        setError({ title: lt(e.text), period: at ? lt(at.message) : e.code === 'PERIOD_INVALID' ? lt(e.text) : undefined });
      } else setError({ title: String(e) });
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plugin, formId, shownPeriod, summary]);

  const classColumns = useMemo(() => (summary?.form.listColumns ?? []).filter((c) => c.result?.startsWith('/classes/')), [summary]);
  const stateTitle = useMemo(() => {
    const wf = summary?.plugin.workflows.find((w) => w.id === summary.form.workflow);
    return (id: string) => lt(wf?.states.find((s) => s.id === id)?.title) || id;
  }, [summary, lt]);

  const lines = ranking ? withCutLine(ranking.rows, typeof ranking.quota === 'number' ? ranking.quota : null) : [];
  const span = (l: Line, first = false) => (l.kind === 'cut' ? { colSpan: first ? 6 : 0 } : {});
  const columns: ColumnsType<Line> = [
    {
      title: tx('rank'),
      key: 'rank',
      onCell: (l) => span(l, true),
      render: (_, l) =>
        l.kind === 'cut' ? (
          <div
            data-testid="quota-line"
            role="separator"
            style={{ borderTop: '3px dashed #a8071a', color: '#a8071a', fontWeight: 600, textAlign: 'center', paddingTop: 4 }}
          >
            {tx('quotaLine').replace('{n}', String(l.quota))}
          </div>
        ) : (
          <strong data-testid="rank">{l.rank}</strong>
        ),
    },
    {
      title: tx('subject'),
      key: 'subject',
      onCell: (l) => span(l),
      render: (_, l) => l.kind === 'row' && <a href={`#/records/${encodeURIComponent(l.id)}`}>{l.subjectTitle || l.subject || l.id}</a>,
    },
    {
      title: tx('orgUnit'),
      key: 'unit',
      onCell: (l) => span(l),
      render: (_, l) => l.kind === 'row' && (lt(units[l.orgUnitId]) || l.orgUnitId),
    },
    {
      title: tx('score'),
      key: 'score',
      onCell: (l) => span(l),
      render: (_, l) => l.kind === 'row' && <span data-testid="rank-score">{l.value ?? '—'}</span>,
    },
    { title: tx('state'), key: 'state', onCell: (l) => span(l), render: (_, l) => l.kind === 'row' && <Tag>{stateTitle(l.state)}</Tag> },
    {
      title: tx('flags'),
      key: 'flags',
      onCell: (l) => span(l),
      render: (_, l) => l.kind === 'row' && <ColumnTags declared={classColumns} values={flags[l.id] ?? {}} color="blue" />,
    },
  ];

  const go = () => {
    window.location.hash = `/ranking/${encodeURIComponent(plugin)}/${encodeURIComponent(formId)}?period=${encodeURIComponent(period.trim())}`;
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <a href="#/">{t('back')}</a>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {tx('title')} · {summary ? lt(summary.form.title) : formId}
      </Typography.Title>
      {error && !error.period && <Alert type="error" role="alert" message={error.title} />}
      <Form layout="inline" onFinish={go}>
        <Form.Item
          label={lt(summary?.form.period.title) || tx('period')}
          htmlFor="ranking-period"
          validateStatus={error?.period ? 'error' : undefined}
          help={error?.period}
        >
          <Input id="ranking-period" value={period} onChange={(e) => setPeriod(e.target.value)} style={{ width: 140 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="show-ranking">
          {tx('show')}
        </Button>
      </Form>
      {ranking && (
        <>
          <Typography.Text data-testid="ranking-summary">
            {tx('count').replace('{n}', String(ranking.count))} ·{' '}
            {typeof ranking.quota === 'number' ? tx('quotaLine').replace('{n}', String(ranking.quota)) : tx('noQuota')}
          </Typography.Text>
          <div style={{ overflowX: 'auto' }}>
            <Table<Line>
              data-testid="ranking"
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={lines}
              columns={columns}
              onRow={(l) =>
                ({
                  'data-record': l.kind === 'row' ? l.id : undefined,
                  'data-within': l.kind === 'row' ? String(l.withinQuota) : undefined,
                }) as any
              }
            />
          </div>
        </>
      )}
    </Space>
  );
}
