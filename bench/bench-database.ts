// A throw-away platform for a bench: its own embedded PostgreSQL in a temp folder (fsync on, as in production), or
// BENCH_DATABASE_URL; migrated, plugins installed, demo org tree and users seeded. The owner's connection string is
// kept so a bench can measure its anchor — plain SQL from its own pg clients — against the same server and tables.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { configFromEnv, REPO_ROOT } from '../platform/boot/config';
import { openPlatform, type OpenPlatform } from '../platform/boot/open-platform';
import { seedIfEmpty } from '../platform/boot/seed';
import { startEmbeddedPostgres } from '../platform/postgres/embedded-postgres';

export const BENCH_PASSWORD = 'bench-password';

export interface BenchDatabase {
  platform: OpenPlatform;
  /** The owner's connection string (embedded superuser, or BENCH_DATABASE_URL). */
  url: string;
  dir: string;
  close(): Promise<void>;
}

export async function openBenchDatabase(prefix = 'hezuo-bench-'): Promise<BenchDatabase> {
  const dir = await mkdtemp(path.join(process.env.BENCH_TMP || os.tmpdir(), prefix));
  let stopEmbedded: (() => Promise<void>) | undefined;
  let url = process.env.BENCH_DATABASE_URL;
  try {
    if (!url) {
      const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
      url = pg.connectionString;
      stopEmbedded = () => pg.stop();
    }
    const platform = await openPlatform({
      ...configFromEnv({ HEZUO_DB_POOL_SIZE: process.env.HEZUO_DB_POOL_SIZE }),
      dataDir: dir,
      databaseUrl: url,
      seedFile: null,
    });
    try {
      await seedIfEmpty(platform.ctx, path.join(REPO_ROOT, 'demo/seed.json'), BENCH_PASSWORD);
    } catch (e) {
      await platform.close();
      throw e;
    }
    return {
      platform,
      url,
      dir,
      close: async () => {
        await platform.close();
        await stopEmbedded?.();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await stopEmbedded?.();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
