// Liveness and the error catalogue.
import { localText } from './common';

export const health = {
  type: 'object',
  properties: { ok: { type: 'boolean' }, version: { type: 'string' } },
  required: ['ok', 'version'],
} as const;

export const errorCatalogue = {
  type: 'object',
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { code: { type: 'string' }, status: { type: 'integer' }, message: localText, description: { type: 'string' } },
        required: ['code', 'status', 'message', 'description'],
      },
    },
  },
  required: ['errors'],
} as const;
