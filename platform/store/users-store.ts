// Users, the roles they hold at org units, and login sessions (only a hash of each token is stored).
import type { Executor } from './schema';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { LocalText } from '../errors';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  locale: string;
  disabled: boolean;
  mustChangePassword: boolean;
}
export interface RoleGrant {
  role: string;
  orgUnitId: string;
  orgPath: string;
  orgLevel: string;
  orgCode: string;
  /** The unit's name, for the header's "who and where" (absent where a grant is built without it). */
  orgName?: LocalText;
}

const toUser = (r: any): UserRow => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  locale: r.locale,
  disabled: r.disabled,
  mustChangePassword: r.must_change_password ?? false,
});

export async function insertUser(
  ex: Executor,
  u: { id: string; username: string; displayName: string; passwordHash: string; locale?: string },
) {
  await ex
    .insertInto('users')
    .values({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      locale: u.locale ?? 'zh-CN',
    })
    .execute();
}

export async function findUserByName(ex: Executor, username: string): Promise<UserRow | undefined> {
  const r = await ex.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return r ? toUser(r) : undefined;
}

export async function getUser(ex: Executor, id: string): Promise<UserRow | undefined> {
  const r = await ex.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toUser(r) : undefined;
}

export async function listUsers(ex: Executor): Promise<UserRow[]> {
  return (await ex.selectFrom('users').selectAll().orderBy('username').execute()).map(toUser);
}

export async function grantRole(ex: Executor, userId: string, orgUnitId: string, role: string) {
  await ex
    .insertInto('user_roles')
    .values({ user_id: userId, org_unit_id: orgUnitId, role })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

const toGrant = (r: { role: string; id: string; path: string; level: string; code: string; name: any }): RoleGrant => ({
  role: r.role,
  orgUnitId: r.id,
  orgPath: r.path,
  orgLevel: r.level,
  orgCode: r.code,
  orgName: r.name,
});

export async function rolesOf(ex: Executor, userId: string): Promise<RoleGrant[]> {
  const rows = await ex
    .selectFrom('user_roles')
    .innerJoin('org_units', 'org_units.id', 'user_roles.org_unit_id')
    .select(['user_roles.role', 'org_units.id', 'org_units.path', 'org_units.level', 'org_units.code', 'org_units.name'])
    .where('user_roles.user_id', '=', userId)
    .orderBy('org_units.path')
    .execute();
  return rows.map(toGrant);
}

export async function revokeRole(ex: Executor, userId: string, orgUnitId: string, role: string): Promise<boolean> {
  const r = await ex
    .deleteFrom('user_roles')
    .where('user_id', '=', userId)
    .where('org_unit_id', '=', orgUnitId)
    .where('role', '=', role)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function setDisabled(ex: Executor, userId: string, disabled: boolean) {
  await ex.updateTable('users').set({ disabled }).where('id', '=', userId).execute();
}

export async function setPassword(ex: Executor, userId: string, passwordHash: string, mustChange: boolean) {
  await ex.updateTable('users').set({ password_hash: passwordHash, must_change_password: mustChange }).where('id', '=', userId).execute();
}

export async function insertSession(ex: Executor, tokenHash: string, userId: string, expiresAt: Date, now: Date) {
  await ex
    .insertInto('sessions')
    .values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt, created_at: now, last_seen_at: now })
    .execute();
}

/** The user of a live session: not past its expiry, used since `idleSince`, user not disabled. */
/** The user of a live session with their role grants (as rolesOf gives them), in one statement. */
export async function findSessionUser(
  ex: Executor,
  tokenHash: string,
  now: Date,
  idleSince: Date,
): Promise<(UserRow & { lastSeenAt: Date; grants: RoleGrant[] }) | undefined> {
  const r = await ex
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select('sessions.last_seen_at')
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('user_roles')
          .innerJoin('org_units', 'org_units.id', 'user_roles.org_unit_id')
          .select(['user_roles.role', 'org_units.id', 'org_units.path', 'org_units.level', 'org_units.code', 'org_units.name'])
          .whereRef('user_roles.user_id', '=', 'users.id')
          .orderBy('org_units.path'),
      ).as('grants'),
    )
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('sessions.last_seen_at', '>=', idleSince)
    .where('users.disabled', '=', false)
    .executeTakeFirst();
  return r ? { ...toUser(r), lastSeenAt: r.last_seen_at, grants: r.grants.map(toGrant) } : undefined;
}

export async function touchSession(ex: Executor, tokenHash: string, now: Date) {
  await ex.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).where('last_seen_at', '<', now).execute();
}

/** Ends every session of a user, but the one of `keepTokenHash` (a password change keeps its own session). */
export async function deleteSessionsOf(ex: Executor, userId: string, keepTokenHash?: string) {
  let q = ex.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepTokenHash) q = q.where('token_hash', '<>', keepTokenHash);
  await q.execute();
}

/** Removes sessions past their expiry or idle since before `idleSince`; the number removed. */
export async function purgeSessions(ex: Executor, now: Date, idleSince: Date): Promise<number> {
  const r = await ex
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleSince)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteSession(ex: Executor, tokenHash: string) {
  await ex.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}
