// The one way to write the admin audit log: who did what, to what, from which address, and which org units
// it concerns (so an admin reads the events of their own units). Append-only and hash-chained in the database.
import type { Executor } from '../store/schema';
import { insertAdminAudit } from '../store/audit-store';
import type { Principal } from '../access/principal';

export const AUDIT_ACTIONS = [
  'login.success',
  'login.failure',
  'login.lockout',
  'logout',
  'user.create',
  'user.disable',
  'user.enable',
  'user.password_reset',
  'user.password_change',
  'user.unlock',
  'role.grant',
  'role.revoke',
  'org_unit.create',
  'seed.apply',
  'parameters.change',
  'plugin.install',
  'plugin.rollback',
  'plugin.uninstall',
  'plugin.enable',
  'plugin.extend',
  'plugin.publish',
  'studio.draft.create',
  'studio.draft.save',
  'studio.draft.delete',
  'studio.draft.import',
  'export.report',
  'export.records',
  'download.attachment',
  'download.import_errors',
  'import_mapping.remember',
  'sensitive.view',
  'sensitive.export',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** Who acted: a principal, a bare user (a login) or null (the system, an unknown name). */
  actor: Principal | { id: string; username: string; orgPaths?: string[] } | null;
  action: AuditAction;
  target?: {
    type: 'user' | 'role' | 'org_unit' | 'plugin' | 'report' | 'attachment' | 'import' | 'import_mapping' | 'record' | 'studio_draft';
    id: string;
  };
  details?: Record<string, unknown>;
  address?: string | null;
  /** Org paths the event concerns; the actor's scope when not given. */
  orgPaths?: string[];
}

export async function appendAudit(ex: Executor, e: AuditEntry): Promise<void> {
  const actor = e.actor;
  const actorPaths = !actor ? [] : 'scopePaths' in actor ? actor.scopePaths : (actor.orgPaths ?? []);
  await insertAdminAudit(ex, {
    actorId: actor ? ('user' in actor ? actor.user.id : actor.id) : null,
    actorName: actor ? ('user' in actor ? actor.user.username : actor.username) : null,
    action: e.action,
    targetType: e.target?.type ?? null,
    targetId: e.target?.id ?? null,
    details: e.details ?? {},
    address: e.address ?? null,
    orgPaths: [...new Set(e.orgPaths ?? actorPaths)].sort(),
  });
}
