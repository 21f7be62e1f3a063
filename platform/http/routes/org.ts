import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { HezuoError, detail } from '../../errors';
import { SECURED, idParam, responses } from '../schemas/common';
import { createOrgUnitBody, createUserBody, grantRoleBody, orgUnit, orgUnitList, userList, userRoles } from '../schemas/users';
import { canSee, holdsRole, requireAdmin } from '../../access/principal';
import { getOrgUnit, listOrgUnits } from '../../store/orgs-store';
import { createOrgUnit } from '../../orgs/create-org-unit';
import { listUsers, rolesOf, grantRole, getUser } from '../../store/users-store';
import { createUser } from '../../auth/auth-service';
import { appendAudit } from '../../audit/audit-log';

const ROLES = ['officer', 'reviewer', 'admin'];
const common = { tags: ['organisation'], security: SECURED };

export function orgRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.get(
    '/api/org-units',
    {
      schema: {
        ...common,
        operationId: 'listOrgUnits',
        response: responses({ 200: orgUnitList }, [401]),
        summary: "Org units in the user's scope, in tree order (path)",
      },
    },
    async (req) => {
      const p = req.principal;
      return { units: await listOrgUnits(ctx.db, p.scopePaths) };
    },
  );

  app.post(
    '/api/org-units',
    {
      schema: {
        ...common,
        operationId: 'createOrgUnit',
        body: createOrgUnitBody,
        response: responses({ 200: orgUnit }, [400, 401, 403, 409, 422]),
        summary:
          "Add an org unit under a parent (admin at the parent or above), or a new root (parentId null; admin of a root unit, who becomes its admin). Its level must be below the parent's. Body: {id, parentId, code, name: {zh-CN, en}, level}",
      },
    },
    async (req) => createOrgUnit(ctx, (req.body ?? {}) as Record<string, unknown>, { actor: req.principal, address: req.ip }),
  );

  app.get(
    '/api/users',
    {
      schema: {
        ...common,
        operationId: 'listUsers',
        response: responses({ 200: userList }, [401, 403]),
        summary: 'Users with their roles (admin)',
      },
    },
    async (req) => {
      const p = req.principal;
      requireAdmin(p);
      const out = [];
      for (const u of await listUsers(ctx.db)) {
        const roles = await rolesOf(ctx.db, u.id);
        if (roles.length === 0 || roles.some((r) => canSee(p, r.orgPath))) {
          out.push({ id: u.id, username: u.username, displayName: u.displayName, locale: u.locale, disabled: u.disabled, roles });
        }
      }
      return { users: out };
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        ...common,
        operationId: 'createUser',
        body: createUserBody,
        response: responses({ 201: userRoles }, [400, 401, 403, 409, 422]),
        summary:
          "Create a user with roles at units in the admin's scope. Body: {username, displayName, password, roles: [{role, orgUnitId}]}",
      },
    },
    async (req, reply) => {
      const p = req.principal;
      requireAdmin(p);
      const b = (req.body ?? {}) as Record<string, any>;
      if (typeof b.username !== 'string' || !/^[A-Za-z0-9._-]{3,64}$/.test(b.username))
        throw new HezuoError('BAD_REQUEST', [
          detail('/username', '用户名为 3–64 位字母、数字或 ._-', 'A user name is 3–64 letters, digits or ._-'),
        ]);
      if (typeof b.displayName !== 'string' || !b.displayName.trim())
        throw new HezuoError('BAD_REQUEST', [detail('/displayName', '请填写姓名', 'displayName is required')]);
      const roles = Array.isArray(b.roles) ? b.roles : [];
      for (const [i, r] of roles.entries()) {
        if (!ROLES.includes(r?.role))
          throw new HezuoError('BAD_REQUEST', [
            detail(`/roles/${i}/role`, `角色应为 ${ROLES.join('/')}`, `role must be one of ${ROLES.join(', ')}`),
          ]);
        const unit = typeof r.orgUnitId === 'string' ? await getOrgUnit(ctx.db, r.orgUnitId) : undefined;
        if (!unit || !holdsRole(p, ['admin'], unit.path))
          throw new HezuoError('ORG_UNIT_INVALID', [
            detail(`/roles/${i}/orgUnitId`, '机构不存在或不在您的管理范围', 'Unknown unit or outside your units'),
          ]);
      }
      const id = await createUser(
        ctx,
        { username: b.username, displayName: b.displayName.trim(), password: b.password, roles },
        { actor: p, address: req.ip },
      );
      reply.status(201);
      return { id, username: b.username, roles: await rolesOf(ctx.db, id) };
    },
  );

  app.post(
    '/api/users/:id/roles',
    {
      schema: {
        ...common,
        operationId: 'grantRole',
        params: idParam,
        body: grantRoleBody,
        response: responses({ 200: userRoles }, [400, 401, 403, 404, 422]),
        summary: 'Give a user a role at a unit (admin). Body: {role, orgUnitId}',
      },
    },
    async (req) => {
      const p = req.principal;
      requireAdmin(p);
      const b = (req.body ?? {}) as Record<string, any>;
      const user = await getUser(ctx.db, (req.params as { id: string }).id);
      if (!user) throw new HezuoError('NOT_FOUND', [detail('/id', '用户不存在', 'No such user')]);
      if (!ROLES.includes(b.role))
        throw new HezuoError('BAD_REQUEST', [detail('/role', `角色应为 ${ROLES.join('/')}`, `role must be one of ${ROLES.join(', ')}`)]);
      const unit = typeof b.orgUnitId === 'string' ? await getOrgUnit(ctx.db, b.orgUnitId) : undefined;
      if (!unit || !holdsRole(p, ['admin'], unit.path))
        throw new HezuoError('ORG_UNIT_INVALID', [
          detail('/orgUnitId', '机构不存在或不在您的管理范围', 'Unknown unit or outside your units'),
        ]);
      await ctx.db.transaction().execute(async (tx) => {
        await grantRole(tx, user.id, unit.id, b.role);
        await appendAudit(tx, {
          actor: p,
          action: 'role.grant',
          target: { type: 'user', id: user.id },
          details: { username: user.username, role: b.role, orgUnitId: unit.id },
          address: req.ip,
          orgPaths: [unit.path],
        });
      });
      return { id: user.id, roles: await rolesOf(ctx.db, user.id) };
    },
  );
}
