// Login, logout and resolving a session token to a principal.
import { randomUUID } from 'node:crypto';
import { HezuoError, detail } from '../errors';
import type { PlatformContext } from '../context';
import { principalOf, type Principal } from '../access/principal';
import { deleteSession, findSessionUser, findUserByName, insertSession, insertUser, rolesOf, grantRole } from '../store/users-store';
import { hashPassword, hashToken, newToken, verifyPassword } from './passwords';

const SESSION_HOURS = 12;

export async function login(ctx: PlatformContext, username: unknown, password: unknown): Promise<{ token: string; expiresAt: Date; principal: Principal }> {
  if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
    throw new HezuoError('BAD_REQUEST', [detail(typeof username === 'string' && username ? '/password' : '/username', '请填写用户名和密码', 'User name and password are required')]);
  }
  const user = await findUserByName(ctx.db, username);
  // Verify against a dummy hash when the user is unknown, so timing does not tell which names exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  if (!user || !ok || user.disabled) throw new HezuoError('LOGIN_FAILED');
  const token = newToken();
  const expiresAt = new Date(ctx.clock.now().getTime() + SESSION_HOURS * 3600_000);
  await insertSession(ctx.db, hashToken(token), user.id, expiresAt);
  return { token, expiresAt, principal: principalOf(user, await rolesOf(ctx.db, user.id)) };
}

export async function authenticate(ctx: PlatformContext, token: string | undefined): Promise<Principal> {
  if (!token) throw new HezuoError('UNAUTHENTICATED');
  const user = await findSessionUser(ctx.db, hashToken(token), ctx.clock.now());
  if (!user) throw new HezuoError('UNAUTHENTICATED');
  return principalOf(user, await rolesOf(ctx.db, user.id));
}

export async function logout(ctx: PlatformContext, token: string): Promise<void> {
  await deleteSession(ctx.db, hashToken(token));
}

export async function createUser(
  ctx: PlatformContext,
  u: { username: string; displayName: string; password: string; locale?: string; roles?: { role: string; orgUnitId: string }[] },
): Promise<string> {
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    if (await findUserByName(tx, u.username)) throw new HezuoError('USER_EXISTS', [detail('/username', '用户名已存在', 'That user name is taken')]);
    await insertUser(tx, { id, username: u.username, displayName: u.displayName, passwordHash: await hashPassword(u.password), locale: u.locale });
    for (const g of u.roles ?? []) await grantRole(tx, id, g.orgUnitId, g.role);
  });
  return id;
}
