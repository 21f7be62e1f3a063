// Reading the admin audit log: admins only; an admin of a top-level unit reads everything, other admins the
// events concerning their units (installation-wide events — plugins — stay with the top).
import type { PlatformContext } from '../context';
import { requireAdmin, type Principal } from '../access/principal';
import { listAdminAudit, type AdminAuditRow } from '../store/audit-store';

export interface AuditQuery {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export async function readAudit(ctx: PlatformContext, p: Principal, q: AuditQuery): Promise<{ total: number; events: AdminAuditRow[] }> {
  requireAdmin(p);
  const adminPaths = p.grants.filter((g) => g.role === 'admin').map((g) => g.orgPath);
  // "/root/" has one segment: an admin there sees the whole installation.
  const top = adminPaths.some((path) => path.split('/').filter(Boolean).length === 1);
  return listAdminAudit(ctx.db, {
    actor: q.actor || undefined,
    action: q.action || undefined,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    limit: q.limit ?? 100,
    offset: q.offset ?? 0,
    scopePaths: top ? null : adminPaths,
  });
}
