// Spreadsheet imports as the API shows them: the multipart request (documented only: the route reads the parts as
// a stream) and the job a client follows.
import { dateTime, localText, openObject } from './common';
import { SKIP_REASON_CODES } from '../../spreadsheets/row-skips';

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
    mapping: {
      type: 'string',
      description:
        'JSON {"<column index (0-based) or header>": "<pointer>" | "orgUnit" | null}: overrides the automatic mapping; null leaves the column out',
    },
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

const fieldRef = { type: 'object', properties: { field: str, title: localText }, required: ['field', 'title'] } as const;

const rowError = {
  type: 'object',
  properties: {
    row: { type: 'integer' },
    sheet: { ...str, description: "A detail sheet's row: the sheet (absent for the main sheet)" },
    pointer: str,
    field: { anyOf: [localText, { type: 'null' }] },
    message: localText,
    keyword: str,
  },
  required: ['row', 'pointer', 'field', 'message'],
} as const;

export const detailSheet = {
  type: 'object',
  properties: {
    table: str,
    title: localText,
    sheet: str,
    headerRows: { type: 'array', items: { type: 'integer' } },
    columns: {
      type: 'array',
      items: {
        type: 'object',
        properties: { column: { type: 'integer' }, header: str, field: { type: ['string', 'null'] } },
        required: ['column', 'header', 'field'],
      },
    },
    rows: { type: 'integer' },
  },
  required: ['table', 'title', 'sheet', 'headerRows', 'columns', 'rows'],
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
    table: {
      anyOf: [
        {
          type: 'object',
          description: 'Where the table was found: the sheet (null for a CSV), the header rows, the rows read after them',
          properties: {
            sheet: { type: ['string', 'null'] },
            headerRows: { type: 'array', items: { type: 'integer' } },
            dataRows: {
              anyOf: [
                { type: 'object', properties: { first: { type: 'integer' }, last: { type: 'integer' } }, required: ['first', 'last'] },
                { type: 'null' },
              ],
            },
          },
          required: ['sheet', 'headerRows', 'dataRows'],
        },
        { type: 'null' },
      ],
    },
    skipped: {
      anyOf: [
        {
          type: 'object',
          description: 'Rows that are not records (totals, signatures, notes, template rows…): skipped and counted, not rejected',
          properties: {
            count: { type: 'integer' },
            byReason: { type: 'object', additionalProperties: { type: 'integer' } },
            rows: {
              type: 'array',
              description: 'The first skipped rows',
              items: {
                type: 'object',
                properties: { row: { type: 'integer' }, reason: { type: 'string', enum: [...SKIP_REASON_CODES] }, message: localText },
                required: ['row', 'reason', 'message'],
              },
            },
          },
          required: ['count', 'byReason', 'rows'],
        },
        { type: 'null' },
      ],
    },
    ignored: {
      type: 'array',
      description: 'Columns filling no field, with the most similar field (pointer and title path)',
      items: {
        type: 'object',
        properties: { column: { type: 'integer' }, header: str, nearest: fieldRef },
        required: ['column', 'header'],
      },
    },
    ambiguous: {
      type: 'array',
      description: 'Columns whose header names two or more fields: they fill none until a mapping says which',
      items: {
        type: 'object',
        properties: { column: { type: 'integer' }, header: str, fields: { type: 'array', items: fieldRef } },
        required: ['column', 'header', 'fields'],
      },
    },
    detailSheets: {
      type: 'array',
      description: 'Detail sheets read for table fields: the table, the sheet, its header rows, which column filled which field of a row',
      items: detailSheet,
    },
    notes: { type: 'array', items: localText, description: 'What was not imported and why, not errors (a CSV cannot carry tables)' },
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
    'table',
    'skipped',
    'ignored',
    'ambiguous',
    'failure',
    'createdAt',
    'finishedAt',
  ],
} as const;
