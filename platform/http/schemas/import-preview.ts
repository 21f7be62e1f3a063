// The preview of an import as the API shows it (platform/imports/import-preview.ts).
import { errorDetail, localText } from './common';
import { detailSheet } from './imports';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const fieldRef = { type: 'object', properties: { field: str, title: localText }, required: ['field', 'title'] } as const;

export const importPreview = {
  type: 'object',
  properties: {
    format: str,
    sheet: { type: ['string', 'null'], description: 'The worksheet read (.xlsx), null for a CSV or when not known' },
    headerRow: { ...int, description: 'Row number of the header, as a spreadsheet program shows it' },
    header: { type: 'array', items: str },
    signature: { ...str, description: "The file's shape: a hash of its normalised header cells" },
    columns: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          index: int,
          header: str,
          field: { type: ['string', 'null'], description: 'Pointer, "orgUnit", or null (not imported)' },
          title: { anyOf: [localText, { type: 'null' }] },
          automatic: { type: ['string', 'null'], description: 'The target of the automatic mapping alone' },
          samples: { type: 'array', items: str, description: 'The cells of the first data rows' },
        },
        required: ['index', 'header', 'field', 'title', 'automatic', 'samples'],
      },
    },
    ignored: {
      type: 'array',
      items: {
        type: 'object',
        properties: { column: int, header: str, nearest: { anyOf: [fieldRef, { type: 'null' }] } },
        required: ['column', 'header', 'nearest'],
      },
    },
    ambiguous: {
      type: 'array',
      items: {
        type: 'object',
        properties: { column: int, header: str, fields: { type: 'array', items: fieldRef } },
        required: ['column', 'header', 'fields'],
      },
    },
    uncovered: {
      type: 'array',
      items: { type: 'object', properties: { ...fieldRef.properties, key: { type: 'boolean' } }, required: ['field', 'title', 'key'] },
    },
    fields: {
      type: 'array',
      description: 'Every importable field, for choosing a target',
      items: { type: 'object', properties: { ...fieldRef.properties, path: localText }, required: ['field', 'title', 'path'] },
    },
    remembered: {
      anyOf: [
        {
          type: 'object',
          properties: { savedAt: { type: 'string', format: 'date-time' }, savedBy: str },
          required: ['savedAt', 'savedBy'],
        },
        { type: 'null' },
      ],
      description: 'The mapping remembered for this shape that the preview applied, and who saved it when',
    },
    detailSheets: {
      type: 'array',
      items: detailSheet,
      description: 'Detail sheets the table fields would be read from: the sheet, header rows, which column fills which field of a row',
    },
    notes: { type: 'array', items: localText, description: 'What would not be imported, not errors (a CSV cannot carry tables)' },
    problems: { type: 'array', items: errorDetail, description: 'What POST /api/imports would refuse with this mapping' },
  },
  required: [
    'format',
    'sheet',
    'headerRow',
    'header',
    'signature',
    'columns',
    'ignored',
    'ambiguous',
    'uncovered',
    'fields',
    'remembered',
    'detailSheets',
    'notes',
    'problems',
  ],
} as const;
