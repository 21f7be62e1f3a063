// Login, logout and resolving a session token to a principal; sessions end after 12 hours or when unused for
// the idle time (HEZUO_SESSION_IDLE_MINUTES, 30 by default), and expired ones are purged.
import { randomUUID } from 'node:crypto';
import { HezuoError, detail } from '../errors';
import type { PlatformContext } from '../context';
import { principalOf, type Principal } from '../access/principal';
import {
  deleteSession,
  findSessionUser,
  findUserByName,
  insertSession,
  insertUser,
  purgeSessions,
  rolesOf,
  grantRole,
  touchSession,
} from '../store/users-store';
import { appendAudit } from '../audit/audit-log';
import { hashPassword, hashToken, newToken, verifyPassword } from './passwords';
import { checkPassword } from './password-policy';
import { assertLoginAllowed, clearLoginFailures, purgeLoginFailures, recordLoginFailure } from './login-throttle';

const SESSION_HOURS = 12;
/** A used session writes its last-seen time at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;
// Verified when the user is unknown, so the work (and time) of an answer does not tell which names exist.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

const idleSince = (ctx: PlatformContext, now: Date) => new Date(now.getTime() - (ctx.sessionIdleMinutes ?? 30) * 60_000);

export interface LoginResult {
  token: string;
  expiresAt: Date;
  principal: Principal;
  mustChangePassword: boolean;
}

export async function login(ctx: PlatformContext, username: unknown, password: unknown, address?: string): Promise<LoginResult> {
  if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
    throw new HezuoError('BAD_REQUEST', [
      detail(
        typeof username === 'string' && username ? '/password' : '/username',
        '请填写用户名和密码',
        'User name and password are required',
      ),
    ]);
  }
  const now = ctx.clock.now();
  try {
    await assertLoginAllowed(ctx.db, username, address, now);
  } catch (e) {
    if (e instanceof HezuoError && e.code === 'ACCOUNT_LOCKED') {
      await appendAudit(ctx.db, { actor: null, action: 'login.failure', details: { username, reason: 'locked' }, address });
    }
    throw e;
  }
  const user = await findUserByName(ctx.db, username);
  const grants = await rolesOf(ctx.db, user?.id ?? '');
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const actor = user ? { id: user.id, username: user.username, orgPaths: grants.map((g) => g.orgPath) } : null;
  if (!user || !ok || user.disabled) {
    const { lockedNow } = await recordLoginFailure(ctx.db, username, address, now);
    await appendAudit(ctx.db, {
      actor,
      action: 'login.failure',
      details: { username, reason: user?.disabled && ok ? 'disabled' : 'credentials' },
      address,
    });
    if (lockedNow) await appendAudit(ctx.db, { actor, action: 'login.lockout', details: { username }, address });
    throw new HezuoError('LOGIN_FAILED');
  }
  await clearLoginFailures(ctx.db, username);
  await purgeSessions(ctx.db, now, idleSince(ctx, now));
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await insertSession(ctx.db, hashToken(token), user.id, expiresAt, now);
  await appendAudit(ctx.db, { actor, action: 'login.success', address });
  return { token, expiresAt, principal: principalOf(user, grants), mustChangePassword: user.mustChangePassword };
}

export async function authenticate(ctx: PlatformContext, token: string | undefined): Promise<Principal> {
  if (!token) throw new HezuoError('UNAUTHENTICATED');
  const now = ctx.clock.now();
  const tokenHash = hashToken(token);
  const user = await findSessionUser(ctx.db, tokenHash, now, idleSince(ctx, now));
  if (!user) throw new HezuoError('UNAUTHENTICATED');
  if (now.getTime() - user.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await touchSession(ctx.db, tokenHash, now);
  return principalOf(user, user.grants);
}

export async function logout(ctx: PlatformContext, token: string, address?: string): Promise<void> {
  const tokenHash = hashToken(token);
  const now = ctx.clock.now();
  const user = await findSessionUser(ctx.db, tokenHash, now, idleSince(ctx, now));
  await deleteSession(ctx.db, tokenHash);
  if (user) {
    const grants = await rolesOf(ctx.db, user.id);
    await appendAudit(ctx.db, {
      actor: { id: user.id, username: user.username, orgPaths: grants.map((g) => g.orgPath) },
      action: 'logout',
      address,
    });
  }
}

/** Drops sessions past expiry or idle, and login failures long forgotten; run on login and by a timer. */
export async function purgeExpired(ctx: PlatformContext): Promise<number> {
  const now = ctx.clock.now();
  const n = await purgeSessions(ctx.db, now, idleSince(ctx, now));
  await purgeLoginFailures(ctx.db, now);
  return n;
}

export async function createUser(
  ctx: PlatformContext,
  u: { username: string; displayName: string; password: string; locale?: string; roles?: { role: string; orgUnitId: string }[] },
  by?: { actor: Principal; address?: string },
): Promise<string> {
  checkPassword(u.password, u.username);
  const id = randomUUID();
  const passwordHash = await hashPassword(u.password);
  await ctx.db.transaction().execute(async (tx) => {
    if (await findUserByName(tx, u.username))
      throw new HezuoError('USER_EXISTS', [detail('/username', '用户名已存在', 'That user name is taken')]);
    await insertUser(tx, { id, username: u.username, displayName: u.displayName, passwordHash, locale: u.locale });
    for (const g of u.roles ?? []) await grantRole(tx, id, g.orgUnitId, g.role);
    if (by) {
      const paths = (await rolesOf(tx, id)).map((g) => g.orgPath);
      await appendAudit(tx, {
        actor: by.actor,
        action: 'user.create',
        target: { type: 'user', id },
        details: { username: u.username, roles: u.roles ?? [] },
        address: by.address,
        orgPaths: paths,
      });
    }
  });
  return id;
}
