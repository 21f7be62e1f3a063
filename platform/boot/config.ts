// Configuration from the environment, with the defaults that make `npm start` work on a fresh clone.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; when unset, an embedded server runs in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** Folders of plugin folders; HEZUO_PLUGINS_DIR may list several, separated by the path delimiter. */
  pluginsDirs: string[];
  migrationsDir: string;
  seedFile: string | null;
  timeZone: string;
  demoPassword?: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT || 3000),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.HEZUO_DATA_DIR || path.join(REPO_ROOT, '.hezuo-data')),
    pluginsDirs: (env.HEZUO_PLUGINS_DIR || path.join(REPO_ROOT, 'plugins')).split(path.delimiter).filter(Boolean).map((d) => path.resolve(d)),
    migrationsDir: path.join(REPO_ROOT, 'migrations'),
    seedFile: env.HEZUO_SEED === 'none' ? null : path.resolve(env.HEZUO_SEED || path.join(REPO_ROOT, 'demo/seed.json')),
    timeZone: env.HEZUO_TIMEZONE || 'Asia/Shanghai',
    demoPassword: env.HEZUO_DEMO_PASSWORD || undefined,
  };
}
