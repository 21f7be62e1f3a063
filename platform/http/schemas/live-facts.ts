// POST /api/live-facts: what the browser's live rules may read of referenced and earlier records.
import { openObject } from './common';

const str = { type: 'string', minLength: 1 } as const;

export const liveFactsBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    plugin: str,
    form: str,
    version: { ...str, description: 'The plugin version of the record being edited; the active one when absent' },
    orgUnitId: str,
    period: { type: 'string', description: 'The record period (YYYY, YYYY-MM, YYYY-Www or a campaign code)' },
    data: { ...openObject, description: 'The form data as typed (computed fields are ignored)' },
  },
  required: ['plugin', 'form', 'orgUnitId', 'period', 'data'],
} as const;

const factRecord = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    period: { type: 'string' },
    state: { type: 'string' },
    data: openObject,
    results: { ...openObject, description: 'Stored rule results (compact); absent where the data is masked for the user' },
  },
  required: ['data'],
} as const;

export const liveFactsResponse = {
  type: 'object',
  additionalProperties: false,
  properties: {
    refs: {
      type: 'object',
      additionalProperties: factRecord,
      description: 'By x-ref pointer: the referenced record the user may see (left out otherwise; the save refuses it)',
    },
    earlier: { type: 'array', items: factRecord, description: "The form's earlier records (`earlier`), oldest first" },
    defaults: {
      ...openObject,
      description:
        "By field pointer: the value a referenced record gives a field's x-default (only records the user may see, no masked field)",
    },
  },
  required: ['refs', 'earlier', 'defaults'],
} as const;
