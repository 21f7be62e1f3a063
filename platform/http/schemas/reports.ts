// Reports as the API shows them: what each report takes, and one run's result. Rows and parameter values are the
// plugin's (open); the envelope around them is the platform's.
import { binary, localText, openObject } from './common';

const str = { type: 'string' } as const;
const localOrNull = { anyOf: [localText, { type: 'null' }] } as const;

export const reportDescription = {
  type: 'object',
  properties: {
    id: str,
    title: localText,
    description: localOrNull,
    period: {
      type: ['object', 'null'],
      properties: { required: { type: 'boolean' }, kind: { type: ['string', 'null'] }, title: localOrNull },
      required: ['required', 'kind', 'title'],
    },
    parameters: {
      type: 'array',
      items: { ...openObject, description: 'A declared parameter (name, type, title, …) as the plugin wrote it' },
    },
    columns: {
      type: 'array',
      items: { type: 'object', properties: { id: str, label: localText, format: str }, required: ['id', 'label', 'format'] },
    },
    chart: { anyOf: [openObject, { type: 'null' }] },
    print: { type: 'boolean' },
  },
  required: ['id', 'title', 'description', 'period', 'parameters', 'columns', 'chart', 'print'],
} as const;

export const reportList = {
  type: 'object',
  properties: { reports: { type: 'array', items: reportDescription } },
  required: ['reports'],
} as const;

/**
 * For the OpenAPI only (docsOnly in the route): the report engine reads the query itself, since the parameters are
 * the plugin's, and refuses each wrong one with REPORT_PARAMETER_INVALID naming it.
 */
export const reportQuery = {
  type: 'object',
  description: 'period, orgUnitId, lang and format, plus the parameters the report declares (see the report list)',
  properties: {
    period: str,
    orgUnitId: str,
    lang: { type: 'string', enum: ['zh-CN', 'en'] },
    format: { type: 'string', enum: ['json', 'xlsx', 'csv'] },
  },
  additionalProperties: true,
} as const;

const unitRef = { type: 'object', properties: { id: str, name: localText }, required: ['id', 'name'] } as const;

export const reportResult = {
  type: 'object',
  properties: {
    report: {
      type: 'object',
      properties: { id: str, title: localText, description: localOrNull },
      required: ['id', 'title', 'description'],
    },
    lang: { type: 'string', enum: ['zh-CN', 'en'] },
    parameters: { ...openObject, description: 'The values the run used: period, orgUnitId and the declared parameters' },
    scope: {
      type: 'object',
      properties: {
        orgUnit: { type: ['object', 'null'], properties: { id: str, name: localText, level: str }, required: ['id', 'name', 'level'] },
        units: { type: 'array', items: unitRef },
      },
      required: ['orgUnit', 'units'],
    },
    generatedAt: { type: 'string', format: 'date-time' },
    columns: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: str,
          label: localText,
          format: str,
          decimals: { type: ['integer', 'null'] },
          width: { type: ['number', 'null'] },
        },
        required: ['id', 'label', 'format', 'decimals', 'width'],
      },
    },
    rows: { type: 'array', items: { ...openObject, description: 'One row: cells by column id, as the template computes them' } },
    truncated: { type: 'boolean' },
    chart: openObject,
    print: {
      type: 'object',
      properties: {
        title: str,
        headerLines: { type: 'array', items: str },
        footerLines: { type: 'array', items: str },
        orientation: { type: 'string', enum: ['portrait', 'landscape'] },
      },
      required: ['title', 'headerLines', 'footerLines', 'orientation'],
    },
  },
  required: ['report', 'lang', 'parameters', 'scope', 'generatedAt', 'columns', 'rows', 'truncated'],
} as const;

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** format=json (default) gives the result; format=xlsx or csv a download. */
export const reportRunResponse = {
  description: 'The result as JSON, or the .xlsx / .csv file',
  content: {
    'application/json': { schema: reportResult },
    ...binary('', XLSX, 'text/csv').content,
  },
} as const;
