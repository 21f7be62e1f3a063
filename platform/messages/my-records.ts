// 我的申报: the records the caller created (within the caller's units, as every list), newest first, each with its
// state and the last comment a reviewer wrote on it. The list is the records list's own query and summary.
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { findRecords, type RecordSummary } from '../records/list-records';
import { lastReviewerComments, type LastComment } from '../store/last-comments-store';

export type MyRecord = RecordSummary & { lastComment: LastComment | null };

export async function myRecords(
  ctx: PlatformContext,
  principal: Principal,
  q: { limit?: number; offset?: number; state?: string },
): Promise<{ items: MyRecord[]; total: number; limit: number; offset: number }> {
  const page = await findRecords(ctx, principal, {
    limit: q.limit,
    offset: q.offset,
    state: q.state,
    columns: '',
    createdBy: principal.user.id,
  });
  const comments = await lastReviewerComments(
    ctx.db,
    page.items.map((r) => r.id),
  );
  return { ...page, items: page.items.map((r) => ({ ...r, lastComment: comments.get(r.id) ?? null })) };
}
