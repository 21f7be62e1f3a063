// A job as the API shows it: its state and progress. Admins see every job (parameter changes are theirs and
// installation-wide); any other user only the jobs they started.
import type { PlatformContext } from '../context';
import { HezuoError, detail } from '../errors';
import { isAdmin, type Principal } from '../access/principal';
import { getJob, type JobRow } from '../store/jobs-store';

export function jobView(j: JobRow) {
  return {
    id: j.id,
    kind: j.kind,
    plugin: j.pluginId,
    state: j.status,
    total: j.total,
    done: j.done,
    changed: j.counts.changed,
    unchanged: j.counts.unchanged,
    failed: j.counts.failed,
    failedRecords: j.counts.failedRecords,
    input: j.input,
    supersededBy: j.supersededBy,
    failure: j.failure,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
  };
}

export async function viewJob(ctx: PlatformContext, principal: Principal, id: string) {
  const j = await getJob(ctx.db, id);
  if (!j || !(isAdmin(principal) || j.userId === principal.user.id))
    throw new HezuoError('NOT_FOUND', [detail('/id', '任务不存在', 'No such job')]);
  return jobView(j);
}
