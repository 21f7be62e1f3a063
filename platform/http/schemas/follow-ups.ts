// Shapes of the follow-up routes: a record's items with their summary, and the body and answer of one step.
import { dateTime, localText } from './common';

const nullableString = { type: ['string', 'null'] } as const;
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
const count = { type: 'integer' } as const;

export const followUpParams = {
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 64 },
    followUpId: { type: 'string', minLength: 1, maxLength: 64 },
  },
  required: ['id', 'followUpId'],
  additionalProperties: false,
} as const;

export const followUpItem = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    rule: { type: 'string', description: 'The id of the failed check' },
    title: { anyOf: [localText, { type: 'null' }] },
    message: { anyOf: [localText, { type: 'null' }] },
    group: nullableString,
    status: { enum: ['open', 'rectified', 'confirmed', 'reopened'] },
    deadline: { type: 'string', description: 'YYYY-MM-DD' },
    overdue: { type: 'boolean', description: 'open or reopened, and the deadline is before today (server time zone)' },
    rectifiedOn: nullableString,
    note: nullableString,
    evidence: { type: 'array', items: { type: 'string' } },
    comment: { ...nullableString, description: 'The reviewer’s comment when reopened' },
    openedBy: { type: 'string' },
    openedAt: dateTime,
    rectifiedBy: nullableString,
    rectifiedAt: nullableDateTime,
    confirmedBy: nullableString,
    confirmedAt: nullableDateTime,
    reopenedBy: nullableString,
    reopenedAt: nullableDateTime,
    revision: { type: 'integer' },
  },
  required: ['id', 'rule', 'status', 'deadline', 'overdue', 'evidence', 'revision', 'openedAt'],
} as const;

export const followUpSummary = {
  type: 'object',
  properties: { total: count, open: count, rectified: count, confirmed: count, reopened: count, overdue: count },
  required: ['total', 'open', 'rectified', 'confirmed', 'reopened', 'overdue'],
} as const;

export const followUpList = {
  type: 'object',
  properties: {
    recordId: { type: 'string' },
    today: { type: 'string' },
    declared: { type: 'boolean', description: 'Whether the record’s form declares follow-ups' },
    summary: followUpSummary,
    may: { type: 'object', properties: { mark: { type: 'boolean' }, confirm: { type: 'boolean' } }, required: ['mark', 'confirm'] },
    evidence: {
      anyOf: [
        {
          type: 'object',
          properties: {
            field: { type: 'string', description: 'The field to upload evidence with (POST /api/attachments)' },
            accept: { type: 'array', items: { type: 'string' } },
            maxSize: { type: 'integer' },
            maxFiles: { type: 'integer' },
            required: { type: 'boolean' },
          },
          required: ['field'],
        },
        { type: 'null' },
      ],
    },
    items: { type: 'array', items: followUpItem },
  },
  required: ['recordId', 'today', 'declared', 'summary', 'may', 'evidence', 'items'],
} as const;

export const followUpStepBody = {
  type: 'object',
  properties: {
    revision: { type: 'integer', description: 'The item’s revision the step is based on' },
    rectifiedOn: { type: 'string', maxLength: 10, description: 'rectify: YYYY-MM-DD, not after today' },
    note: { ...nullableString, maxLength: 2000 },
    evidence: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 64 }, description: 'rectify: attachment ids' },
    comment: { ...nullableString, maxLength: 2000, description: 'reopen: required' },
  },
  required: ['revision'],
  additionalProperties: false,
} as const;

export const followUpStepResult = {
  type: 'object',
  properties: { item: followUpItem, recordRevision: { type: 'integer', description: 'The record’s revision after the step' } },
  required: ['item', 'recordRevision'],
} as const;
