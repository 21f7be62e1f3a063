// The records a list asks for, and their order, as SQL: one place for the conditions (scope, form, period, states,
// unit, creator, score range, text) and the sort keys, so the queue page and "导出全部" (the export of every match)
// read exactly the same records in exactly the same order.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from './schema';
import { pathUnder, pathWithin } from './org-scope';

export type ListSort =
  | { by: 'updated'; desc: boolean }
  | { by: 'score'; desc: boolean }
  /** In workflow order: `states` lists the state ids in order (unknown states after them, by id). */
  | { by: 'state'; desc: boolean; states: string[] }
  /** On the JSON value at `path` of the data: numbers numerically, anything else by its text; missing last. */
  | { by: 'field'; desc: boolean; path: string[] };

export interface RecordFilter {
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
  sort?: ListSort;
}

// A number only where the results hold a JSON number, so a cast can never fail on odd results; one function call,
// so a stored value is fetched and decompressed once (a case over jsonb_typeof and #>> reads it twice).
export const numberAt = (results: RawBuilder<unknown>, path: string[]) =>
  sql<
    string | null
  >`(jsonb_path_query_first(${results}, ${`$${path.map((p) => `."${p}"`).join('')} ? (@.type() == "number")`}::jsonpath))::numeric`;
export const scoreTotal = numberAt(sql`records.results`, ['score', 'total']);

/** The matching records (no select yet); null when the caller has no units (nothing matches). */
export function matchingRecords(ex: Executor, q: RecordFilter) {
  if (q.scopePaths.length === 0) return null;
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
  return base;
}

export interface SortKey {
  /** Selected as `sort_<i>` in the query that chooses the page, and ordered by there and above it. */
  expr: RawBuilder<unknown>;
  desc: boolean;
}

/**
 * The sort keys of a list before the final tiebreak (records.id ascending, which makes every order total, so
 * pages never repeat or skip a record). Nulls (no score, no value) come last in either direction.
 */
export function sortKeys(sort: ListSort | undefined): SortKey[] {
  const updated = { expr: sql`records.updated_at`, desc: true };
  if (!sort) return [updated];
  if (sort.by === 'updated') return [{ ...updated, desc: sort.desc }];
  if (sort.by === 'score') return [{ expr: scoreTotal, desc: sort.desc }, updated];
  if (sort.by === 'state')
    return [
      { expr: sql`array_position(${sort.states}::text[], records.state)`, desc: sort.desc },
      { expr: sql`records.state`, desc: sort.desc },
    ];
  // Numbers by value (10 after 9), then anything else by its text: one field holds one type, so in practice one
  // of the two keys decides.
  const at = sql`(records.data #> ${sort.path}::text[])`;
  return [
    { expr: sql`case when jsonb_typeof(${at}) = 'number' then (${at} #>> '{}')::numeric end`, desc: sort.desc },
    {
      expr: sql`case jsonb_typeof(${at}) when 'string' then ${at} #>> '{}' when 'boolean' then ${at} #>> '{}' when 'array' then ${at}::text when 'object' then ${at}::text end`,
      desc: sort.desc,
    },
  ];
}

export const direction = (k: SortKey) => (k.desc ? sql`desc nulls last` : sql`asc nulls last`);
