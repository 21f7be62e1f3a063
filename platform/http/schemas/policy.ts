// The effective dates of a policy (plugin.json `effective`) as the API shows them, and an admin's extension.
const str = { type: 'string' } as const;
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

export const policyWindow = {
  type: 'object',
  description: "The active version's effective dates on today's date, in the platform's zone",
  properties: {
    from: { anyOf: [str, { type: 'null' }], description: 'First day new records may be made; null: no start' },
    until: { anyOf: [str, { type: 'null' }], description: 'The last day the version declares; null: no end' },
    extension: {
      anyOf: [{ type: 'object', properties: { until: str, reason: str }, required: ['until', 'reason'] }, { type: 'null' }],
      description: "An admin's extension past `until`, with the reason",
    },
    day: { ...str, description: "The platform's today the answer was worked out for" },
    inForce: { type: 'boolean', description: 'false: the forms take no new records today (POLICY_NOT_IN_FORCE)' },
  },
  required: ['from', 'until', 'extension', 'day', 'inForce'],
} as const;

export const extendBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    until: { ...day, description: 'The new last day (YYYY-MM-DD): not before the declared one, nor before today' },
    reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Why; kept in the audit log' },
  },
  required: ['until', 'reason'],
} as const;

export const extendResult = {
  type: 'object',
  properties: { plugin: str, version: str, policy: policyWindow },
  required: ['plugin', 'version', 'policy'],
} as const;
