// Spreadsheet imports as the API shows them: the multipart request (documented only: the route reads the parts as
// a stream) and the job a client follows.
import { dateTime, localText, openObject } from './common';

const str = { type: 'string' } as const;

/** For the OpenAPI only: the route streams the parts itself (see docsOnlyBody). */
export const importUpload = {
  type: 'object',
  properties: {
    file: { type: 'string', format: 'binary', description: 'An .xlsx or .csv file' },
    plugin: str,
    form: str,
    period: str,
    orgUnitId: str,
    mode: {
      type: 'string',
      enum: ['all', 'valid'],
      description: 'all (default): nothing is written when a row is refused; valid: the good rows are',
    },
    mapping: { type: 'string', description: 'JSON {"<header>": "<pointer>" | "orgUnit"}' },
    update: {
      type: 'string',
      enum: ['true', 'false'],
      description:
        'true: an update import — rows patch the records their key matches (only the columns the file carries) and never create one; unmatched rows are listed back. Forms declaring import.update.only always import this way',
    },
  },
  required: ['file', 'plugin', 'form', 'period'],
} as const;

export const importAccepted = { type: 'object', properties: { id: str }, required: ['id'] } as const;

const rowError = {
  type: 'object',
  properties: { row: { type: 'integer' }, pointer: str, field: { anyOf: [localText, { type: 'null' }] }, message: localText, keyword: str },
  required: ['row', 'pointer', 'field', 'message'],
} as const;

export const importJob = {
  type: 'object',
  properties: {
    id: str,
    plugin: str,
    form: str,
    period: str,
    mode: { type: 'string', enum: ['all', 'valid'] },
    status: { type: 'string', enum: ['queued', 'running', 'done', 'failed', 'interrupted'] },
    fileName: str,
    progress: {
      type: 'object',
      properties: { processed: { type: 'integer' }, total: { type: ['integer', 'null'] } },
      required: ['processed', 'total'],
    },
    counts: {
      anyOf: [
        {
          type: 'object',
          properties: {
            rows: { type: 'integer' },
            created: { type: 'integer' },
            updated: { type: 'integer' },
            unchanged: { type: 'integer' },
            rejected: { type: 'integer' },
            unmatched: { type: 'integer', description: 'Update imports: rows matching no record in your units (not created)' },
          },
          required: ['rows', 'created', 'updated', 'unchanged', 'rejected'],
        },
        { type: 'null' },
      ],
    },
    errors: { type: 'array', items: rowError, description: 'The first row errors (an update import: unmatched rows too)' },
    warned: { type: 'integer', description: 'How many rows were stored as drafts with required fields left empty' },
    warnings: {
      type: 'array',
      items: rowError,
      description: 'The first warnings: required fields a row stored as a draft left empty (also in the error file)',
    },
    classChanges: {
      type: 'array',
      description: 'Update imports: records whose classify outcomes changed, with each rule before and after',
      items: {
        type: 'object',
        properties: {
          row: { type: 'integer' },
          recordId: str,
          subject: { type: ['string', 'null'] },
          subjectTitle: { type: ['string', 'null'] },
          changes: {
            type: 'array',
            items: { type: 'object', properties: { rule: str, before: {}, after: {} }, required: ['rule', 'before', 'after'] },
          },
        },
        required: ['row', 'recordId', 'subject', 'subjectTitle', 'changes'],
      },
    },
    failure: { anyOf: [{ ...openObject, description: 'The refusal of a failed job, in the error shape' }, { type: 'null' }] },
    createdAt: dateTime,
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
  },
  required: [
    'id',
    'plugin',
    'form',
    'period',
    'mode',
    'status',
    'fileName',
    'progress',
    'counts',
    'errors',
    'warned',
    'warnings',
    'classChanges',
    'failure',
    'createdAt',
    'finishedAt',
  ],
} as const;
