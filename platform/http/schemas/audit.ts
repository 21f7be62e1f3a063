// The admin audit log as the API shows it: who did what to which target, from where, and the event's chain hash.
import { AUDIT_ACTIONS } from '../../audit/audit-log';
import { dateTime, openObject } from './common';

const nullableString = { type: ['string', 'null'] } as const;

export const auditEvent = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    at: dateTime,
    actorId: nullableString,
    actorName: nullableString,
    action: { type: 'string', enum: [...AUDIT_ACTIONS] },
    targetType: nullableString,
    targetId: nullableString,
    details: openObject,
    address: nullableString,
    orgPaths: { type: 'array', items: { type: 'string' } },
    hash: { type: 'string', description: "sha256 of the previous event's hash and this event's content" },
  },
  required: ['id', 'at', 'actorId', 'actorName', 'action', 'targetType', 'targetId', 'details', 'address', 'orgPaths', 'hash'],
} as const;

export const auditQuery = {
  type: 'object',
  properties: {
    actor: { type: 'string', maxLength: 64, description: 'User id or user name of who acted' },
    action: { type: 'string', maxLength: 64, description: 'An action, or a prefix ending in "." (login.)' },
    from: dateTime,
    to: dateTime,
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
  },
  additionalProperties: false,
} as const;

export const auditPage = {
  type: 'object',
  properties: { total: { type: 'integer' }, events: { type: 'array', items: auditEvent } },
  required: ['total', 'events'],
} as const;
