// Recovering the single-server lock (pgdata/postmaster.pid) that a crash left behind.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Log } from './postgres-user';

// PostgreSQL clears a postmaster.pid whose process is dead. Two cases it cannot clear (Linux only, via /proc):
// - the postmaster is alive but orphaned: the process that started it crashed (its ppid no longer matches the
//   hezuo.owner_pid it was started with). We shut it down cleanly and start our own.
// - the pid was reused by an unrelated process (common after a container restart): its working directory is
//   not our data folder, so the lock is stale and is moved aside.
// Returns whether a retry may succeed.
export async function clearStaleLock(pgdata: string, log: Log): Promise<boolean> {
  const lockFile = path.join(pgdata, 'postmaster.pid');
  const pid = Number((await fs.readFile(lockFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return true; // vanished meanwhile
  const cwd = await fs.readlink(`/proc/${pid}/cwd`).catch((err: NodeJS.ErrnoException) => err.code ?? 'unknown');
  if (cwd === 'ENOENT') return true; // exited meanwhile
  if (cwd === 'EACCES' || cwd === 'EPERM' || cwd === 'unknown') return false; // cannot tell: leave it alone
  if (cwd !== (await fs.realpath(pgdata))) {
    log(`postmaster.pid names pid ${pid}, which is another program now; moving the stale lock aside`);
    await fs.rename(lockFile, `${lockFile}.stale-${Date.now()}`);
    return true;
  }
  const argv = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
  const owner = Number(argv.find((a) => a.startsWith('hezuo.owner_pid='))?.split('=')[1]);
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  if (!owner || !ppid || ppid === owner) return false; // started by a live process (or not by us): really in use
  log(`PostgreSQL (pid ${pid}) outlived the process ${owner} that started it; shutting it down cleanly`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await sleep(100);
  }
  return false;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
