// Shapes of the pack install, lifecycle and history routes (platform/packs/install-pack.ts, plugin-lifecycle.ts).
import { dateTime } from './common';

const str = { type: 'string' } as const;
const id64 = { type: 'string', minLength: 1, maxLength: 64 } as const;

export const installQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    moveOpenRecords: {
      type: 'boolean',
      description: 'Open (non-final) records of the version being replaced move to the new one, recomputed and audited',
    },
    overrideFixtures: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
      description: 'Install although a fixture of the pack fails here; the reason is kept in the audit log',
    },
  },
} as const;

export const installResult = {
  type: 'object',
  properties: {
    outcome: {
      type: 'string',
      enum: ['installed', 'upgraded', 'downgraded', 'reactivated', 'unchanged'],
      description: 'unchanged: this version was already the active one, nothing was written',
    },
    plugin: { type: 'object', properties: { id: str, version: str }, required: ['id', 'version'] },
    previousVersion: { anyOf: [str, { type: 'null' }] },
    packSha256: str,
    signature: { anyOf: [{ type: 'string', enum: ['trusted', 'unknown-publisher', 'unsigned'] }, { type: 'null' }] },
    moved: {
      anyOf: [
        {
          type: 'object',
          properties: { moved: { type: 'integer' }, kept: { type: 'array', items: str } },
          required: ['moved', 'kept'],
        },
        { type: 'null' },
      ],
    },
  },
  required: ['outcome', 'plugin', 'previousVersion', 'packSha256', 'signature', 'moved'],
} as const;

export const pluginBody = {
  type: 'object',
  additionalProperties: false,
  properties: { plugin: id64 },
  required: ['plugin'],
} as const;

export const lifecycleResult = {
  type: 'object',
  properties: {
    plugin: str,
    activeVersion: str,
    previousVersions: { type: 'array', items: str, description: 'Versions a rollback returns to, the next one last' },
    disabled: { type: 'boolean' },
    changed: { type: 'boolean', description: 'false when the plugin already was in that state' },
  },
  required: ['plugin', 'activeVersion', 'previousVersions', 'disabled', 'changed'],
} as const;

export const historyQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    plugin: id64,
    limit: { type: 'integer', minimum: 1, maximum: 500 },
    offset: { type: 'integer', minimum: 0 },
  },
} as const;

export const packHistory = {
  type: 'object',
  properties: {
    total: { type: 'integer' },
    events: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          at: dateTime,
          action: {
            type: 'string',
            enum: ['plugin.install', 'plugin.rollback', 'plugin.uninstall', 'plugin.enable', 'plugin.extend', 'plugin.publish'],
          },
          actor: { anyOf: [{ type: 'object', properties: { id: str, username: str }, required: ['id', 'username'] }, { type: 'null' }] },
          plugin: str,
          version: { anyOf: [str, { type: 'null' }] },
          previousVersion: { anyOf: [str, { type: 'null' }] },
          packSha256: { anyOf: [str, { type: 'null' }] },
          signature: {
            anyOf: [str, { type: 'null' }],
            description: 'trusted, unknown-publisher or unsigned; null for a folder install or a rollback',
          },
          details: { type: 'object', additionalProperties: true },
        },
        required: ['id', 'at', 'action', 'actor', 'plugin', 'version', 'previousVersion', 'packSha256', 'signature', 'details'],
      },
    },
  },
  required: ['total', 'events'],
} as const;
