// Admin acts on users (disable, enable, reset a password, lift a lockout, revoke a role), a user's own password
// change, and the admin audit log. Every shape is declared, so nothing undeclared leaves the server.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { HezuoError, detail } from '../../errors';
import { principalFor, tokenOf } from '../session';
import { changeOwnPassword, resetPassword, revokeUserRole, setUserDisabled, unlockUser } from '../../auth/user-admin';
import { readAudit, type AuditQuery } from '../../audit/read-audit';
import { AUDIT_ACTIONS } from '../../audit/audit-log';

const localText = { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } }, required: ['zh-CN', 'en'] } as const;
export const errorEnvelope = {
  type: 'object',
  description: 'A refusal: a catalogued code (GET /api/errors), a message in both languages, and the JSON pointers at fault.',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: localText,
        details: {
          type: 'array',
          items: {
            type: 'object',
            properties: { pointer: { type: 'string' }, message: localText, code: { type: 'string' }, params: { type: 'object', additionalProperties: true } },
            required: ['pointer', 'message'],
          },
        },
      },
      required: ['code', 'message', 'details'],
    },
  },
  required: ['error'],
} as const;
const errors = { 400: errorEnvelope, 401: errorEnvelope, 403: errorEnvelope, 404: errorEnvelope, 422: errorEnvelope } as const;

const roleGrant = {
  type: 'object',
  properties: { role: { type: 'string' }, orgUnitId: { type: 'string' }, orgPath: { type: 'string' }, orgLevel: { type: 'string' }, orgCode: { type: 'string' } },
  required: ['role', 'orgUnitId', 'orgPath', 'orgLevel', 'orgCode'],
} as const;
const userStatus = {
  type: 'object',
  properties: {
    id: { type: 'string' }, username: { type: 'string' }, disabled: { type: 'boolean' },
    mustChangePassword: { type: 'boolean', description: 'The user must set their own password at next login' },
    roles: { type: 'array', items: roleGrant },
  },
  required: ['id', 'username', 'disabled', 'mustChangePassword', 'roles'],
} as const;
const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['id'] } as const;
const password = { type: 'string', minLength: 1, maxLength: 1024, description: 'At least 10 characters, not like the user name, not a common password' } as const;

const auditEvent = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, at: { type: 'string', format: 'date-time' },
    actorId: { type: ['string', 'null'] }, actorName: { type: ['string', 'null'] },
    action: { type: 'string', enum: [...AUDIT_ACTIONS] },
    targetType: { type: ['string', 'null'] }, targetId: { type: ['string', 'null'] },
    details: { type: 'object', additionalProperties: true },
    address: { type: ['string', 'null'] },
    orgPaths: { type: 'array', items: { type: 'string' } },
    hash: { type: 'string', description: 'sha256 of the previous event\'s hash and this event\'s content' },
  },
  required: ['id', 'at', 'actorId', 'actorName', 'action', 'targetType', 'targetId', 'details', 'address', 'orgPaths', 'hash'],
} as const;

export function usersAdminRoutes(app: FastifyInstance, ctx: PlatformContext) {
  const tags = ['users'];

  app.post('/api/users/:id/disable', {
    schema: { tags, operationId: 'disableUser', summary: 'Disable a user in the admin\'s units; their sessions end at once', params: idParams, response: { 200: userStatus, ...errors } },
  }, async (req) => setUserDisabled(ctx, await principalFor(ctx, req), (req.params as { id: string }).id, true, req.ip));

  app.post('/api/users/:id/enable', {
    schema: { tags, operationId: 'enableUser', summary: 'Enable a disabled user in the admin\'s units', params: idParams, response: { 200: userStatus, ...errors } },
  }, async (req) => setUserDisabled(ctx, await principalFor(ctx, req), (req.params as { id: string }).id, false, req.ip));

  app.post('/api/users/:id/password', {
    schema: {
      tags, operationId: 'resetUserPassword',
      summary: 'Set a new password for a user in the admin\'s units; the user must change it at next login, their sessions end',
      params: idParams,
      body: { type: 'object', properties: { password }, required: ['password'], additionalProperties: false },
      response: { 200: userStatus, ...errors },
    },
  }, async (req) => resetPassword(ctx, await principalFor(ctx, req), (req.params as { id: string }).id, (req.body as { password: string }).password, req.ip));

  app.post('/api/users/:id/unlock', {
    schema: {
      tags, operationId: 'unlockUser', summary: 'Lift the login lockout (and the failure count) of a user in the admin\'s units', params: idParams,
      response: { 200: { ...userStatus, properties: { ...userStatus.properties, wasLocked: { type: 'boolean', description: 'Whether there were failures to forget' } } }, ...errors },
    },
  }, async (req) => unlockUser(ctx, await principalFor(ctx, req), (req.params as { id: string }).id, req.ip));

  app.delete('/api/users/:id/roles/:orgUnitId/:role', {
    schema: {
      tags, operationId: 'revokeUserRole', summary: 'Take a role at a unit from a user (admin at that unit or above)',
      params: {
        type: 'object',
        properties: { id: { type: 'string', minLength: 1, maxLength: 64 }, orgUnitId: { type: 'string', minLength: 1, maxLength: 64 }, role: { type: 'string', minLength: 1, maxLength: 32 } },
        required: ['id', 'orgUnitId', 'role'],
      },
      response: { 200: userStatus, ...errors },
    },
  }, async (req) => {
    const { id, orgUnitId, role } = req.params as { id: string; orgUnitId: string; role: string };
    return revokeUserRole(ctx, await principalFor(ctx, req), id, orgUnitId, role, req.ip);
  });

  app.post('/api/me/password', {
    schema: {
      tags: ['auth'], operationId: 'changeOwnPassword', summary: 'Change one\'s own password: the current one and a new one; other sessions end',
      body: { type: 'object', properties: { currentPassword: { type: 'string', maxLength: 1024 }, password }, required: ['currentPassword', 'password'], additionalProperties: false },
      response: { 200: userStatus, ...errors },
    },
  }, async (req) => {
    const p = await principalFor(ctx, req);
    const b = req.body as { currentPassword: string; password: string };
    return changeOwnPassword(ctx, p, tokenOf(req) ?? '', b.currentPassword, b.password, req.ip);
  });

  app.get('/api/audit', {
    schema: {
      tags: ['audit'], operationId: 'listAudit',
      summary: 'The admin audit log, newest first (admin): user, role, org-unit, parameter, plugin, login and download events of the admin\'s units',
      querystring: {
        type: 'object',
        properties: {
          actor: { type: 'string', maxLength: 64, description: 'User id or user name of who acted' },
          action: { type: 'string', maxLength: 64, description: 'An action, or a prefix ending in "." (login.)' },
          from: { type: 'string', format: 'date-time' },
          to: { type: 'string', format: 'date-time' },
          limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
        },
        additionalProperties: false,
      },
      response: { 200: { type: 'object', properties: { total: { type: 'integer' }, events: { type: 'array', items: auditEvent } }, required: ['total', 'events'] }, ...errors },
    },
  }, async (req) => {
    const p = await principalFor(ctx, req);
    const q = req.query as AuditQuery;
    if (q.from && q.to && new Date(q.from) > new Date(q.to)) throw new HezuoError('BAD_REQUEST', [detail('/from', '开始时间晚于结束时间', '`from` is after `to`')]);
    return readAudit(ctx, p, q);
  });
}
