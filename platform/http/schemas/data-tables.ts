// Shapes of the data-table routes: the fields a list may show as columns, the export's query, and saved views.
import { dateTime, localText } from './common';
import { recordListQuery } from './records';
import { MAX_COLUMNS } from '../../records/record-query';
import { MAX_SAVED_VIEWS } from '../../records/saved-views';

const str = { type: 'string' } as const;

export const formColumnList = {
  type: 'object',
  additionalProperties: false,
  properties: {
    columns: {
      type: 'array',
      description: 'Every leaf field of the form (objects walked into, a list is one field), in schema order',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          pointer: { type: 'string', description: 'What GET /api/records takes in columns and sort' },
          title: localText,
          path: { ...localText, description: 'Titles from the root, joined by /' },
          kind: { type: 'string', enum: ['text', 'integer', 'number', 'boolean', 'date', 'list', 'attachment'] },
          unit: { type: ['string', 'null'] },
          decimals: { type: ['integer', 'null'], description: 'x-decimals: the decimals a number is shown with' },
          labels: {
            type: ['object', 'null'],
            additionalProperties: { type: 'string' },
            description: 'Option labels by value (the field’s or its items’ enumNames)',
          },
        },
        required: ['pointer', 'title', 'path', 'kind', 'unit', 'decimals', 'labels'],
      },
    },
  },
  required: ['columns'],
} as const;

const { limit: _limit, offset: _offset, columns: _columns, ...listFilters } = recordListQuery.properties;

export const exportQuery = {
  type: 'object',
  properties: {
    ...listFilters,
    plugin: { type: 'string', description: 'Required' },
    form: { type: 'string', description: 'Required: the form whose fields are the columns' },
    format: { type: 'string', enum: ['xlsx', 'csv'], default: 'xlsx' },
    lang: { type: 'string', enum: ['zh-CN', 'en'], description: "Headers and values in this language; default the user's" },
  },
  additionalProperties: false,
} as const;

const viewFilter = {
  type: 'object',
  additionalProperties: false,
  description: 'The list query a view reopens (as GET /api/records takes it)',
  properties: {
    plugin: { type: 'string', maxLength: 64 },
    form: { type: 'string', maxLength: 64 },
    states: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 64 } },
    orgUnitId: { type: 'string', maxLength: 64 },
    period: { type: 'string', maxLength: 32 },
    q: { type: 'string', maxLength: 100 },
    minScore: { type: ['number', 'null'] },
    maxScore: { type: ['number', 'null'] },
    columns: { type: 'array', maxItems: MAX_COLUMNS, items: { type: 'string', minLength: 1, maxLength: 300 } },
    sort: { type: 'string', maxLength: 300 },
    order: { type: 'string', enum: ['asc', 'desc'] },
  },
} as const;

export const savedView = {
  type: 'object',
  additionalProperties: false,
  properties: { id: str, name: str, filter: viewFilter, createdAt: dateTime, updatedAt: dateTime },
  required: ['id', 'name', 'filter', 'createdAt', 'updatedAt'],
} as const;

export const savedViewList = {
  type: 'object',
  additionalProperties: false,
  properties: { views: { type: 'array', items: savedView } },
  required: ['views'],
} as const;

export const saveViewBody = {
  type: 'object',
  additionalProperties: false,
  description: `A name (a view of the same name is replaced) and the filter; at most ${MAX_SAVED_VIEWS} views per user`,
  properties: { name: { type: 'string', minLength: 1, maxLength: 60 }, filter: viewFilter },
  required: ['name', 'filter'],
} as const;

export const savedViewParam = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 20 } },
  required: ['id'],
  additionalProperties: false,
} as const;

export const deletedView = {
  type: 'object',
  additionalProperties: false,
  properties: { deleted: str },
  required: ['deleted'],
} as const;
