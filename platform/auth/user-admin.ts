// What admins do to users — disable or enable, reset a password, lift a login lockout, revoke a role — and users
// changing their own password. An admin acts only on users all of whose roles lie within the admin's units
// (others are "not found", as if absent); every act is audited in the same transaction as the change.
import type { PlatformContext } from '../context';
import { HezuoError, detail } from '../errors';
import { holdsRole, requireAdmin, type Principal } from '../access/principal';
import {
  deleteSessionsOf,
  getUser,
  revokeRole,
  rolesOf,
  setDisabled,
  setPassword,
  type RoleGrant,
  type UserRow,
} from '../store/users-store';
import { getOrgUnit } from '../store/orgs-store';
import { appendAudit } from '../audit/audit-log';
import { hashPassword, hashToken, verifyPassword } from './passwords';
import { checkPassword } from './password-policy';
import { clearLoginFailures, recordLoginFailure } from './login-throttle';

export interface UserStatus {
  id: string;
  username: string;
  disabled: boolean;
  mustChangePassword: boolean;
  roles: RoleGrant[];
}

const status = (u: UserRow, roles: RoleGrant[]): UserStatus => ({
  id: u.id,
  username: u.username,
  disabled: u.disabled,
  mustChangePassword: u.mustChangePassword,
  roles,
});

async function userInScope(ctx: PlatformContext, p: Principal, id: string): Promise<{ user: UserRow; roles: RoleGrant[] }> {
  requireAdmin(p);
  const user = await getUser(ctx.db, id);
  const roles = user ? await rolesOf(ctx.db, user.id) : [];
  if (!user || !roles.every((g) => holdsRole(p, ['admin'], g.orgPath)))
    throw new HezuoError('NOT_FOUND', [detail('/id', '用户不存在', 'No such user')]);
  return { user, roles };
}

const paths = (roles: RoleGrant[]) => roles.map((g) => g.orgPath);

export async function setUserDisabled(
  ctx: PlatformContext,
  p: Principal,
  id: string,
  disabled: boolean,
  address?: string,
): Promise<UserStatus> {
  const { user, roles } = await userInScope(ctx, p, id);
  if (disabled && user.id === p.user.id)
    throw new HezuoError('BAD_REQUEST', [detail('/id', '不能停用自己的账号', 'You cannot disable your own account')]);
  await ctx.db.transaction().execute(async (tx) => {
    await setDisabled(tx, user.id, disabled);
    // A disabled user's sessions end at once (they would be refused anyway; this also frees them).
    if (disabled) await deleteSessionsOf(tx, user.id);
    await appendAudit(tx, {
      actor: p,
      action: disabled ? 'user.disable' : 'user.enable',
      target: { type: 'user', id: user.id },
      details: { username: user.username },
      address,
      orgPaths: paths(roles),
    });
  });
  return status({ ...user, disabled }, roles);
}

export async function resetPassword(
  ctx: PlatformContext,
  p: Principal,
  id: string,
  password: unknown,
  address?: string,
): Promise<UserStatus> {
  const { user, roles } = await userInScope(ctx, p, id);
  checkPassword(password, user.username);
  const hash = await hashPassword(password);
  await ctx.db.transaction().execute(async (tx) => {
    await setPassword(tx, user.id, hash, true);
    await deleteSessionsOf(tx, user.id);
    await appendAudit(tx, {
      actor: p,
      action: 'user.password_reset',
      target: { type: 'user', id: user.id },
      details: { username: user.username },
      address,
      orgPaths: paths(roles),
    });
  });
  return status({ ...user, mustChangePassword: true }, roles);
}

export async function unlockUser(
  ctx: PlatformContext,
  p: Principal,
  id: string,
  address?: string,
): Promise<UserStatus & { wasLocked: boolean }> {
  const { user, roles } = await userInScope(ctx, p, id);
  let wasLocked = false;
  await ctx.db.transaction().execute(async (tx) => {
    wasLocked = await clearLoginFailures(tx, user.username);
    await appendAudit(tx, {
      actor: p,
      action: 'user.unlock',
      target: { type: 'user', id: user.id },
      details: { username: user.username, hadFailures: wasLocked },
      address,
      orgPaths: paths(roles),
    });
  });
  return { ...status(user, roles), wasLocked };
}

export async function revokeUserRole(
  ctx: PlatformContext,
  p: Principal,
  id: string,
  orgUnitId: string,
  role: string,
  address?: string,
): Promise<UserStatus> {
  requireAdmin(p);
  const user = await getUser(ctx.db, id);
  const unit = await getOrgUnit(ctx.db, orgUnitId);
  // The same test as granting: the admin holds admin at the role's unit or above.
  if (!user || !unit || !holdsRole(p, ['admin'], unit.path))
    throw new HezuoError('NOT_FOUND', [detail('/id', '用户或角色不存在', 'No such user or role')]);
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await revokeRole(tx, user.id, unit.id, role)))
      throw new HezuoError('NOT_FOUND', [detail('/role', '该用户在此机构没有这个角色', 'The user holds no such role at this unit')]);
    await appendAudit(tx, {
      actor: p,
      action: 'role.revoke',
      target: { type: 'user', id: user.id },
      details: { username: user.username, role, orgUnitId: unit.id },
      address,
      orgPaths: [unit.path],
    });
  });
  return status(user, await rolesOf(ctx.db, user.id));
}

/** A user sets their own password; the current one is required, other sessions of the user end. */
export async function changeOwnPassword(
  ctx: PlatformContext,
  p: Principal,
  token: string,
  current: unknown,
  password: unknown,
  address?: string,
): Promise<UserStatus> {
  const user = await getUser(ctx.db, p.user.id);
  if (!user) throw new HezuoError('UNAUTHENTICATED');
  if (typeof current !== 'string' || !(await verifyPassword(current, user.passwordHash))) {
    // Counted like a failed login: a stolen session must not become a way to guess the password.
    await recordLoginFailure(ctx.db, user.username, address, ctx.clock.now());
    throw new HezuoError('CURRENT_PASSWORD_WRONG', [detail('/currentPassword', '当前密码不正确', 'The current password is wrong')]);
  }
  checkPassword(password, user.username);
  if (password === current)
    throw new HezuoError('PASSWORD_TOO_WEAK', [
      detail('/password', '新密码不能与当前密码相同', 'The new password must differ from the current one', { code: 'same_as_current' }),
    ]);
  const hash = await hashPassword(password);
  const roles = await rolesOf(ctx.db, user.id);
  await ctx.db.transaction().execute(async (tx) => {
    await setPassword(tx, user.id, hash, false);
    await deleteSessionsOf(tx, user.id, hashToken(token));
    await appendAudit(tx, {
      actor: p,
      action: 'user.password_change',
      target: { type: 'user', id: user.id },
      details: { username: user.username },
      address,
      orgPaths: paths(roles),
    });
  });
  return status({ ...user, mustChangePassword: false }, roles);
}
