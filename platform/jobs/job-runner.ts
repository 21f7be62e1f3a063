// Background jobs of the server process, one at a time (two cores; each job works in short batches, so officers'
// saves go on meanwhile). A job belongs to the process running it, which touches its heartbeat; a job whose
// heartbeat stopped (its process died mid-job) is claimed by the next process that looks — at start and on every
// heartbeat — and continued from its last committed batch, since each batch commits its work and its progress
// together. A server closing normally stops its jobs after their current batch and releases them, so the next
// server to start continues them at once.
import { randomUUID } from 'node:crypto';
import type { PlatformContext } from '../context';
import { HezuoError } from '../errors';
import { claimStaleJobs, finishJob, releaseJobs, startJob, touchJobs, type JobRow } from '../store/jobs-store';

export const HEARTBEAT_MS = 5_000;
/** An open job whose heartbeat is older than this was cut off. */
export const STALE_SECONDS = 30;

/** Thrown by a handler whose job is no longer its own (superseded, or taken over): it stops without a verdict. */
export class JobLost extends Error {
  constructor(id: string) {
    super(`job ${id} is no longer this process's`);
  }
}

/** Thrown by a handler that stopped between batches because the server is closing; the job is released. */
export class JobPaused extends Error {
  constructor(id: string) {
    super(`job ${id} paused: the server is closing`);
  }
}

/**
 * Runs a job from where it stands to its end, batch by batch; returns when all its work is committed. Between
 * batches it throws JobPaused once `stopping()` says so.
 */
export type JobHandler = (job: JobRow, owner: string, stopping: () => boolean) => Promise<void>;

export interface JobRunner {
  /** This process's mark on the jobs it runs; a job is inserted with it, then submitted. */
  readonly owner: string;
  submit(id: string): void;
  /** Claims and queues the jobs of stopped processes; returns their ids. */
  resumeStale(): Promise<string[]>;
  /** Resolves when every queued job has ended (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createJobRunner(
  ctx: PlatformContext,
  handlers: Record<string, JobHandler>,
  log: (msg: string, err?: unknown) => void = () => {},
): JobRunner {
  const owner = randomUUID();
  let tail: Promise<void> = Promise.resolve();
  let stopping = false;
  const beat = setInterval(() => {
    touchJobs(ctx.db, owner)
      .then(() => resumeStale())
      .catch((e) => log('job heartbeat failed', e));
  }, HEARTBEAT_MS);
  beat.unref();

  async function run(id: string) {
    if (stopping) return; // left queued for the next server
    try {
      const job = await startJob(ctx.db, id, owner);
      if (!job) return; // superseded or finished meanwhile
      const handler = handlers[job.kind];
      if (!handler) throw new Error(`no handler for jobs of kind ${job.kind}`);
      await handler(job, owner, () => stopping);
      await finishJob(ctx.db, id, owner, { status: 'done' });
    } catch (e) {
      if (e instanceof JobLost || e instanceof JobPaused) return;
      const err = e instanceof HezuoError ? e : new HezuoError('INTERNAL');
      if (!(e instanceof HezuoError)) log(`job ${id} failed`, e);
      await finishJob(ctx.db, id, owner, { status: 'failed', failure: err.toJSON().error as unknown as Record<string, unknown> }).catch(
        (x) => log(`job ${id}: cannot record the failure`, x),
      );
    }
  }

  function submit(id: string) {
    tail = tail.then(() => run(id));
  }

  async function resumeStale() {
    const ids = await claimStaleJobs(ctx.db, owner, STALE_SECONDS);
    for (const id of ids) {
      log(`resuming job ${id} of a stopped process`);
      submit(id);
    }
    return ids;
  }

  // Jobs queued while waiting are waited for too.
  async function idle() {
    for (let seen = tail; ; seen = tail) {
      await seen;
      if (seen === tail) return;
    }
  }

  return {
    owner,
    submit,
    resumeStale,
    idle,
    /** Stops the jobs after their current batch and releases them to whichever server starts next. */
    async close() {
      stopping = true;
      clearInterval(beat);
      await idle();
      await releaseJobs(ctx.db, owner).catch((e) => log('cannot release the open jobs', e));
    },
  };
}
