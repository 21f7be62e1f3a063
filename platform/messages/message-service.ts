// The caller's in-app messages: a page of them rendered with the titles of the record's plugin version (form, step,
// states), the unread count for the header bell, and marking read. Only the caller's own messages, ever.
import { HezuoError, detail, type LocalText } from '../errors';
import type { PlatformContext } from '../context';
import { canSee, type Principal } from '../access/principal';
import { seesInFull, maskSubject } from '../access/sensitive-access';
import { listMessages, markRead, type MessageRow } from '../store/messages-store';

export const MESSAGES_PAGE = 20;
export const MESSAGES_MAX_PAGE = 100;
export const MAX_READ_IDS = 500;

export interface MessageView {
  id: string;
  kind: 'returned' | 'reached';
  read: boolean;
  createdAt: Date;
  comment: string | null;
  actor: string | null;
  record: { id: string; plugin: string; form: string; formTitle: LocalText | null; subject: string | null };
  transition: { id: string; title: LocalText | null };
  fromState: { id: string; title: LocalText | null };
  toState: { id: string; title: LocalText | null };
}

function viewOf(ctx: PlatformContext, principal: Principal, m: MessageRow): MessageView {
  const form = ctx.registry.find(m.pluginId, m.pluginVersion)?.forms.get(m.formId);
  const states = form?.workflow?.states;
  const title = m.subjectTitle ?? m.subject;
  // The record may since have left the caller's units, or hold a subject the caller sees masked.
  const subject = !canSee(principal, m.orgPath)
    ? null
    : form && !seesInFull(principal, form.sensitive, m.orgPath)
      ? maskSubject(title, m.subjectTitle !== null ? form.sensitive.subjectTitle : form.sensitive.subject)
      : title;
  return {
    id: m.id,
    kind: m.kind,
    read: m.readAt !== null,
    createdAt: m.createdAt,
    comment: m.comment,
    actor: m.actorName,
    record: { id: m.recordId, plugin: m.pluginId, form: m.formId, formTitle: form?.manifest.title ?? null, subject },
    transition: { id: m.transition, title: form?.workflow?.transitions.get(m.transition)?.title ?? null },
    fromState: { id: m.fromState, title: states?.get(m.fromState)?.title ?? null },
    toState: { id: m.toState, title: states?.get(m.toState)?.title ?? null },
  };
}

export async function myMessages(
  ctx: PlatformContext,
  principal: Principal,
  q: { limit?: number; offset?: number; unread?: boolean },
): Promise<{ items: MessageView[]; total: number; unread: number; limit: number; offset: number }> {
  const limit = q.limit ?? MESSAGES_PAGE;
  const offset = q.offset ?? 0;
  const { rows, total, unread } = await listMessages(ctx.db, principal.user.id, { limit, offset, unreadOnly: !!q.unread });
  return { items: rows.map((m) => viewOf(ctx, principal, m)), total, unread, limit, offset };
}

/** Marks `ids` (or every message when `all`) read; another user's id is simply not among the caller's. */
export async function readMessages(
  ctx: PlatformContext,
  principal: Principal,
  body: { ids?: string[]; all?: boolean },
): Promise<{ marked: number; unread: number }> {
  if (!body.all && !body.ids?.length)
    throw new HezuoError('BAD_REQUEST', [
      detail('/ids', '请指明要标为已读的消息,或 all: true', 'Name the messages to mark read, or all: true'),
    ]);
  if (body.all && body.ids?.length)
    throw new HezuoError('BAD_REQUEST', [detail('/all', 'ids 与 all 只能给一个', 'Give either ids or all, not both')]);
  return ctx.db.transaction().execute(async (tx) => {
    const marked = await markRead(tx, principal.user.id, body.all ? null : body.ids!, ctx.clock.now());
    const { unread } = await listMessages(tx, principal.user.id, { limit: 1, offset: 0, unreadOnly: true });
    return { marked, unread };
  });
}
