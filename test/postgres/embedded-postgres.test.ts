// The embedded starter itself (always on embedded, whatever HEZUO_TEST_BACKEND says): durable data folder,
// free port, single-server lock, recovery from a crashed starter or a stale lock.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../platform/store/connect';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../platform/postgres/embedded-postgres';

const SLOW = 120_000;
const isRoot = process.getuid?.() === 0;
const child = fileURLToPath(new URL('../helpers/embedded-child.ts', import.meta.url));

describe('startEmbeddedPostgres', () => {
  let dataDir: string;
  const running: EmbeddedPostgres[] = [];
  const start = async () => {
    const server = await startEmbeddedPostgres({ dataDir });
    running.push(server);
    return server;
  };

  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hezuo-embedded-test-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
    await stopLeftover(dataDir);
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it(
    'keeps committed rows across a restart on the same data folder, on a free port',
    async () => {
      const first = await start();
      expect(first.port).not.toBe(5432);
      expect(first.connectionString).toMatch(/^postgres:\/\/hezuo:[^@]+@127\.0\.0\.1:\d+\/hezuo$/);
      const a = openDatabase<any>(first.connectionString);
      await sql`create table sample (revision int8, amount numeric, day date, at timestamptz, tags int8[])`.execute(a.db);
      await a.db
        .insertInto('sample')
        .values({
          revision: 9007199254740991,
          amount: '12.50',
          day: '2024-02-29',
          at: new Date('2024-02-29T23:30:00Z'),
          tags: sql`'{1,2}'`,
        })
        .execute();
      const settings = await sql<{ fsync: string }>`select current_setting('fsync') as fsync`.execute(a.db);
      expect(settings.rows[0]!.fsync).toBe('on');
      await a.close();
      await first.stop();

      const second = await start();
      const b = openDatabase<any>(second.connectionString);
      const rows = await b.db.selectFrom('sample').selectAll().execute();
      // Also pins connect.ts's type choices: int8 and numeric as numbers, date as a plain string.
      expect(rows).toEqual([
        { revision: 9007199254740991, amount: 12.5, day: '2024-02-29', at: new Date('2024-02-29T23:30:00Z'), tags: [1, 2] },
      ]);
      await expect(sql`select 9007199254740993::int8 as too_big`.execute(b.db)).rejects.toThrow(/safe integer/);
      await b.close();
    },
    SLOW,
  );

  it(
    'refuses a second server on a data folder that is in use',
    async () => {
      const first = await start();
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/in use by another running server/);
      const db = openDatabase<any>(first.connectionString);
      expect((await sql<{ one: number }>`select 1 as one`.execute(db.db)).rows).toEqual([{ one: 1 }]);
      await db.close();
    },
    SLOW,
  );

  it.runIf(isRoot)(
    'as root, runs the server as the unprivileged postgres user and keeps the password from it',
    async () => {
      await (await start()).stop();
      expect((await fs.stat(path.join(dataDir, 'pgdata'))).uid).not.toBe(0);
      const secret = await fs.stat(path.join(dataDir, 'superuser-password'));
      expect([secret.uid, secret.mode & 0o777]).toEqual([0, 0o600]);
    },
    SLOW,
  );

  it(
    'shuts down a server whose starting process was killed, and starts its own',
    async () => {
      const orphanUrl = await startInChildThenKillIt(dataDir);
      const orphan = openDatabase<any>(orphanUrl);
      await sql`create table survived (id int)`.execute(orphan.db);
      await sql`insert into survived values (1)`.execute(orphan.db);
      await orphan.close();

      const server = await start();
      const db = openDatabase<any>(server.connectionString);
      expect(await db.db.selectFrom('survived').selectAll().execute()).toEqual([{ id: 1 }]);
      await db.close();
    },
    SLOW,
  );

  it(
    'starts despite a postmaster.pid from a crash whose pid now belongs to another program',
    async () => {
      const first = await start();
      const lockFile = path.join(dataDir, 'pgdata', 'postmaster.pid');
      const lock = await fs.readFile(lockFile, 'utf8');
      await first.stop();
      const owner = await fs.stat(path.join(dataDir, 'pgdata'));
      // A process of the same OS user as the server, so PostgreSQL itself sees the pid as alive.
      const stranger = spawn('sleep', ['300'], { uid: owner.uid, gid: owner.gid, cwd: os.tmpdir(), stdio: 'ignore' });
      try {
        await fs.writeFile(lockFile, lock.replace(/^\d+/, String(stranger.pid)));
        await (await start()).stop();
        expect((await fs.readdir(path.join(dataDir, 'pgdata'))).some((f) => f.startsWith('postmaster.pid.stale-'))).toBe(true);
      } finally {
        stranger.kill();
      }
    },
    SLOW,
  );
});

/** Starts a server in a separate Node process, waits for it, then SIGKILLs that process: the server lives on. */
async function startInChildThenKillIt(dataDir: string): Promise<string> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /READY (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    proc.once('exit', (code) => reject(new Error(`embedded-child exited early (${code}): ${out}`)));
  });
  const dead = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await dead;
  return url;
}

/** If a test failed after orphaning a server, stop it so no postgres outlives the run. */
async function stopLeftover(dataDir: string) {
  const pgdata = path.join(dataDir, 'pgdata');
  const pid = Number((await fs.readFile(path.join(pgdata, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
  // Only a postmaster works in the data folder; a pid reused by anything else is left alone.
  if (!pid || (await fs.readlink(`/proc/${pid}/cwd`).catch(() => '')) !== pgdata) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
