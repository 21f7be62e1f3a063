// Reports over 1,000,000 applications seeded with SQL (generate_series → jsonb) into an embedded PostgreSQL: the
// ranking report and the by-district summary through the report engine, against the hand-written SQL of the same
// rows. The figure that matters is the ratio (goal: within 2×).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { configFromEnv, REPO_ROOT } from '../platform/boot/config';
import { openPlatform } from '../platform/boot/open-platform';
import { seedIfEmpty } from '../platform/boot/seed';
import { principalOf } from '../platform/access/principal';
import { rolesOf, findUserByName } from '../platform/store/users-store';
import { runReport, MAX_REPORT_ROWS } from '../platform/reports/run-report';
import type { Db } from '../platform/store/schema';

const PLUGIN = 'guangzhou-demonstration';
const DISTRICTS = ['440103', '440104', '440105', '440106', '440111', '440112', '440113', '440114', '440115', '440117', '440118'];
const STATES = ['draft', 'submitted', 'first-reviewed', 'recommended', 'selected', 'scored', 'candidate', 'publicized', 'awarded', 'rejected'];
const RANKED = ['scored', 'candidate', 'publicized', 'awarded'];

async function seed(db: Db, n: number) {
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  // Periods 2020–2024; districts round-robin; states and scores spread by multiplicative hashing of i.
  await sql`
    insert into records (id, plugin_id, plugin_version, form_id, period, org_unit_id, org_path, subject, subject_title, unique_key,
                         data, results, state, workflow, revision, create_digest, created_by, submitted_at)
    select 'b' || i, ${PLUGIN}, '1.0.0', 'application', (2020 + i % 5)::text, d, '/440000/440100/' || d || '/',
           'S' || i, '合作社' || i, null,
           jsonb_build_object('name', '合作社' || i, 'creditCode', 'S' || i, 'district', d, 'membership', jsonb_build_object('memberCount', 20 + i % 300)),
           -- Rule results in their stored form (platform/evaluation/compact-results.ts): ids and outcomes only.
           jsonb_build_object('asOf', '2024-05-20', 'computed', '{}'::jsonb, 'passed', '[]'::jsonb,
                              'score', jsonb_build_object('total', ((i::bigint * 7919) % 10001) / 100.0, 'max', 100, 'mandatoryFailed', '[]'::jsonb,
                                                         'dimensions', '{}'::jsonb, 'items', '{}'::jsonb),
                              'classes', jsonb_build_object('priority-brand', i % 3 = 0, 'priority-model', i % 5 = 0, 'priority-governance', i % 7 = 0, 'priority-machinery', i % 11 = 0),
                              'failed', '[]'::jsonb, 'blocking', 0),
           (${STATES}::text[])[1 + abs(hashint4(i)) % 10], '{}'::jsonb, 1, 'bench', ${admin.id},
           timestamptz '2024-01-01' + (i || ' seconds')::interval
    from generate_series(1, ${n}) as i, lateral (select (${DISTRICTS}::text[])[1 + i % 11] as d) u`.execute(db);
  await sql`analyze records`.execute(db);
}

async function median(times: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm: plans, caches
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

const handRanking = (db: Db) => sql`
  select id, subject_title, org_unit_id, (results #>> '{score,total}')::numeric as score, state,
         rank() over (order by (results #>> '{score,total}')::numeric desc nulls last, submitted_at asc, id asc) as rank,
         results #> '{classes,priority-brand}' as b, results #> '{classes,priority-model}' as m,
         results #> '{classes,priority-governance}' as g, results #> '{classes,priority-machinery}' as k
  from records
  where plugin_id = ${PLUGIN} and form_id = 'application' and period = '2024' and state = any(${RANKED}::text[])
    and org_path like '/440000/440100/%'
  order by rank limit ${MAX_REPORT_ROWS + 1}`.execute(db);

const handSummary = (db: Db) => sql`
  select org_unit_id, count(*) as total,
         ${sql.join(STATES.map((s) => sql`count(*) filter (where state = ${s})`))}
  from records
  where plugin_id = ${PLUGIN} and form_id = 'application' and period = '2024' and org_path like '/440000/440100/%'
  group by rollup (org_unit_id)`.execute(db);

export async function benchReports(records = 1_000_000, runs = 5) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-bench-reports-'));
  const config = { ...configFromEnv({}), dataDir, databaseUrl: process.env.BENCH_DATABASE_URL, seedFile: null };
  const platform = await openPlatform(config);
  try {
    const { ctx } = platform;
    await seedIfEmpty(ctx, path.join(REPO_ROOT, 'demo/seed.json'), 'bench-password');
    const t0 = performance.now();
    await seed(ctx.db, records);
    const seedSeconds = (performance.now() - t0) / 1000;
    const user = (await findUserByName(ctx.db, 'city-reviewer'))!;
    const principal = principalOf(user, await rolesOf(ctx.db, user.id));
    const plugin = ctx.registry.get(PLUGIN);
    const engine = (report: string) => () => runReport(ctx, principal, plugin, report, { period: '2024' });

    const rankingRows = (await runReport(ctx, principal, plugin, 'candidate-ranking', { period: '2024' })).result.rows.length;
    const handRows = (await handRanking(ctx.db)).rows.length;
    const out = {
      records, seedSeconds, rankingRows, handRows,
      ranking: { engine: await median(runs, engine('candidate-ranking')), hand: await median(runs, () => handRanking(ctx.db)) },
      summary: { engine: await median(runs, engine('applications-by-district')), hand: await median(runs, () => handSummary(ctx.db)) },
    };
    return out;
  } finally {
    await platform.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
