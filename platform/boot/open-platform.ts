// Brings the platform up in order: database (external or embedded), migrations, plugins, demo seed.
// Used by `npm start`, the CLI and the API tests alike, so all three run the same start-up path.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase } from '../store/connect';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres';
import { migrateToLatest } from '../store/migrate';
import type { Database } from '../store/schema';
import { PluginRegistry } from '../plugins/registry';
import { createPluginLoader } from '../plugins/loader';
import type { PluginFailure } from '../plugins/loader';
import { systemClock, type Clock, type PlatformContext } from '../context';
import { installPlugins } from './install-plugins';
import { seedIfEmpty } from './seed';
import { seedDemoRecords } from '../demo/seed-demo-records';
import { prepareAppConnection } from './app-database';
import { purgeExpired } from '../auth/auth-service';
import type { Config } from './config';
import { loadTrustedKeys } from '../packs/trusted-keys';

const PURGE_EVERY_MS = 5 * 60_000;

export interface OpenPlatform {
  ctx: PlatformContext;
  failures: PluginFailure[];
  demoUsers: { username: string; password: string; roles: string }[] | null;
  close(): Promise<void>;
}

export async function openPlatform(
  config: Config,
  opts: { clock?: Clock; log?: (line: string) => void; withoutPlugins?: boolean } = {},
): Promise<OpenPlatform> {
  const log = opts.log ?? (() => {});
  // Read before anything starts: a bad key file stops the start with its name.
  const trustedPublishers = await loadTrustedKeys(config.trustedKeysDir);
  let url = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!url) {
    log(`starting embedded PostgreSQL in ${config.dataDir}`);
    const pg = await startEmbeddedPostgres({ dataDir: config.dataDir });
    url = pg.connectionString;
    stopEmbedded = () => pg.stop();
  }
  // Migrations and grants as the owner; then the application runs as its least-privilege role.
  let database: ReturnType<typeof openDatabase<Database>> | undefined;
  try {
    const owner = openDatabase<Database>(url, { max: 1, onIdleError: (e) => log(`database connection dropped: ${e.message}`) });
    let app;
    try {
      const { applied } = await migrateToLatest(owner.db, config.migrationsDir);
      if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
      app = await prepareAppConnection(owner.db, url, {
        embeddedDataDir: stopEmbedded ? config.dataDir : undefined,
        databaseAppUrl: config.databaseAppUrl,
        appRole: config.appRole,
      });
    } finally {
      await owner.close();
    }
    database = openDatabase<Database>(app.url, {
      max: config.dbPoolSize,
      options: app.options,
      onIdleError: (e) => log(`database connection dropped: ${e.message}`),
    });
    const registry = new PluginRegistry();
    // Maintenance commands (audit verify) need the database only, not the plugins compiled.
    const failures = opts.withoutPlugins
      ? []
      : await installPlugins(database.db, createPluginLoader({ dependencies: (id) => registry.find(id) }), registry, config.pluginsDirs);
    const ctx: PlatformContext = {
      db: database.db,
      registry,
      clock: opts.clock ?? systemClock,
      timeZone: config.timeZone,
      sessionIdleMinutes: config.sessionIdleMinutes,
      trustedPublishers,
    };
    const demoUsers = config.seedFile ? await seedIfEmpty(ctx, config.seedFile, config.demoPassword) : null;
    if (demoUsers) {
      await mkdir(config.dataDir, { recursive: true });
      const lines = demoUsers.map((u) => `${u.username}\t${u.password}\t${u.roles}`).join('\n');
      await writeFile(path.join(config.dataDir, 'demo-users.txt'), `user\tpassword\troles\n${lines}\n`, { mode: 0o600 });
    }
    // After the users: they file and review the demo records. Only with a seed (the CLI and tests pass none) and on a
    // database without records (seedDemoRecords).
    if (config.seedFile && config.demoRecords && !opts.withoutPlugins) {
      // Demo data is a courtesy: a plugin whose fixtures cannot be filed must not keep the server from starting.
      const demo = await seedDemoRecords(ctx).catch((e: Error) => {
        log(`demo records not filed: ${e.message}`);
        return null;
      });
      if (demo?.created) {
        log(`demo records: ${demo.created}, from the plugins' fixtures`);
        for (const [form, states] of Object.entries(demo.forms))
          log(
            `  ${form}: ${Object.entries(states)
              .map(([s, n]) => `${s} ${n}`)
              .join(', ')}`,
          );
      }
    }
    // Expired and idle sessions go on every login too; the timer catches the quiet hours. It never keeps the
    // process alive.
    const purge = setInterval(() => {
      purgeExpired(ctx).catch((e) => log(`purging sessions failed: ${(e as Error).message}`));
    }, PURGE_EVERY_MS);
    purge.unref();
    const opened = database;
    return {
      ctx,
      failures,
      demoUsers,
      async close() {
        clearInterval(purge);
        await opened.close();
        if (stopEmbedded) await stopEmbedded();
      },
    };
  } catch (e) {
    await database?.close();
    if (stopEmbedded) await stopEmbedded();
    throw e;
  }
}
