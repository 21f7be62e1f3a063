// Everything measured on one large table of realistic applications (bench/seed-applications.ts): storage per record,
// queue pages, reports, and creates and an import into the full table. One seeding serves all, so a run at
// 1,000,000 (or BENCH_SCALE_RECORDS) records seeds once.
import path from 'node:path';
import { principalOf } from '../platform/access/principal';
import { findUserByName, rolesOf } from '../platform/store/users-store';
import { runImport } from '../platform/imports/run-import';
import { buildApp } from '../platform/http/app';
import { BENCH_PASSWORD, openBenchDatabase } from './bench-database';
import { seedApplications } from './seed-applications';
import { storageStats } from './storage-stats';
import { queueBench } from './queue-bench';
import { benchReports } from './reports-bench';
import { applicationBodies, createMany } from './api-bench';
import { writeApplications } from './import-bench';

export interface ScaleParts {
  storage: boolean;
  queue: boolean;
  reports: boolean;
  creates: number;
  importRows: number;
}

export async function scaleBench(records: number, parts: ScaleParts, log: (line: string) => void = () => {}) {
  const bench = await openBenchDatabase('hezuo-scale-bench-');
  const { ctx } = bench.platform;
  const app = await buildApp(ctx);
  try {
    const seed = await seedApplications(ctx, bench.url, records, log);
    const out: Record<string, unknown> & { seed: typeof seed } = { records, seed };
    if (parts.storage) out.storage = await storageStats(bench.url);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const login = async (username: string) =>
      JSON.parse((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: BENCH_PASSWORD } })).body)
        .token as string;
    if (parts.queue) {
      out.queue = await queueBench(base, await login('city-reviewer'), bench.url, '/440000/440100/');
      log('queue measured');
    }
    if (parts.reports) {
      out.reports = await benchReports(ctx, Number(process.env.BENCH_REPORT_RUNS || 5));
      log('reports measured');
    }
    if (parts.creates) {
      // Credit codes far from the import's below (which numbers its rows from 0), so neither refuses the other's.
      const r = await createMany(base, await login('tianhe-officer'), await applicationBodies(), 5_000_000, parts.creates, 32);
      out.creates = { creates: parts.creates, perSecond: r.perSecond, refused: Object.fromEntries(r.refused) };
      log('creates measured');
    }
    if (parts.importRows) {
      const file = path.join(bench.dir, 'scale-import.xlsx');
      await writeApplications(file, parts.importRows);
      const u = (await findUserByName(ctx.db, 'tianhe-officer'))!;
      const principal = principalOf(u, await rolesOf(ctx.db, u.id));
      const t0 = performance.now();
      const res = await runImport(ctx, principal, {
        plugin: 'guangzhou-demonstration',
        form: 'application',
        period: '2024',
        orgUnitId: '440106',
        mode: 'valid',
        source: file,
        fileName: 'scale-import.xlsx',
        locale: 'zh-CN',
      });
      out.import = { rows: parts.importRows, created: res.counts.created, perSecond: parts.importRows / ((performance.now() - t0) / 1000) };
      log('import measured');
    }
    return out as typeof out & {
      storage?: Awaited<ReturnType<typeof storageStats>>;
      queue?: Awaited<ReturnType<typeof queueBench>>;
      reports?: Awaited<ReturnType<typeof benchReports>>;
      creates?: { creates: number; perSecond: number; refused: Record<number, number> };
      import?: { rows: number; created: number; perSecond: number };
    };
  } finally {
    await app.close();
    await bench.close();
  }
}
