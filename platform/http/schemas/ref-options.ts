// GET /api/plugins/:plugin/forms/:form/ref-options: the record picker of an x-ref field.
import { localText } from './common';

const str = { type: 'string', minLength: 1 } as const;

export const refOptionsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    field: { type: 'string', pattern: '^/', maxLength: 500, description: "JSON pointer of the form's x-ref field" },
    q: { type: 'string', maxLength: 200, description: "Part of the record's title, or its exact id" },
    ids: { type: 'string', maxLength: 4000, description: 'Comma-separated record ids: the titles of values already chosen' },
    version: { ...str, description: 'The plugin version of the record being edited; the active one when absent' },
  },
  required: ['field'],
} as const;

export const refOptionsResponse = {
  type: 'object',
  additionalProperties: false,
  properties: {
    options: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          title: { type: 'string', description: "The record's subject title (masked where the user sees it masked), else its id" },
          unit: {
            type: 'object',
            additionalProperties: false,
            properties: { id: { type: 'string' }, code: { type: 'string' }, name: localText },
            required: ['id', 'code', 'name'],
          },
        },
        required: ['id', 'title', 'unit'],
      },
    },
  },
  required: ['options'],
} as const;
