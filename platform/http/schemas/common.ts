// Building blocks of the route schemas: the bilingual text, the one error envelope, the path parameters, and the
// helper that adds a route's possible refusals to its responses. These describe the platform's fixed shapes only;
// plugin content (form data, rule values, report rows) stays an open object, since plugin schemas are data.

/** Any JSON value a plugin decides (form data, parameter values, report cells): declared, never narrowed. */
export const anyValue = {} as const;

/** An object whose keys a plugin decides. */
export const openObject = { type: 'object', additionalProperties: true } as const;

export const localText = {
  type: 'object',
  properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
  required: ['zh-CN', 'en'],
} as const;

export const dateTime = { type: 'string', format: 'date-time' } as const;

export const errorDetail = {
  type: 'object',
  properties: {
    pointer: { type: 'string', description: 'JSON pointer of the offending field ("" for the whole request)' },
    message: localText,
    code: { type: 'string' },
    keyword: { type: 'string' },
    schemaPath: { type: 'string' },
    params: openObject,
    file: { type: 'string' },
  },
  required: ['pointer', 'message'],
} as const;

export const errorBody = {
  type: 'object',
  properties: {
    code: { type: 'string', description: 'A code of GET /api/errors' },
    message: localText,
    details: { type: 'array', items: errorDetail },
  },
  required: ['code', 'message', 'details'],
} as const;

export const errorEnvelope = {
  type: 'object',
  description: 'A refusal: a catalogued code, its message in both languages, and what was wrong where',
  properties: { error: errorBody },
  required: ['error'],
} as const;

const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed request (BAD_REQUEST), details name the pointer',
  401: 'No valid session (UNAUTHENTICATED) or wrong credentials (LOGIN_FAILED)',
  403: 'No role permits this (FORBIDDEN)',
  404: "Not found, or outside the user's org units",
  409: 'Conflict with the current state (stale revision, duplicate, id in use …)',
  413: 'Too large',
  415: 'Media type not accepted',
  422: 'Understood but refused (validation, rules, unknown org unit …)',
  423: 'The account is locked after failed logins (ACCOUNT_LOCKED); an admin can lift it',
  429: 'Too many failed logins (LOGIN_THROTTLED); wait as Retry-After says',
};

const OK_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted: follow the job' };

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429;

/** The 2xx responses plus the error envelope for each status the route can refuse with. */
export function responses<T extends Record<number, object>>(ok: T, errors: ErrorStatus[] = []) {
  const out: Record<number, object> = {};
  for (const [status, schema] of Object.entries(ok))
    out[Number(status)] = 'description' in schema ? schema : { ...schema, description: OK_TEXT[Number(status)] ?? 'OK' };
  for (const s of errors) out[s] = { ...errorEnvelope, description: ERROR_TEXT[s] };
  return out;
}

/** Routes behind a session: the bearer token from POST /api/auth/login, or the session cookie it sets. */
export const SECURED: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];
export const PUBLIC: never[] = [];

export const SECURITY_SCHEMES = {
  bearerAuth: { type: 'http', scheme: 'bearer', description: 'The token of POST /api/auth/login' },
  cookieAuth: { type: 'apiKey', in: 'cookie', name: 'hezuo_session', description: 'The HttpOnly cookie POST /api/auth/login sets' },
} as const;

const id64 = { type: 'string', minLength: 1, maxLength: 64 } as const;
export const idParam = { type: 'object', properties: { id: id64 }, required: ['id'], additionalProperties: false } as const;
export const pluginParam = { type: 'object', properties: { plugin: id64 }, required: ['plugin'], additionalProperties: false } as const;
export const pluginFormParams = {
  type: 'object',
  properties: { plugin: id64, form: id64 },
  required: ['plugin', 'form'],
  additionalProperties: false,
} as const;
export const pluginReportParams = {
  type: 'object',
  properties: { plugin: id64, report: id64 },
  required: ['plugin', 'report'],
  additionalProperties: false,
} as const;

/** A binary download: declared by media type so clients know it is not JSON. */
export const binary = (description: string, ...types: string[]) => ({
  description,
  content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
});
