// Configuration from the environment, with the defaults that make `npm start` work on a fresh clone.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOG_LEVELS, type LogLevel } from '../http/logging';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; when unset, an embedded server runs in dataDir. */
  databaseUrl?: string;
  /** The application's own login (least privilege); the owner of DATABASE_URL still runs the migrations. */
  databaseAppUrl?: string;
  /** Without DATABASE_APP_URL: the role the application's connections take with SET ROLE (created if missing). */
  appRole: string;
  /** A session unused this long ends (its absolute expiry stays 12 hours). */
  sessionIdleMinutes: number;
  dataDir: string;
  /** Folders of plugin folders; HEZUO_PLUGINS_DIR may list several, separated by the path delimiter. */
  pluginsDirs: string[];
  migrationsDir: string;
  seedFile: string | null;
  /** Demo records from the plugins' fixtures on an empty database: with the bundled demo seed, unless HEZUO_DEMO_RECORDS=none. */
  demoRecords: boolean;
  timeZone: string;
  demoPassword?: string;
  /** HEZUO_LOG_LEVEL: fatal, error, warn, info (default), debug, trace or silent. */
  logLevel: LogLevel;
  /** HEZUO_TRUST_PROXY, as fastify's trustProxy: false (default), true, a hop count, or addresses/CIDRs (comma-separated). */
  trustProxy: boolean | number | string;
  /** HEZUO_DB_POOL_SIZE: connections the application keeps open (default 20); each waiting request holds none. */
  dbPoolSize: number;
  /** HEZUO_TRUSTED_KEYS: a folder of publishers' ed25519 public keys (.pem) whose signed packs count as trusted. */
  trustedKeysDir: string | null;
}

function logLevelOf(v: string | undefined): LogLevel {
  if (!v) return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(v)) return v as LogLevel;
  throw new Error(`HEZUO_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${v}"`);
}

function trustProxyOf(v: string | undefined): boolean | number | string {
  const s = (v ?? '').trim();
  if (s === '' || s === 'false') return false;
  if (s === 'true') return true;
  if (/^\d+$/.test(s)) return Number(s);
  return s;
}

export const DEMO_SEED = path.join(REPO_ROOT, 'demo/seed.json');

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const seedFile = env.HEZUO_SEED === 'none' ? null : path.resolve(env.HEZUO_SEED || DEMO_SEED);
  return {
    port: Number(env.PORT || 3000),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseAppUrl: env.DATABASE_APP_URL || undefined,
    appRole: env.HEZUO_APP_ROLE || 'hezuo_app',
    sessionIdleMinutes: positive(env.HEZUO_SESSION_IDLE_MINUTES, 30, 'HEZUO_SESSION_IDLE_MINUTES must be a positive number of minutes'),
    dataDir: path.resolve(env.HEZUO_DATA_DIR || path.join(REPO_ROOT, '.hezuo-data')),
    pluginsDirs: (env.HEZUO_PLUGINS_DIR || path.join(REPO_ROOT, 'plugins'))
      .split(path.delimiter)
      .filter(Boolean)
      .map((d) => path.resolve(d)),
    migrationsDir: path.join(REPO_ROOT, 'migrations'),
    seedFile,
    demoRecords: seedFile === DEMO_SEED && env.HEZUO_DEMO_RECORDS !== 'none',
    timeZone: env.HEZUO_TIMEZONE || 'Asia/Shanghai',
    demoPassword: env.HEZUO_DEMO_PASSWORD || undefined,
    logLevel: logLevelOf(env.HEZUO_LOG_LEVEL),
    trustProxy: trustProxyOf(env.HEZUO_TRUST_PROXY),
    dbPoolSize: Math.floor(positive(env.HEZUO_DB_POOL_SIZE, 20, 'HEZUO_DB_POOL_SIZE must be a positive number of connections')),
    trustedKeysDir: env.HEZUO_TRUSTED_KEYS ? path.resolve(env.HEZUO_TRUSTED_KEYS) : null,
  };
}

function positive(value: string | undefined, fallback: number, what: string): number {
  if (!value) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${what}, not "${value}"`);
  return n;
}
