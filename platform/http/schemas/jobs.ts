// Background jobs as the API shows them: state and progress of work that runs after its request was answered.
import { dateTime, openObject } from './common';

const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;

export const jobView = {
  type: 'object',
  required: [
    'id',
    'kind',
    'plugin',
    'state',
    'total',
    'done',
    'changed',
    'unchanged',
    'failed',
    'failedRecords',
    'input',
    'supersededBy',
    'failure',
    'createdAt',
    'startedAt',
    'finishedAt',
  ],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', description: 'parameters.recompute: the rule results of open records follow a parameter change' },
    plugin: { type: ['string', 'null'] },
    state: {
      type: 'string',
      enum: ['queued', 'running', 'done', 'failed', 'superseded'],
      description: 'superseded: a newer job of the same kind and plugin does its work',
    },
    total: { type: 'integer', description: 'Records to look at (grows if records join meanwhile)' },
    done: { type: 'integer', description: 'Records looked at so far' },
    changed: { type: 'integer', description: 'Records whose results changed: a new revision and an audit event each' },
    unchanged: { type: 'integer', description: 'Records whose results stayed the same: untouched, same revision' },
    failed: { type: 'integer', description: 'Records that could not be evaluated; they keep their results' },
    failedRecords: {
      type: 'array',
      description: 'The first of them',
      items: { type: 'object', required: ['id', 'code'], properties: { id: { type: 'string' }, code: { type: 'string' } } },
    },
    input: { ...openObject, description: 'What the job is for, e.g. {revision, changes: [{name, from, to}]}' },
    supersededBy: { type: ['string', 'null'] },
    failure: { type: ['object', 'null'], additionalProperties: true, description: 'The refusal of a failed job: {code, message, details}' },
    createdAt: dateTime,
    startedAt: nullableTime,
    finishedAt: nullableTime,
  },
} as const;

/** PUT /api/plugins/:plugin/parameters answers 202 with this: the values are in force, the job follows. */
export const parametersAccepted = {
  type: 'object',
  required: ['values', 'revision', 'jobId'],
  properties: { values: openObject, revision: { type: 'integer' }, jobId: { type: 'string' } },
} as const;
