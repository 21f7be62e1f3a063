// Lists of records as summaries: the envelope columns, the score and blocking count read out of the results, and
// the form's declared columns read by path — the whole data and results (tens of KB per record) never leave the
// database, and are read only for the rows of the page.
import { sql, type RawBuilder } from 'kysely';
import type { LocalText } from '../errors';
import type { Executor } from './schema';
import { direction, matchingRecords, numberAt, sortKeys, type RecordFilter } from './record-filter-sql';

export interface RecordQuery extends RecordFilter {
  limit: number;
  offset: number;
  /** Per form, the values to read: each a path into `data` or `results`. */
  columns: FormColumns[];
}

export interface FormColumns {
  pluginId: string;
  formId: string;
  values: { id: string; source: 'data' | 'results'; path: string[] }[];
}

export interface SummaryRow {
  id: string;
  pluginId: string;
  pluginVersion: string;
  formId: string;
  period: string;
  orgUnitId: string;
  orgPath: string;
  orgUnit: { code: string; name: LocalText; level: string } | null;
  subject: string | null;
  subjectTitle: string | null;
  state: string;
  revision: number;
  updatedAt: Date;
  submittedAt: Date | null;
  scoreTotal: number | null;
  scoreMax: number | null;
  blocking: number | null;
  columns: Record<string, unknown>;
}

// In the page's own select, the results as read once per row (see listRecordSummaries).
const READ = sql`page_results.res`;

/** One jsonb object of the declared values per row, chosen by the row's form; null for a form without columns. */
function columnsOf(forms: FormColumns[]): RawBuilder<Record<string, unknown> | null> {
  const cases = forms
    .filter((f) => f.values.length > 0)
    .map((f) => {
      const pairs = f.values.map((v) => sql`${v.id}::text, ${v.source === 'data' ? sql`records.data` : READ} #> ${v.path}::text[]`);
      return sql`when records.plugin_id = ${f.pluginId} and records.form_id = ${f.formId} then jsonb_build_object(${sql.join(pairs)})`;
    });
  return cases.length ? sql`(case ${sql.join(cases, sql` `)} end)` : sql`null::jsonb`;
}

export async function listRecordSummaries(ex: Executor, q: RecordQuery): Promise<{ rows: SummaryRow[]; total: number }> {
  const base = matchingRecords(ex, q);
  if (!base) return { rows: [], total: 0 };
  // The page is chosen first from the index columns alone (a LIMIT subquery is never flattened), and only its rows
  // are read for the jsonb paths: the score, blocking count and columns are never extracted for every match.
  const keys = sortKeys(q.sort);
  let ids = base.select(['records.id', ...keys.map((k, i) => k.expr.as(`sort_${i}`))]);
  for (const k of keys) ids = ids.orderBy(sql`${k.expr} ${direction(k)}`);
  const chosen = ids.orderBy('records.id').limit(q.limit).offset(q.offset).as('page');
  let page = ex
    .selectFrom(chosen)
    .innerJoin('records', 'records.id', 'page.id')
    .leftJoin('org_units', 'org_units.id', 'records.org_unit_id')
    // Every path read from the results would fetch and decompress the whole stored value again (PostgreSQL keeps
    // no detoasted copy between expressions); the results are read once per row here, into memory, instead.
    .leftJoinLateral(sql<{ res: unknown }>`(select records.results - '' as res offset 0)`.as('page_results'), (join) => join.onTrue())
    .select([
      'records.id',
      'records.plugin_id',
      'records.plugin_version',
      'records.form_id',
      'records.period',
      'records.org_unit_id',
      'records.org_path',
      'records.subject',
      'records.subject_title',
      'records.state',
      'records.revision',
      'records.updated_at',
      'records.submitted_at',
      'org_units.code',
      'org_units.name',
      'org_units.level',
    ])
    .select([
      numberAt(READ, ['score', 'total']).as('score_total'),
      numberAt(READ, ['score', 'max']).as('score_max'),
      numberAt(READ, ['blocking']).as('blocking'),
      columnsOf(q.columns).as('columns'),
    ]);
  keys.forEach((k, i) => (page = page.orderBy(sql`${sql.ref(`page.sort_${i}`)} ${direction(k)}`)));
  const [rows, count] = await Promise.all([
    page.orderBy('page.id').execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const num = (v: string | null) => (v === null ? null : Number(v));
  return {
    rows: rows.map((r) => ({
      id: r.id,
      pluginId: r.plugin_id,
      pluginVersion: r.plugin_version,
      formId: r.form_id,
      period: r.period,
      orgUnitId: r.org_unit_id,
      orgPath: r.org_path,
      orgUnit: r.code === null ? null : { code: r.code, name: r.name as LocalText, level: r.level as string },
      subject: r.subject,
      subjectTitle: r.subject_title,
      state: r.state,
      revision: r.revision,
      updatedAt: r.updated_at,
      submittedAt: r.submitted_at,
      scoreTotal: num(r.score_total),
      scoreMax: num(r.score_max),
      blocking: num(r.blocking),
      columns: r.columns ?? {},
    })),
    total: Number(count.n),
  };
}
