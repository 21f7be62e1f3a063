// One workflow step over many records, as a reviewer approves a page of the queue. Each item goes through
// transitionRecord in its own transaction: an item reported ok is committed, and an item that fails (stale
// revision, guard, blocking checks, no right) changes nothing and is reported with its error. No all-or-nothing:
// one stale record must not undo the forty the reviewer has already decided.
import { HezuoError, detail, type ErrorDetail } from '../errors';
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { transitionRecord } from './transition-service';

export const MAX_BULK_ITEMS = 200;

export interface BulkItemResult {
  id: string;
  ok: boolean;
  state?: string;
  revision?: number;
  error?: { code: string; message: { 'zh-CN': string; en: string }; details: ErrorDetail[] };
}

interface Item {
  id: string;
  revision: number;
}

function readBody(body: Record<string, unknown>): { transition: string; comment?: string; items: Item[] } {
  const errors: ErrorDetail[] = [];
  if (typeof body.transition !== 'string' || !body.transition) errors.push(detail('/transition', '缺少操作', 'transition is required'));
  if (body.comment !== undefined && body.comment !== null && typeof body.comment !== 'string')
    errors.push(detail('/comment', '意见必须是文字', 'comment must be a string'));
  const items = body.items;
  if (!Array.isArray(items) || items.length === 0) {
    errors.push(detail('/items', '请至少选择一条记录', 'Choose at least one record'));
  } else if (items.length > MAX_BULK_ITEMS) {
    errors.push(
      detail('/items', `一次最多处理 ${MAX_BULK_ITEMS} 条记录`, `At most ${MAX_BULK_ITEMS} records at once`, {
        params: { limit: MAX_BULK_ITEMS },
      }),
    );
  } else {
    const seen = new Set<string>();
    items.forEach((it: any, i) => {
      if (!it || typeof it.id !== 'string' || !it.id) errors.push(detail(`/items/${i}/id`, '缺少记录编号', 'id is required'));
      else if (seen.has(it.id)) errors.push(detail(`/items/${i}/id`, '同一记录出现了两次', 'The same record is listed twice'));
      else seen.add(it.id);
      if (!it || typeof it.revision !== 'number' || !Number.isInteger(it.revision))
        errors.push(detail(`/items/${i}/revision`, '缺少所依据的修订号', 'The revision is required'));
    });
  }
  if (errors.length) throw new HezuoError('BAD_REQUEST', errors);
  return { transition: body.transition as string, comment: (body.comment as string | undefined) ?? undefined, items: items as Item[] };
}

export async function bulkTransition(ctx: PlatformContext, principal: Principal, raw: object) {
  const { transition, comment, items } = readBody(raw as Record<string, unknown>);
  const results: BulkItemResult[] = [];
  // One after another: items may share a ranking or a subject, and the machine serves others meanwhile.
  for (const item of items) {
    try {
      const view = await transitionRecord(ctx, principal, item.id, { revision: item.revision, transition, comment });
      results.push({ id: item.id, ok: true, state: view.state, revision: view.revision });
    } catch (e) {
      const err = e instanceof HezuoError ? e : new HezuoError('INTERNAL');
      if (!(e instanceof HezuoError)) console.error('bulk transition item failed', item.id, e);
      results.push({ id: item.id, ok: false, error: err.toJSON().error });
    }
  }
  return { transition, succeeded: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
}
