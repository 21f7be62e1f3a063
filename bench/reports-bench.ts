// Reports over 1,000,000 realistic applications (bench/seed-applications.ts): the ranking report and the
// by-district summary through the report engine, against the hand-written SQL of the same rows. The figure that
// matters is the ratio (goal: within 2×).
import { sql } from 'kysely';
import type { PlatformContext } from '../platform/context';
import { principalOf } from '../platform/access/principal';
import { rolesOf, findUserByName } from '../platform/store/users-store';
import { runReport, MAX_REPORT_ROWS } from '../platform/reports/run-report';
import type { Db } from '../platform/store/schema';
import { PLUGIN, STATES } from './seed-applications';

const RANKED = ['scored', 'candidate', 'publicized', 'awarded'];

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

const handRanking = (db: Db) =>
  sql`
  select id, subject_title, org_unit_id, (results #>> '{score,total}')::numeric as score, state,
         rank() over (order by (results #>> '{score,total}')::numeric desc nulls last, submitted_at asc, id asc) as rank,
         results #> '{classes,priority-brand}' as b, results #> '{classes,priority-model}' as m,
         results #> '{classes,priority-governance}' as g, results #> '{classes,priority-machinery}' as k
  from records
  where plugin_id = ${PLUGIN} and form_id = 'application' and period = '2024' and state = any(${RANKED}::text[])
    and org_path like '/440000/440100/%'
  order by rank limit ${MAX_REPORT_ROWS + 1}`.execute(db);

const handSummary = (db: Db) =>
  sql`
  select org_unit_id, count(*) as total,
         ${sql.join(STATES.map((s) => sql`count(*) filter (where state = ${s})`))}
  from records
  where plugin_id = ${PLUGIN} and form_id = 'application' and period = '2024' and org_path like '/440000/440100/%'
  group by rollup (org_unit_id)`.execute(db);

/** Both reports on an already seeded database (bench/seed-applications.ts), as the city reviewer. */
export async function benchReports(ctx: PlatformContext, runs = 5) {
  const user = (await findUserByName(ctx.db, 'city-reviewer'))!;
  const principal = principalOf(user, await rolesOf(ctx.db, user.id));
  const plugin = ctx.registry.get(PLUGIN);
  const engine = (report: string) => () => runReport(ctx, principal, plugin, report, { period: '2024' });
  const rankingRows = (await runReport(ctx, principal, plugin, 'candidate-ranking', { period: '2024' })).result.rows.length;
  const handRows = (await handRanking(ctx.db)).rows.length;
  return {
    rankingRows,
    handRows,
    ranking: { engine: await median(runs, engine('candidate-ranking')), hand: await median(runs, () => handRanking(ctx.db)) },
    summary: { engine: await median(runs, engine('applications-by-district')), hand: await median(runs, () => handSummary(ctx.db)) },
  };
}
