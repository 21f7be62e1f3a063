// Who is asking and where they may act: a user sees records of the units where they hold a role, and below.
import { HezuoError } from '../errors';
import type { RoleGrant, UserRow } from '../store/users-store';

export interface Principal {
  user: Pick<UserRow, 'id' | 'username' | 'displayName' | 'locale'> & { mustChangePassword?: boolean };
  grants: RoleGrant[];
  /** Minimal set of org paths the user can see (a path under another is dropped). */
  scopePaths: string[];
}

export function principalOf(user: Principal['user'], grants: RoleGrant[]): Principal {
  const paths = [...new Set(grants.map((g) => g.orgPath))].sort();
  const scopePaths = paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
  // Only these fields: a user row also carries the password hash, which must never travel with the principal.
  const { id, username, displayName, locale, mustChangePassword } = user;
  return { user: { id, username, displayName, locale, mustChangePassword: mustChangePassword ?? false }, grants, scopePaths };
}

export const canSee = (p: Principal, orgPath: string) => p.scopePaths.some((s) => orgPath.startsWith(s));

/** Holds one of `roles` at the unit of `orgPath` or above it, at `level` when given. */
export function holdsRole(p: Principal, roles: readonly string[], orgPath: string, level?: string): boolean {
  return p.grants.some((g) => roles.includes(g.role) && orgPath.startsWith(g.orgPath) && (!level || g.orgLevel === level));
}

export const isAdmin = (p: Principal) => p.grants.some((g) => g.role === 'admin');

export function requireAdmin(p: Principal): void {
  if (!isAdmin(p)) throw new HezuoError('FORBIDDEN');
}
