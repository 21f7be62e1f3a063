// Admin acts on users (disable, enable, reset a password, lift a lockout, revoke a role), a user's own password
// change, and the admin audit log.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { HezuoError, detail } from '../../errors';
import { tokenOf } from '../session';
import { changeOwnPassword, resetPassword, revokeUserRole, setUserDisabled, unlockUser } from '../../auth/user-admin';
import { readAudit, type AuditQuery } from '../../audit/read-audit';
import { SECURED, idParam, responses } from '../schemas/common';
import { changeOwnPasswordBody, resetPasswordBody, unlockStatus, userRoleParams, userStatus } from '../schemas/users';
import { auditPage, auditQuery } from '../schemas/audit';

const common = { tags: ['users'], security: SECURED };
const refusals = [400, 401, 403, 404, 422] as const;

export function usersAdminRoutes(app: FastifyInstance, ctx: PlatformContext) {
  const userId = (req: { params: unknown }) => (req.params as { id: string }).id;

  app.post(
    '/api/users/:id/disable',
    {
      schema: {
        ...common,
        operationId: 'disableUser',
        summary: "Disable a user in the admin's units; their sessions end at once",
        params: idParam,
        response: responses({ 200: userStatus }, [...refusals]),
      },
    },
    async (req) => setUserDisabled(ctx, req.principal, userId(req), true, req.ip),
  );

  app.post(
    '/api/users/:id/enable',
    {
      schema: {
        ...common,
        operationId: 'enableUser',
        summary: "Enable a disabled user in the admin's units",
        params: idParam,
        response: responses({ 200: userStatus }, [...refusals]),
      },
    },
    async (req) => setUserDisabled(ctx, req.principal, userId(req), false, req.ip),
  );

  app.post(
    '/api/users/:id/password',
    {
      schema: {
        ...common,
        operationId: 'resetUserPassword',
        params: idParam,
        body: resetPasswordBody,
        response: responses({ 200: userStatus }, [...refusals]),
        summary: "Set a new password for a user in the admin's units; the user must change it at next login, their sessions end",
      },
    },
    async (req) => resetPassword(ctx, req.principal, userId(req), (req.body as { password: string }).password, req.ip),
  );

  app.post(
    '/api/users/:id/unlock',
    {
      schema: {
        ...common,
        operationId: 'unlockUser',
        params: idParam,
        response: responses({ 200: unlockStatus }, [...refusals]),
        summary: "Lift the login lockout (and the failure count) of a user in the admin's units",
      },
    },
    async (req) => unlockUser(ctx, req.principal, userId(req), req.ip),
  );

  app.delete(
    '/api/users/:id/roles/:orgUnitId/:role',
    {
      schema: {
        ...common,
        operationId: 'revokeUserRole',
        params: userRoleParams,
        response: responses({ 200: userStatus }, [...refusals]),
        summary: 'Take a role at a unit from a user (admin at that unit or above)',
      },
    },
    async (req) => {
      const { id, orgUnitId, role } = req.params as { id: string; orgUnitId: string; role: string };
      return revokeUserRole(ctx, req.principal, id, orgUnitId, role, req.ip);
    },
  );

  app.post(
    '/api/me/password',
    {
      config: { beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        security: SECURED,
        operationId: 'changeOwnPassword',
        body: changeOwnPasswordBody,
        response: responses({ 200: userStatus }, [400, 401, 422]),
        summary: "Change one's own password: the current one and a new one; other sessions end",
      },
    },
    async (req) => {
      const b = req.body as { currentPassword: string; password: string };
      return changeOwnPassword(ctx, req.principal, tokenOf(req) ?? '', b.currentPassword, b.password, req.ip);
    },
  );

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        security: SECURED,
        operationId: 'listAudit',
        querystring: auditQuery,
        response: responses({ 200: auditPage }, [400, 401, 403]),
        summary:
          "The admin audit log, newest first (admin): user, role, org-unit, parameter, plugin, login and download events of the admin's units",
      },
    },
    async (req) => {
      const q = req.query as AuditQuery;
      if (q.from && q.to && new Date(q.from) > new Date(q.to))
        throw new HezuoError('BAD_REQUEST', [detail('/from', '开始时间晚于结束时间', '`from` is after `to`')]);
      return readAudit(ctx, req.principal, q);
    },
  );
}
