// Records as the API shows them: the platform's envelope (ids, state, revision, steps) around the plugin's data
// and rule results, which stay open objects because their shape is the plugin's.
import { anyValue, dateTime, errorBody, localText, openObject } from './common';
import { DEFAULT_PAGE, MAX_COLUMNS, MAX_PAGE } from '../../records/record-query';

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;

export const recordView = {
  type: 'object',
  properties: {
    id: str,
    plugin: { type: 'object', properties: { id: str, version: str }, required: ['id', 'version'] },
    form: str,
    period: str,
    orgUnit: {
      type: ['object', 'null'],
      properties: { id: str, code: str, name: localText, level: str },
      required: ['id', 'code', 'name', 'level'],
    },
    subject: strOrNull,
    subjectTitle: strOrNull,
    data: { ...openObject, description: "The form data, as the plugin's form schema says" },
    results: { ...openObject, description: 'Rule outcomes (computed values, checks, scores, classes) by kind' },
    state: str,
    stateTitle: { anyOf: [localText, { type: 'null' }] },
    editable: { type: 'boolean' },
    workflow: openObject,
    revision: { type: 'integer' },
    createdAt: dateTime,
    updatedAt: dateTime,
    submittedAt: { type: ['string', 'null'], format: 'date-time' },
    transitions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: str,
          title: localText,
          to: str,
          toTitle: { ...localText, description: 'The title of the state the step leads to' },
          commentRequired: { type: 'boolean' },
          danger: { type: 'boolean', description: 'Destructive or irreversible (the workflow says so): shown as a danger button' },
          confirm: {
            type: 'boolean',
            description: 'The user confirms before the step is taken: declared, destructive, or leading to a final state',
          },
          confirmText: { ...localText, description: "The consequence in the workflow's own words, when it declares them" },
        },
        required: ['id', 'title', 'to', 'toTitle', 'commentRequired', 'danger', 'confirm'],
      },
    },
  },
  required: [
    'id',
    'plugin',
    'form',
    'period',
    'orgUnit',
    'subject',
    'subjectTitle',
    'data',
    'results',
    'state',
    'stateTitle',
    'editable',
    'workflow',
    'revision',
    'createdAt',
    'updatedAt',
    'submittedAt',
    'transitions',
  ],
} as const;

/** A row of a list or the queue: no data, no rule results; the record itself is GET /api/records/:id. */
export const recordSummary = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: str,
    plugin: recordView.properties.plugin,
    form: str,
    period: str,
    orgUnit: recordView.properties.orgUnit,
    subject: strOrNull,
    subjectTitle: strOrNull,
    state: str,
    stateTitle: recordView.properties.stateTitle,
    editable: { type: 'boolean', description: 'The caller may edit the data now' },
    revision: { type: 'integer' },
    updatedAt: dateTime,
    submittedAt: recordView.properties.submittedAt,
    score: {
      type: ['object', 'null'],
      additionalProperties: false,
      description: 'results.score total and max; null for a form without score rules',
      properties: { total: { type: ['number', 'null'] }, max: { type: ['number', 'null'] } },
      required: ['total', 'max'],
    },
    blocking: { type: ['integer', 'null'], description: 'Failed blocking checks (results.blocking)' },
    transitions: recordView.properties.transitions,
    columns: {
      type: 'object',
      additionalProperties: anyValue,
      description:
        "The columns asked for (or the declared list columns of the record's form): declared ones by id, fields by their JSON pointer; a value the record lacks is null",
    },
  },
  required: [
    'id',
    'plugin',
    'form',
    'period',
    'orgUnit',
    'subject',
    'subjectTitle',
    'state',
    'stateTitle',
    'editable',
    'revision',
    'updatedAt',
    'submittedAt',
    'score',
    'blocking',
    'transitions',
    'columns',
  ],
} as const;

export const recordPage = {
  type: 'object',
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: recordSummary },
    total: { type: 'integer' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  },
  required: ['items', 'total', 'limit', 'offset'],
} as const;

export const recordListQuery = {
  type: 'object',
  properties: {
    plugin: str,
    form: str,
    period: str,
    orgUnitId: str,
    state: { type: 'string', description: 'Comma-separated states' },
    minScore: { type: 'string', description: 'A number, over results.score.total' },
    maxScore: { type: 'string', description: 'A number, over results.score.total' },
    q: { type: 'string', description: 'Text in the subject or its title (at most 100 characters)' },
    sort: {
      type: 'string',
      maxLength: 300,
      description:
        'updated (default, newest first), score (highest first), state (in workflow order) or the JSON pointer of a field of the form (on the JSON value, numerically for numbers); ties by id. A pointer no listed form has is refused (400 COLUMN_UNKNOWN at /sort)',
    },
    order: { type: 'string', enum: ['', 'asc', 'desc'], description: 'Reverses the default direction of sort when given' },
    limit: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_PAGE,
      description: `Page size, 1–${MAX_PAGE} (default ${DEFAULT_PAGE}); a larger one is refused (400 BAD_REQUEST at /limit), never cut silently`,
    },
    offset: { type: 'integer', minimum: 0 },
    columns: {
      type: 'string',
      maxLength: 1000,
      description: `Comma-separated columns to include: ids of declared list columns, or JSON pointers of fields of the form (leaf fields, GET /api/plugins/{plugin}/forms/{form}/columns), at most ${MAX_COLUMNS}. Absent: all the form declares; empty: none. One no listed form has is refused (400 COLUMN_UNKNOWN at /columns, params.column)`,
    },
  },
  additionalProperties: false,
} as const;

/** Outcomes a user replaces on a write (docs/plugins.md, Overridable outcomes); the checks are the planner's. */
const overridesBody = {
  type: 'object',
  maxProperties: 50,
  description:
    'Rule id → { value, reason } replacing that compute or classify outcome, or null to clear a kept one. Refused: 422 OVERRIDE_NOT_ALLOWED, 403 OVERRIDE_FORBIDDEN, 422 OVERRIDE_REASON_REQUIRED (blank reason), 422 OVERRIDE_VALUE_INVALID, each at /overrides/<id>. Absent: the record keeps what it had',
  additionalProperties: {
    type: ['object', 'null'],
    properties: { value: anyValue, reason: { type: 'string', maxLength: 4000 } },
  },
} as const;

export const createRecordBody = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'Client-chosen id: a retry with the same id and body returns the first result' },
    clientId: {
      type: 'string',
      description:
        "The browser's id of a draft kept offline: the same clientId from the same user returns the record already created (200), whatever the body",
    },
    plugin: str,
    form: str,
    period: { type: 'string', description: 'YYYY, YYYY-MM, YYYY-Www or a campaign code, as the form declares' },
    orgUnitId: str,
    data: { ...openObject, description: "The form data; checked against the plugin's form schema (422 VALIDATION_FAILED)" },
    overrides: overridesBody,
  },
  required: ['plugin', 'form', 'orgUnitId'],
} as const;

export const updateRecordBody = {
  type: 'object',
  properties: {
    revision: { type: 'integer', description: 'The revision the edit is based on' },
    data: openObject,
    overrides: overridesBody,
  },
  required: ['revision', 'data'],
} as const;

export const transitionBody = {
  type: 'object',
  properties: { revision: { type: 'integer' }, transition: str, comment: { type: ['string', 'null'] } },
  required: ['revision', 'transition'],
} as const;

export const bulkTransitionBody = {
  type: 'object',
  properties: {
    transition: str,
    comment: { type: ['string', 'null'] },
    items: {
      type: 'array',
      items: { type: 'object', properties: { id: str, revision: { type: 'integer' } }, required: ['id', 'revision'] },
    },
  },
  required: ['transition', 'items'],
} as const;

export const bulkTransitionResult = {
  type: 'object',
  properties: {
    transition: str,
    succeeded: { type: 'integer' },
    failed: { type: 'integer' },
    results: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: str, ok: { type: 'boolean' }, state: str, revision: { type: 'integer' }, error: errorBody },
        required: ['id', 'ok'],
      },
    },
  },
  required: ['transition', 'succeeded', 'failed', 'results'],
} as const;

export const historyEvent = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    at: dateTime,
    actor: { type: ['object', 'null'], properties: { id: str, name: strOrNull }, required: ['id', 'name'] },
    action: str,
    transition: strOrNull,
    fromState: strOrNull,
    toState: strOrNull,
    revision: { type: 'integer' },
    pluginVersion: strOrNull,
    changes: { description: 'What changed: pointers with old and new values' },
    comment: strOrNull,
  },
  required: ['id', 'at', 'actor', 'action', 'transition', 'fromState', 'toState', 'revision', 'pluginVersion', 'changes', 'comment'],
} as const;

export const historyResponse = {
  type: 'object',
  properties: { events: { type: 'array', items: historyEvent } },
  required: ['events'],
} as const;

const tracePart = {
  type: ['object', 'null'],
  properties: {
    logic: { description: 'The rule’s JsonLogic (its `when` or `logic`), as the plugin wrote it' },
    trace: {
      type: 'object',
      properties: {
        value: { description: 'What it evaluated to' },
        nodes: {
          type: 'object',
          description: 'Each evaluated node by its path in the logic (/0/1 = first argument’s second argument); absent = not evaluated',
          additionalProperties: {
            type: 'object',
            properties: { value: {}, runs: { type: 'integer' } },
            required: ['value', 'runs'],
          },
        },
        error: { type: 'string' },
      },
      required: ['value', 'nodes'],
    },
  },
  required: ['logic', 'trace'],
} as const;

export const explainQuery = {
  type: 'object',
  properties: { rule: { type: 'string', minLength: 1, maxLength: 200, description: 'The rule id' } },
  required: ['rule'],
  additionalProperties: false,
} as const;

export const explanation = {
  type: 'object',
  properties: {
    rule: { type: 'object', properties: { id: str, kind: str }, required: ['id', 'kind'] },
    when: { ...tracePart, description: 'The condition and its trace; null when the rule has none' },
    logic: { ...tracePart, description: 'The rule and its trace; null when its condition did not hold' },
  },
  required: ['rule', 'when', 'logic'],
} as const;

export const recordLinksQuery = {
  type: 'object',
  properties: { on: { type: 'string', maxLength: 10, description: 'The day the links are counted on, YYYY-MM-DD (default: today)' } },
  additionalProperties: false,
} as const;

export const recordLinksResponse = {
  type: 'object',
  properties: {
    on: str,
    declared: { type: 'boolean', description: 'Whether the form declares links; if not, counts is empty and status null' },
    counts: { type: 'object', additionalProperties: { type: 'integer' }, description: 'links.<name> → how many linking records meet it' },
    status: {
      anyOf: [
        { type: 'null' },
        { type: 'object', properties: { id: str, title: localText }, required: ['id', 'title'], additionalProperties: false },
      ],
    },
  },
  required: ['on', 'declared', 'counts', 'status'],
  additionalProperties: false,
} as const;
