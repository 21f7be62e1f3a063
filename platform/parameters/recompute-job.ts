// The job a parameter change starts: every record of the plugin still in play is evaluated again under the
// parameters as they now stand, in batches of short transactions. A batch locks only the records nobody else
// holds (skip locked); one an officer is saving at that moment is done afterwards on its own, once the officer's
// save has committed, so the job never waits inside a batch, never overwrites a save and never makes one fail.
import type { PlatformContext } from '../context';
import type { Executor } from '../store/schema';
import { getRecord } from '../store/records-store';
import { countRecordsOutside, lockFreeRecords, recordIdsAfter } from '../store/record-batches-store';
import { insertJob, lockRunningJob, saveJobProgress, supersedeOpenJobs, type JobCounts, type JobRow } from '../store/jobs-store';
import { finalStates, recomputeRecords, type RecomputeNote, type RecomputeOutcome } from '../records/recompute';
import type { PluginDefinition } from '../plugins/types';
import { JobLost, JobPaused, type JobHandler } from '../jobs/job-runner';
import { effectiveParameters } from './effective-parameters';

export const RECOMPUTE_JOB = 'parameters.recompute';
const BATCH = 50;
const FAILED_LISTED = 20;

/** What a recompute job is for: the parameter revision it follows and each parameter changed (from → to). */
export interface RecomputeInput {
  revision: number;
  changes: { name: string; from: unknown; to: unknown }[];
}

/** Queues the recompute for a parameter change, in the transaction of the change. */
export async function queueRecompute(
  tx: Executor,
  plugin: PluginDefinition,
  j: RecomputeInput & { id: string; owner: string; userId: string },
): Promise<void> {
  const total = await countRecordsOutside(tx, plugin.id, finalStates(plugin));
  const input: RecomputeInput = { revision: j.revision, changes: j.changes };
  await insertJob(tx, { id: j.id, kind: RECOMPUTE_JOB, pluginId: plugin.id, userId: j.userId, owner: j.owner, input: { ...input }, total });
}

/**
 * Two changes in a row: the newer job supersedes an open older one (which stops at its next batch), since it
 * redoes all of its work anyway. Run after the change committed, not in its transaction: that one holds the
 * parameters row, which officers' saves wait for, and must not wait itself for the job row a batch holds.
 */
export async function supersedeOlderRecomputes(ex: Executor, pluginId: string, newerId: string): Promise<number> {
  return supersedeOpenJobs(ex, RECOMPUTE_JOB, pluginId, newerId);
}

const noteOf = (input: RecomputeInput, actorId: string): RecomputeNote => ({
  actorId,
  comment: `参数变更后重新计算 / recomputed after parameter change: ${input.changes.map((c) => c.name).join(', ') || '-'} (r${input.revision})`,
});

function count(c: JobCounts, id: string, o: RecomputeOutcome): JobCounts {
  if (o.kind !== 'failed') return o.kind === 'changed' ? { ...c, changed: c.changed + 1 } : { ...c, unchanged: c.unchanged + 1 };
  const failedRecords = c.failedRecords.length < FAILED_LISTED ? [...c.failedRecords, { id, code: o.code }] : c.failedRecords;
  return { ...c, failed: c.failed + 1, failedRecords };
}

export function recomputeJobHandler(ctx: PlatformContext, log: (msg: string, err?: unknown) => void = () => {}): JobHandler {
  return async (job, owner, stopping) => {
    const plugin = ctx.registry.get(job.pluginId!);
    const finals = new Set(finalStates(plugin));
    const note = noteOf(job.input as unknown as RecomputeInput, job.userId);

    /** One short transaction: the job row (still ours and running, or JobLost), then the work and its progress. */
    const step = (
      work: (tx: Executor, j: JobRow, params: Record<string, unknown>) => Promise<Parameters<typeof saveJobProgress>[2] | null>,
    ) =>
      ctx.db.transaction().execute(async (tx) => {
        const j = await lockRunningJob(tx, job.id, owner);
        if (!j) throw new JobLost(job.id);
        // The parameters as they stand now: a newer change supersedes this job in the same transaction it commits in.
        const { values } = await effectiveParameters(tx, plugin);
        const progress = await work(tx, j, values);
        if (progress) await saveJobProgress(tx, job.id, progress);
        return progress !== null;
      });

    const recompute = async (
      tx: Executor,
      rows: Awaited<ReturnType<typeof lockFreeRecords>>,
      params: Record<string, unknown>,
      counts: JobCounts,
    ) => {
      // Decided meanwhile: it keeps the results it was decided on.
      const outcomes = await recomputeRecords(
        ctx,
        tx,
        rows.filter((r) => !finals.has(r.state)),
        params,
        note,
        log,
      );
      for (const row of rows) {
        const o: RecomputeOutcome = outcomes.get(row.id) ?? { kind: 'unchanged' };
        counts = count(counts, row.id, o);
      }
      return counts;
    };

    for (;;) {
      if (stopping()) throw new JobPaused(job.id);
      const more = await step(async (tx, j, params) => {
        // First the records a batch had to leave, one at a time: wait for the officer's save, then evaluate it.
        if (j.pending.length) {
          const [id, ...rest] = j.pending;
          const row = await getRecord(tx, id, true);
          const counts = row ? await recompute(tx, [row], params, j.counts) : count(j.counts, id, { kind: 'unchanged' });
          return { cursor: j.cursor, pending: rest, done: j.done + 1, total: Math.max(j.total, j.done + 1 + rest.length), counts };
        }
        const ids = await recordIdsAfter(tx, plugin.id, [...finals], j.cursor, BATCH);
        if (ids.length === 0) {
          // The end: records decided or removed since the count are no longer to do.
          if (j.total !== j.done)
            await saveJobProgress(tx, job.id, { cursor: j.cursor, pending: [], done: j.done, total: j.done, counts: j.counts });
          return null;
        }
        const rows = await lockFreeRecords(tx, ids);
        const locked = new Set(rows.map((r) => r.id));
        const pending = ids.filter((id) => !locked.has(id));
        const counts = await recompute(tx, rows, params, j.counts);
        const done = j.done + rows.length;
        return { cursor: ids[ids.length - 1], pending, done, total: Math.max(j.total, done + pending.length), counts };
      });
      if (!more) return;
    }
  };
}
