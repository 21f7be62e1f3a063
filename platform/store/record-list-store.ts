// Lists of records as summaries: the envelope columns, the score and blocking count read out of the results, and
// the form's declared columns read by path — the whole data and results (tens of KB per record) never leave the
// database, and are read only for the rows of the page.
import { sql, type RawBuilder } from 'kysely';
import type { LocalText } from '../errors';
import type { Executor } from './schema';
import { pathUnder, pathWithin } from './org-scope';

export interface RecordQuery {
  scopePaths: string[];
  pluginId?: string;
  formId?: string;
  period?: string;
  states?: string[];
  underPath?: string;
  /** Only records this user created (我的申报). */
  createdBy?: string;
  /** Bounds on results.score.total; records without a numeric total never match a bound. */
  minScore?: number;
  maxScore?: number;
  /** An ILIKE pattern matched against subject and subject title. */
  textPattern?: string;
  /** Forms whose subject (or title) the caller sees masked: there `textExact` must equal it whole (no part search). */
  hiddenSubjects?: { pluginId: string; formId: string; subject: boolean; subjectTitle: boolean }[];
  textExact?: string;
  sort?: 'updated' | 'score';
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

// A number only where the results hold a JSON number, so a cast can never fail on odd results; one function call,
// so a stored value is fetched and decompressed once (a case over jsonb_typeof and #>> reads it twice).
const numberAt = (results: RawBuilder<unknown>, path: string[]) =>
  sql<
    string | null
  >`(jsonb_path_query_first(${results}, ${`$${path.map((p) => `."${p}"`).join('')} ? (@.type() == "number")`}::jsonpath))::numeric`;
const RESULTS = sql`records.results`;
// In the page's own select, the results as read once per row (see listRecordSummaries).
const READ = sql`page_results.res`;
const scoreTotal = numberAt(RESULTS, ['score', 'total']);

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
  if (q.scopePaths.length === 0) return { rows: [], total: 0 };
  // EXPLAIN on 2,900 applications: records_state (or records_scope) when plugin and form are given, a bitmap scan of
  // records_org_path otherwise; a top-N sort of the matches' ids either way, no new index needed.
  let base = ex.selectFrom('records').where(pathWithin('records.org_path', q.scopePaths));
  if (q.pluginId) base = base.where('records.plugin_id', '=', q.pluginId);
  if (q.formId) base = base.where('records.form_id', '=', q.formId);
  if (q.period) base = base.where('records.period', '=', q.period);
  if (q.states?.length) base = base.where('records.state', 'in', q.states);
  if (q.underPath) base = base.where(pathUnder('records.org_path', q.underPath));
  if (q.createdBy) base = base.where('records.created_by', '=', q.createdBy);
  if (q.minScore !== undefined) base = base.where(sql<boolean>`${scoreTotal} >= ${q.minScore}`);
  if (q.maxScore !== undefined) base = base.where(sql<boolean>`${scoreTotal} <= ${q.maxScore}`);
  if (q.textPattern) {
    const hidden = q.hiddenSubjects ?? [];
    base = base.where((eb) => {
      const among = (list: typeof hidden) =>
        list.length
          ? eb.or(list.map((h) => eb.and([eb('records.plugin_id', '=', h.pluginId), eb('records.form_id', '=', h.formId)])))
          : sql<boolean>`false`;
      const bySubject = among(hidden.filter((h) => h.subject));
      const byTitle = among(hidden.filter((h) => h.subjectTitle));
      const exact = q.textExact ?? '';
      return eb.or([
        eb.and([eb('records.subject', 'ilike', q.textPattern!), eb.not(bySubject)]),
        eb.and([eb('records.subject', '=', exact), bySubject]),
        eb.and([eb('records.subject_title', 'ilike', q.textPattern!), eb.not(byTitle)]),
        eb.and([eb('records.subject_title', '=', exact), byTitle]),
      ]);
    });
  }
  // The page is chosen first from the index columns alone (a LIMIT subquery is never flattened), and only its rows
  // are read for the jsonb paths: the score, blocking count and columns are never extracted for every match.
  let ids = base.select(['records.id', 'records.updated_at']);
  if (q.sort === 'score') ids = ids.select(scoreTotal.as('sort_score')).orderBy(sql`${scoreTotal} desc nulls last`);
  const chosen = ids.orderBy('records.updated_at', 'desc').orderBy('records.id').limit(q.limit).offset(q.offset).as('page');
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
  if (q.sort === 'score') page = page.orderBy(sql`page.sort_score desc nulls last`);
  const [rows, count] = await Promise.all([
    page.orderBy('page.updated_at', 'desc').orderBy('page.id').execute(),
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
