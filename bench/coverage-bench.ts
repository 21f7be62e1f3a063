// A registry of linked records at county scale (issue 12): 100,000 households in 60 villages, ~110,000 household
// bindings, 2,000 cooperatives and their enterprise bindings, seeded by SQL with generate_series (the data shapes of
// the dual-binding plugin's fixtures). The coverage report — per household, two hops of references active on a date —
// through the report engine, against the hand-written SQL of the same figures. The figure that matters is the ratio
// (goal: within 2×). Some bindings ended before the date, some enterprise bindings too, some bindings name another
// cooperative's enterprise binding, so every branch of the status (dual, single, uncovered) has many rows.
import pg from 'pg';
import { sql } from 'kysely';
import { principalOf } from '../platform/access/principal';
import { findUserByName, rolesOf } from '../platform/store/users-store';
import { runReport } from '../platform/reports/run-report';
import type { Db } from '../platform/store/schema';
import { openBenchDatabase } from './bench-database';

const PLUGIN = 'huaning-dual-binding';
const COUNTY = '530424';
const VILLAGES_PER_TOWNSHIP = 12;
const COOPERATIVES = 2000;
const ON = '2025-10-15';

async function median(times: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

/** Bench villages under each township of the county, beside the demo's own (paths as the org store makes them). */
async function addVillages(c: pg.Client): Promise<void> {
  await c.query(
    `insert into org_units (id, parent_id, code, name, level, path)
     select t.id || 'b' || lpad(k::text, 2, '0'), t.id, t.id || 'b' || lpad(k::text, 2, '0'),
            jsonb_build_object('zh-CN', '测试村' || k, 'en', 'Bench village ' || k), 'village',
            t.path || t.id || 'b' || lpad(k::text, 2, '0') || '/'
     from org_units t cross join generate_series(1, $2::int) k
     where t.level = 'township' and t.path like '%/' || $1 || '/%'`,
    [COUNTY, VILLAGES_PER_TOWNSHIP],
  );
}

/** Seeds the registry; returns the counts stored per form. */
async function seed(url: string, households: number, version: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await addVillages(c);
    const admin = (await c.query(`select id from users where username = 'admin'`)).rows[0].id as string;
    // Columns every copy shares; `$v` the plugin version, `$a` the creating user.
    const insert = (form: string, from: string, orgUnit: string, path: string, subject: string, data: string) =>
      `insert into records (id, plugin_id, plugin_version, form_id, period, org_unit_id, org_path, subject, subject_title, unique_key,
                            data, results, state, workflow, revision, create_digest, created_by, created_at, updated_at)
       select ${form === 'household' ? `'hh-' || i` : `'${form}-' || i`}, '${PLUGIN}', $1, '${form}', '2025', ${orgUnit}, ${path},
              ${subject}, ${subject}, null, ${data}, '{}'::jsonb, 'audited', '{}'::jsonb, 1, md5('${form}' || i), $2, now(), now()
       ${from}`;
    const townships = `(select array_agg(id order by id) ids, array_agg(path order by id) paths from org_units where level = 'township' and path like '%/${COUNTY}/%') t`;
    const villages = `(select array_agg(id order by id) ids, array_agg(path order by id) paths, count(*)::int n from org_units where level = 'village' and path like '%/${COUNTY}/%') v`;
    // Enterprises (one per ten cooperatives) and cooperatives at townships.
    await c.query(
      insert(
        'enterprise',
        `from generate_series(1, ${COOPERATIVES / 10}) i, ${townships}`,
        't.ids[1 + i % 5]',
        't.paths[1 + i % 5]',
        `'91530424E' || lpad(i::text, 9, '0')`,
        `jsonb_build_object('name', '测试龙头企业' || i, 'industries', jsonb_build_array('fruit'), 'level', 'municipal', 'inRegister', true)`,
      ),
      [version, admin],
    );
    await c.query(
      insert(
        'cooperative',
        `from generate_series(1, ${COOPERATIVES}) i, ${townships}`,
        't.ids[1 + i % 5]',
        't.paths[1 + i % 5]',
        `'93530424C' || lpad(i::text, 9, '0')`,
        `jsonb_build_object('name', '测试合作社' || i, 'industries', jsonb_build_array('fruit', 'vegetables'), 'level', 'county', 'memberHouseholds', 50)`,
      ),
      [version, admin],
    );
    // One enterprise binding per cooperative; every seventh ended before the date.
    await c.query(
      insert(
        'enterprise-binding',
        `from generate_series(1, ${COOPERATIVES}) i, ${townships}`,
        't.ids[1 + i % 5]',
        't.paths[1 + i % 5]',
        `'eb' || i`,
        `jsonb_build_object('enterprise', 'enterprise-' || (1 + i % ${COOPERATIVES / 10}), 'cooperative', 'cooperative-' || i, 'form', 'contract',
           'industry', 'fruit', 'start', '2023-01-01') || case when i % 7 = 0 then jsonb_build_object('end', '2025-06-30') else '{}'::jsonb end`,
      ),
      [version, admin],
    );
    await c.query(
      insert(
        'household',
        `from generate_series(1, $3::int) i, ${villages}`,
        'v.ids[1 + i % v.n]',
        'v.paths[1 + i % v.n]',
        `'530424' || lpad(i::text, 12, '0')`,
        `jsonb_build_object('headName', '测试户' || i, 'idNumber', '530424' || lpad(i::text, 12, '0'), 'villageGroup', '第一村民小组', 'members', 4,
           'category', 'poverty-exited', 'hasConditions', true, 'willing', true, 'industries', jsonb_build_array('fruit'), 'eligible', i % 10 <> 0)`,
      ),
      [version, admin, households],
    );
    // Bindings: households 1…90 % of n get one; every tenth of them a second in another industry; every ninth binding
    // ended before the date; every eleventh names another cooperative's enterprise binding (not dual).
    const bound = Math.floor(households * 0.9);
    const extra = Math.floor(bound / 10);
    await c.query(
      insert(
        'household-binding',
        `from generate_series(1, $3::int) i
         cross join lateral (select case when i <= ${bound} then i else (i - ${bound}) * 10 end as n, 1 + i % ${COOPERATIVES} as coop) h,
         ${villages}`,
        'v.ids[1 + h.n % v.n]',
        'v.paths[1 + h.n % v.n]',
        `'hb' || i`,
        `jsonb_build_object('household', 'hh-' || h.n, 'cooperative', 'cooperative-' || h.coop,
           'enterpriseBinding', 'enterprise-binding-' || case when i % 11 = 0 then 1 + h.coop % ${COOPERATIVES} else h.coop end,
           'form', 'member-land', 'industry', 'fruit', 'start', '2024-03-01', 'income', jsonb_build_object('sales', 3000))
         || case when i % 9 = 0 then jsonb_build_object('end', '2025-01-31') else '{}'::jsonb end`,
      ),
      [version, admin, bound + extra],
    );
    await c.query('analyze records');
    const counts = await c.query(`select form_id, count(*)::int n from records where plugin_id = $1 group by 1`, [PLUGIN]);
    return Object.fromEntries(counts.rows.map((r) => [r.form_id, r.n]));
  } finally {
    await c.end();
  }
}

// What a developer would write by hand: the bindings grouped by household with the two conditions, joined to the
// households, counted per village with the township beside it.
const active = (t: string) =>
  sql.raw(
    `(${t}.data->>'start') is not null and (${t}.data->>'start') <= '${ON}' and ((${t}.data->>'end') is null or (${t}.data->>'end') >= '${ON}')`,
  );
const handCoverage = (db: Db) =>
  sql`
  with lk as (
    select l.data->>'household' as hh,
           count(*) filter (where ${active('l')}) as active,
           count(*) filter (where ${active('l')} and eb.data->>'cooperative' = l.data->>'cooperative' and ${active('eb')}) as dual
    from records l
    left join records eb on eb.id = l.data->>'enterpriseBinding' and eb.plugin_id = l.plugin_id and eb.form_id = 'enterprise-binding'
    where l.plugin_id = ${PLUGIN} and l.form_id = 'household-binding'
    group by 1)
  select v.parent_id as township, r.org_unit_id as village, count(*) as households,
         count(*) filter (where (r.data->'eligible') = 'true') as eligible,
         count(*) filter (where (r.data->'eligible') = 'true' and coalesce(lk.dual, 0) > 0) as dual,
         count(*) filter (where (r.data->'eligible') = 'true' and coalesce(lk.dual, 0) = 0 and coalesce(lk.active, 0) > 0) as single,
         count(*) filter (where (r.data->'eligible') = 'true' and coalesce(lk.active, 0) = 0) as uncovered
  from records r
  join org_units v on v.id = r.org_unit_id
  left join lk on lk.hh = r.id
  where r.plugin_id = ${PLUGIN} and r.form_id = 'household' and r.period = '2025' and r.org_path like ${`%/${COUNTY}/%`}
  group by 1, 2 order by 1, 2`.execute(db);

export async function coverageBench(households = 100_000, runs = 5, log: (line: string) => void = () => {}) {
  const bench = await openBenchDatabase('hezuo-coverage-bench-');
  try {
    const { ctx } = bench.platform;
    const plugin = ctx.registry.get(PLUGIN);
    const t0 = performance.now();
    const counts = await seed(bench.url, households, plugin.version);
    const seedSeconds = (performance.now() - t0) / 1000;
    log(`seeded ${JSON.stringify(counts)} in ${seedSeconds.toFixed(0)} s`);
    const user = (await findUserByName(ctx.db, 'huaning-county'))!;
    const principal = principalOf(user, await rolesOf(ctx.db, user.id));
    const engine = () => runReport(ctx, principal, plugin, 'coverage-by-village', { period: '2025', on: ON });
    // The two must agree before their times mean anything: dual-bound households summed over the villages.
    const ours = (await engine()).result.rows as Record<string, unknown>[];
    const hand = (await handCoverage(ctx.db)).rows as Record<string, unknown>[];
    const sum = (rows: Record<string, unknown>[], k: string) => rows.reduce((s, r) => s + (Number(r[k]) || 0), 0);
    const dualLeaves = ours.filter((r) => r.village != null && r.village !== '');
    const agree = sum(dualLeaves, 'dual') === sum(hand, 'dual') && sum(dualLeaves, 'uncovered') === sum(hand, 'uncovered');
    if (!agree)
      throw new Error(
        `coverage bench: engine dual/uncovered ${sum(dualLeaves, 'dual')}/${sum(dualLeaves, 'uncovered')} ≠ hand ${sum(hand, 'dual')}/${sum(hand, 'uncovered')}`,
      );
    return {
      counts,
      seedSeconds,
      villages: hand.length,
      dual: sum(hand, 'dual'),
      single: sum(hand, 'single'),
      uncovered: sum(hand, 'uncovered'),
      engine: await median(runs, engine),
      hand: await median(runs, () => handCoverage(ctx.db)),
    };
  } finally {
    await bench.close();
  }
}
