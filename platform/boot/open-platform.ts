// Brings the platform up in order: database (external or embedded), migrations, plugins, demo seed.
// Used by `npm start`, the CLI and the API tests alike, so all three run the same start-up path.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase } from '../store/connect';
import { startEmbeddedPostgres } from '../store/embedded';
import { migrateToLatest } from '../store/migrate';
import type { Database } from '../store/schema';
import { PluginRegistry } from '../plugins/registry';
import { createPluginLoader } from '../plugins/loader';
import type { PluginFailure } from '../plugins/loader';
import { systemClock, type Clock, type PlatformContext } from '../context';
import { installPlugins } from './install-plugins';
import { seedIfEmpty } from './seed';
import type { Config } from './config';

export interface OpenPlatform {
  ctx: PlatformContext;
  failures: PluginFailure[];
  demoUsers: { username: string; password: string; roles: string }[] | null;
  close(): Promise<void>;
}

export async function openPlatform(config: Config, opts: { clock?: Clock; log?: (line: string) => void } = {}): Promise<OpenPlatform> {
  const log = opts.log ?? (() => {});
  let url = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!url) {
    log(`starting embedded PostgreSQL in ${config.dataDir}`);
    const pg = await startEmbeddedPostgres({ dataDir: config.dataDir });
    url = pg.connectionString;
    stopEmbedded = () => pg.stop();
  }
  const database = openDatabase<Database>(url, { onIdleError: (e) => log(`database connection dropped: ${e.message}`) });
  try {
    const { applied } = await migrateToLatest(database.db, config.migrationsDir);
    if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
    const registry = new PluginRegistry();
    const failures = await installPlugins(database.db, createPluginLoader(), registry, config.pluginsDirs);
    const ctx: PlatformContext = { db: database.db, registry, clock: opts.clock ?? systemClock, timeZone: config.timeZone };
    const demoUsers = config.seedFile ? await seedIfEmpty(ctx, config.seedFile, config.demoPassword) : null;
    if (demoUsers) {
      await mkdir(config.dataDir, { recursive: true });
      const lines = demoUsers.map((u) => `${u.username}\t${u.password}\t${u.roles}`).join('\n');
      await writeFile(path.join(config.dataDir, 'demo-users.txt'), `user\tpassword\troles\n${lines}\n`, { mode: 0o600 });
    }
    return {
      ctx, failures, demoUsers,
      async close() {
        await database.close();
        if (stopEmbedded) await stopEmbedded();
      },
    };
  } catch (e) {
    await database.close();
    if (stopEmbedded) await stopEmbedded();
    throw e;
  }
}
