// Stored rule results keep ids and outcomes only (platform/evaluation/compact-results.ts): titles, messages,
// references and the rest are joined from the record's plugin version when it is read. This converts records stored
// in the old full shape. Everything the stored form keeps is in the full shape already, so it is done in SQL, with
// no plugin loaded: `passed` from the checks that passed, score dimensions and items as id → score / points, rule
// errors as id → limit; `checks`, `classList` and every text go.
//
// Idempotent: only rows whose `checks` is still an array are touched, so a second run (or a run after a release that
// wrote compact rows beside old ones) converts what is left and nothing else. Batches walk the primary key, so each
// statement reads and rewrites a bounded number of rows however large the table. Kysely runs a migration in one
// transaction: an interrupted run leaves every row as it was and the next start does it again; reading accepts both
// shapes meanwhile (expandResults passes old rows through). Called on a connection outside a transaction,
// compactStoredResults commits batch by batch and a stopped run resumes where it stopped. Audit events are left as
// written: they hold changes (a recompute's changed leaves, or a whole list whose length changed), never a record's
// results, and their pointers name the shape the record had at the time.
import { sql, type Kysely } from 'kysely';

const BATCH = 2000;

/** The stored form of one full results value `r` (a jsonb expression), as compactResults builds it. */
const compact = (r: string) => `
  jsonb_build_object(
    'asOf', ${r}->'asOf',
    'computed', coalesce(${r}->'computed', '{}'::jsonb),
    'passed', coalesce((select jsonb_agg(c->'id' order by n) from jsonb_array_elements(${r}->'checks') with ordinality as t(c, n)
                        where c->'passed' = 'true'::jsonb), '[]'::jsonb),
    'score', case when jsonb_typeof(${r}->'score') = 'object' then jsonb_build_object(
      'total', ${r}#>'{score,total}',
      'max', ${r}#>'{score,max}',
      'mandatoryFailed', coalesce(${r}#>'{score,mandatoryFailed}', '[]'::jsonb),
      'dimensions', coalesce((select jsonb_object_agg(d->>'id', d->'score') from jsonb_array_elements(${r}#>'{score,dimensions}') d), '{}'::jsonb),
      'items', coalesce((select jsonb_object_agg(i->>'id', i->'points') from jsonb_array_elements(${r}#>'{score,items}') i), '{}'::jsonb)
    ) else 'null'::jsonb end,
    'classes', coalesce(${r}->'classes', '{}'::jsonb),
    'blocking', ${r}->'blocking',
    'failed', coalesce(${r}->'failed', '[]'::jsonb)
  ) || case when jsonb_typeof(${r}->'errors') = 'array' and jsonb_array_length(${r}->'errors') > 0
    then jsonb_build_object('errors', (select jsonb_object_agg(e->>'id', e->'limit') from jsonb_array_elements(${r}->'errors') e))
    else '{}'::jsonb end`;

/** Converts old-shape results, `batch` records per statement; returns how many records it converted. */
export async function compactStoredResults(db: Kysely<any>, batch = BATCH): Promise<number> {
  let cursor = '';
  let converted = 0;
  for (;;) {
    // The next batch in key order from the cursor; the cursor moves to its last key as the database orders keys.
    // `|| '{}'` in a materialized CTE: each row's results are decompressed once, not once per path read below.
    const { rows } = await sql<{ last: string | null; n: number }>`
      with batch as materialized (
        select id, results || '{}'::jsonb as full from records
        where id > ${cursor} and jsonb_typeof(results->'checks') = 'array' order by id limit ${batch}
      ), done as (
        update records r set results = ${sql.raw(compact('b.full'))} from batch b where r.id = b.id returning r.id
      )
      select (select max(id) from batch) as last, (select count(*) from done)::int as n`.execute(db);
    const { last, n } = rows[0];
    if (last === null) return converted;
    converted += Number(n);
    cursor = last;
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await compactStoredResults(db);
}

/** Nothing to undo: the platform reads both shapes, and the full one is rebuilt on every read. */
export async function down(): Promise<void> {}
