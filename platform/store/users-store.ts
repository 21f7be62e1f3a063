// Users, the roles they hold at org units, and login sessions (only a hash of each token is stored).
import type { Executor } from './schema';

export interface UserRow { id: string; username: string; displayName: string; passwordHash: string; locale: string; disabled: boolean }
export interface RoleGrant { role: string; orgUnitId: string; orgPath: string; orgLevel: string; orgCode: string }

const toUser = (r: any): UserRow => ({
  id: r.id, username: r.username, displayName: r.display_name, passwordHash: r.password_hash, locale: r.locale, disabled: r.disabled,
});

export async function insertUser(ex: Executor, u: { id: string; username: string; displayName: string; passwordHash: string; locale?: string }) {
  await ex.insertInto('users').values({
    id: u.id, username: u.username, display_name: u.displayName, password_hash: u.passwordHash, locale: u.locale ?? 'zh-CN',
  }).execute();
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
  await ex.insertInto('user_roles').values({ user_id: userId, org_unit_id: orgUnitId, role }).onConflict((oc) => oc.doNothing()).execute();
}

export async function rolesOf(ex: Executor, userId: string): Promise<RoleGrant[]> {
  const rows = await ex
    .selectFrom('user_roles')
    .innerJoin('org_units', 'org_units.id', 'user_roles.org_unit_id')
    .select(['user_roles.role', 'org_units.id', 'org_units.path', 'org_units.level', 'org_units.code'])
    .where('user_roles.user_id', '=', userId)
    .orderBy('org_units.path')
    .execute();
  return rows.map((r) => ({ role: r.role, orgUnitId: r.id, orgPath: r.path, orgLevel: r.level, orgCode: r.code }));
}

export async function insertSession(ex: Executor, tokenHash: string, userId: string, expiresAt: Date) {
  await ex.insertInto('sessions').values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt }).execute();
}

export async function findSessionUser(ex: Executor, tokenHash: string, now: Date): Promise<UserRow | undefined> {
  const r = await ex
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled', '=', false)
    .executeTakeFirst();
  return r ? toUser(r) : undefined;
}

export async function deleteSession(ex: Executor, tokenHash: string) {
  await ex.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}
