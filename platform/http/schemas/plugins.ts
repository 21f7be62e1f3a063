// Plugins as the API shows them: summaries, the forms a user may fill, parameters, fixtures, rankings and marks.
// Everything a plugin authors (schemas, rules, workflows, parameter values) is passed through as open data.
import { anyValue, errorDetail, localText, openObject } from './common';
import { policyWindow } from './policy';

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const localOrNull = { anyOf: [localText, { type: 'null' }] } as const;
const period = { type: 'object', properties: { kind: str, title: localText }, required: ['kind'] } as const;

export const pluginSummary = {
  type: 'object',
  properties: {
    id: str,
    version: str,
    versions: { type: 'array', items: str },
    title: localText,
    description: localOrNull,
    regions: { type: 'array', items: str },
    source: { type: ['object', 'null'], properties: { title: str, documentNumber: str, issuedBy: str, effective: str, expires: str } },
    forms: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: str,
          title: localText,
          description: localOrNull,
          period,
          workflow: strOrNull,
          createRoles: { type: 'array', items: str },
          ranking: { anyOf: [openObject, { type: 'null' }] },
          rules: { type: 'integer' },
          listColumns: {
            type: 'array',
            description: 'Columns the form declares for lists (GET /api/records?columns=…)',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'title'],
              properties: {
                id: str,
                title: localText,
                pointer: { ...str, description: 'A field of the data' },
                result: { ...str, description: 'A rule outcome, e.g. /classes/<rule>' },
              },
            },
          },
        },
        required: ['id', 'title', 'description', 'period', 'workflow', 'createRoles', 'ranking', 'rules', 'listColumns'],
      },
    },
    workflows: { type: 'array', items: openObject },
    fixtures: { type: 'integer' },
    policy: policyWindow,
  },
  required: ['id', 'version', 'versions', 'title', 'description', 'regions', 'source', 'forms', 'workflows', 'fixtures', 'policy'],
} as const;

export const pluginFailure = {
  type: 'object',
  properties: { source: str, pluginId: str, errors: { type: 'array', items: errorDetail } },
  required: ['source', 'errors'],
} as const;

export const pluginList = {
  type: 'object',
  properties: { plugins: { type: 'array', items: pluginSummary }, failures: { type: 'array', items: pluginFailure } },
  required: ['plugins', 'failures'],
} as const;

export const pluginDetail = {
  type: 'object',
  properties: { ...pluginSummary.properties, files: { ...openObject, description: 'Every file of the plugin by path, as authored' } },
  required: [...pluginSummary.required, 'files'],
} as const;

export const pluginFormDetail = {
  type: 'object',
  properties: {
    ...pluginSummary.properties,
    files: {
      ...openObject,
      description:
        "The files one form needs, by path as authored: the manifest, the form's schema, UI schema and rules, code lists, calendars, workflows, parameter schema, English catalogue",
    },
  },
  required: [...pluginSummary.required, 'files'],
} as const;

export const pluginVersionQuery = { type: 'object', properties: { version: str }, additionalProperties: false } as const;

export const fillableForms = {
  type: 'object',
  properties: {
    forms: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          plugin: str,
          pluginTitle: localText,
          form: str,
          title: localText,
          period,
          orgUnits: { type: 'array', items: str },
          policy: policyWindow,
        },
        required: ['plugin', 'pluginTitle', 'form', 'title', 'period', 'orgUnits', 'policy'],
      },
    },
  },
  required: ['forms'],
} as const;

export const fixtureReport = {
  type: 'object',
  properties: {
    passed: { type: 'integer' },
    failed: { type: 'integer' },
    cases: {
      type: 'array',
      items: {
        type: 'object',
        properties: { suite: str, form: str, description: str, reference: str, mismatches: { type: 'array', items: str } },
        required: ['suite', 'form', 'description', 'mismatches'],
      },
    },
  },
  required: ['passed', 'failed', 'cases'],
} as const;

export const parametersView = {
  type: 'object',
  properties: {
    values: { ...openObject, description: 'Effective values by parameter name' },
    revision: { type: 'integer' },
    defaults: openObject,
    schema: { ...openObject, description: "The plugin's parameter schema (data, not a route schema)" },
  },
  required: ['values', 'revision', 'defaults', 'schema'],
} as const;

export const changeParametersBody = {
  type: 'object',
  properties: { revision: { type: 'integer', description: 'The parameter revision the change is based on' }, values: openObject },
  required: ['revision', 'values'],
} as const;

export const rankingQuery = { type: 'object', properties: { period: str }, additionalProperties: false } as const;

export const ranking = {
  type: 'object',
  properties: {
    period: str,
    quota: anyValue,
    count: { type: 'integer' },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: str,
          rank: { type: 'integer' },
          value: { type: ['number', 'null'] },
          subject: strOrNull,
          subjectTitle: strOrNull,
          orgUnitId: str,
          state: str,
          withinQuota: { type: ['boolean', 'null'] },
        },
        required: ['id', 'rank', 'value', 'subject', 'subjectTitle', 'orgUnitId', 'state', 'withinQuota'],
      },
    },
  },
  required: ['period', 'quota', 'count', 'rows'],
} as const;

export const marksQuery = { type: 'object', properties: { kind: str }, additionalProperties: false } as const;

export const marks = {
  type: 'object',
  properties: {
    marks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          subject: str,
          kind: str,
          from: { type: 'string', format: 'date' },
          until: { type: ['string', 'null'], format: 'date' },
          reason: localText,
          recordId: strOrNull,
        },
        required: ['subject', 'kind', 'from', 'until', 'reason', 'recordId'],
      },
    },
  },
  required: ['marks'],
} as const;
