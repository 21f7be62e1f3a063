// The earlier records of a batch of records (a form's `earlier`, platform/records/earlier-records.ts), as one column
// of the facts statement (write-store.ts): for every ask, the same form's records of the same unit with the same
// value at the asked data path and a period strictly before, the last `limit` of them, oldest first.
import { sql, type RawBuilder } from 'kysely';
import type { EarlierRecord } from '../evaluation/types';

export interface EarlierAsk {
  /** What the answer is filed under (earlierKey). */
  key: string;
  formId: string;
  orgUnitId: string;
  /** The data path compared, as segments (`#>>`), and the value it must hold. */
  path: string[];
  value: string;
  period: string;
  limit: number;
}

/** One column (jsonb: key → records) answering every ask; asks are passed as one json parameter. */
export function earlierSql(pluginId: string, asks: readonly EarlierAsk[]): RawBuilder<unknown> {
  const json = JSON.stringify(asks.map((a) => ({ k: a.key, f: a.formId, u: a.orgUnitId, p: a.path, v: a.value, t: a.period, n: a.limit })));
  return sql`(select jsonb_object_agg(q.k, coalesce((
      select jsonb_agg(jsonb_build_object('id', e.id, 'period', e.period, 'state', e.state, 'data', e.data, 'results', e.results) order by e.period)
      from (select r.id, r.period, r.state, r.data, r.results from records r
        where r.plugin_id = ${pluginId} and r.form_id = q.f and r.org_unit_id = q.u and r.period < q.t and r.data #>> q.p = q.v
        order by r.period desc limit q.n) e), '[]'::jsonb))
    from jsonb_to_recordset(${json}::jsonb) as q(k text, f text, u text, p text[], v text, t text, n int))`;
}

export function earlierFromJson(j: unknown): Map<string, EarlierRecord[]> {
  return new Map(Object.entries((j ?? {}) as Record<string, EarlierRecord[]>));
}
