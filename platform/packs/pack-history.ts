// The installs, upgrades, rollbacks, uninstalls and enables of plugins, newest first, read from the admin audit
// log (the one place they are written, hash-chained): who, when, which version, the pack's sha256 and signature.
import { sql } from 'kysely';
import type { Executor } from '../store/schema';

export interface PackHistoryEvent {
  id: number;
  at: Date;
  action: string;
  actor: { id: string; username: string } | null;
  plugin: string;
  version: string | null;
  previousVersion: string | null;
  packSha256: string | null;
  signature: string | null;
  details: Record<string, unknown>;
}

const text = (v: unknown) => (typeof v === 'string' ? v : null);

export async function packHistory(
  ex: Executor,
  f: { plugin?: string; limit?: number; offset?: number },
): Promise<{ total: number; events: PackHistoryEvent[] }> {
  let q = ex
    .selectFrom('admin_audit')
    .where(sql<boolean>`starts_with(action, 'plugin.')`)
    .where('target_type', '=', 'plugin');
  if (f.plugin) q = q.where('target_id', '=', f.plugin);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .selectAll()
    .orderBy('id', 'desc')
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
  return {
    total,
    events: rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      action: r.action,
      actor: r.actor_id && r.actor_name ? { id: r.actor_id, username: r.actor_name } : null,
      plugin: r.target_id ?? '',
      version: text(r.details.version),
      previousVersion: text(r.details.previousVersion ?? r.details.upgradedFrom),
      packSha256: text(r.details.packSha256),
      signature: text(r.details.signature),
      details: r.details,
    })),
  };
}
