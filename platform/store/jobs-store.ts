// Background jobs: who asked, what for, how far they got. A job belongs to one process at a time (its owner);
// every batch locks the job row first and commits only while the job is still that owner's and running, so a
// job taken over by another process, or superseded by a newer one, never commits a batch twice.
import { sql } from 'kysely';
import type { Executor, JobStatus } from './schema';

export interface JobCounts {
  changed: number;
  unchanged: number;
  failed: number;
  failedRecords: { id: string; code: string }[];
}

export interface JobRow {
  id: string;
  kind: string;
  pluginId: string | null;
  userId: string;
  status: JobStatus;
  input: Record<string, unknown>;
  cursor: string | null;
  pending: string[];
  total: number;
  done: number;
  counts: JobCounts;
  failure: Record<string, unknown> | null;
  supersededBy: string | null;
  owner: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const EMPTY_COUNTS: JobCounts = { changed: 0, unchanged: 0, failed: 0, failedRecords: [] };

const toJob = (r: any): JobRow => ({
  id: r.id,
  kind: r.kind,
  pluginId: r.plugin_id,
  userId: r.user_id,
  status: r.status,
  input: r.input,
  cursor: r.cursor,
  pending: r.pending,
  total: r.total,
  done: r.done,
  counts: { ...EMPTY_COUNTS, ...r.counts },
  failure: r.failure,
  supersededBy: r.superseded_by,
  owner: r.owner,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

const OPEN: JobStatus[] = ['queued', 'running'];

/** A queued job of `owner` (the process that will run it). */
export async function insertJob(
  ex: Executor,
  j: { id: string; kind: string; pluginId: string | null; userId: string; owner: string; input: Record<string, unknown>; total: number },
) {
  await ex
    .insertInto('jobs')
    .values({
      id: j.id,
      kind: j.kind,
      plugin_id: j.pluginId,
      user_id: j.userId,
      owner: j.owner,
      status: 'queued',
      input: JSON.stringify(j.input),
      total: j.total,
      counts: JSON.stringify(EMPTY_COUNTS),
    })
    .execute();
}

/** Open jobs of this kind for this plugin stop where they are: the newer job `byId` covers all their work. */
export async function supersedeOpenJobs(ex: Executor, kind: string, pluginId: string, byId: string): Promise<number> {
  const r = await ex
    .updateTable('jobs')
    .set({ status: 'superseded', superseded_by: byId, finished_at: new Date() })
    .where('kind', '=', kind)
    .where('plugin_id', '=', pluginId)
    .where('status', 'in', OPEN)
    .where('id', '<>', byId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

export async function getJob(ex: Executor, id: string): Promise<JobRow | undefined> {
  const r = await ex.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toJob(r) : undefined;
}

/** Takes an open job for `owner` (a queued one it submitted, or one it claimed); undefined when it is no longer open. */
export async function startJob(ex: Executor, id: string, owner: string): Promise<JobRow | undefined> {
  const r = await ex
    .updateTable('jobs')
    .set({ status: 'running', owner, heartbeat_at: new Date(), started_at: sql<Date>`coalesce(started_at, now())` })
    .where('id', '=', id)
    .where('status', 'in', OPEN)
    .where((eb) => eb.or([eb('owner', 'is', null), eb('owner', '=', owner)]))
    .returningAll()
    .executeTakeFirst();
  return r ? toJob(r) : undefined;
}

/**
 * Open jobs whose heartbeat stopped more than `staleSeconds` ago belonged to a process that stopped: they become
 * `owner`'s, to be continued from their last committed batch. Returns their ids, oldest first.
 */
export async function claimStaleJobs(ex: Executor, owner: string, staleSeconds: number): Promise<string[]> {
  const rows = await ex
    .updateTable('jobs')
    .set({ owner, heartbeat_at: new Date() })
    .where('status', 'in', OPEN)
    .where('heartbeat_at', '<', sql<Date>`now() - make_interval(secs => ${staleSeconds})`)
    .returning(['id', 'created_at'])
    .execute();
  return rows.sort((a, b) => +a.created_at - +b.created_at).map((r) => r.id);
}

/** Keeps the open jobs of a living process visibly alive. */
export async function touchJobs(ex: Executor, owner: string) {
  await ex.updateTable('jobs').set({ heartbeat_at: new Date() }).where('owner', '=', owner).where('status', 'in', OPEN).execute();
}

/** A closing process gives its open jobs up: without owner and with a heartbeat long stopped, the next process claims them. */
export async function releaseJobs(ex: Executor, owner: string) {
  await ex
    .updateTable('jobs')
    .set({ owner: null, heartbeat_at: new Date(0) })
    .where('owner', '=', owner)
    .where('status', 'in', OPEN)
    .execute();
}

/** Locks the job row for one batch; undefined when the job is no longer `owner`'s running job (taken over, superseded). */
export async function lockRunningJob(ex: Executor, id: string, owner: string): Promise<JobRow | undefined> {
  const r = await ex
    .selectFrom('jobs')
    .selectAll()
    .where('id', '=', id)
    .where('owner', '=', owner)
    .where('status', '=', 'running')
    .forUpdate()
    .executeTakeFirst();
  return r ? toJob(r) : undefined;
}

export async function saveJobProgress(
  ex: Executor,
  id: string,
  p: { cursor: string | null; pending: string[]; done: number; total: number; counts: JobCounts },
) {
  await ex
    .updateTable('jobs')
    .set({
      cursor: p.cursor,
      pending: JSON.stringify(p.pending),
      done: p.done,
      total: p.total,
      counts: JSON.stringify(p.counts),
      heartbeat_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function finishJob(
  ex: Executor,
  id: string,
  owner: string,
  f: { status: 'done' | 'failed'; failure?: Record<string, unknown> },
) {
  await ex
    .updateTable('jobs')
    .set({ status: f.status, failure: f.failure ? JSON.stringify(f.failure) : null, finished_at: new Date(), heartbeat_at: new Date() })
    .where('id', '=', id)
    .where('owner', '=', owner)
    .where('status', '=', 'running')
    .execute();
}
