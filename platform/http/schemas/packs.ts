// Shapes of the pack routes: the dry-run report (platform/packs/dry-run.ts) with every part declared, so the
// answer carries exactly what the report holds.
import { errorDetail, localText } from './common';
import { fixtureReport } from './plugins';

const str = { type: 'string' } as const;
const strings = { type: 'array', items: str } as const;
const changes = {
  type: 'object',
  properties: { added: strings, removed: strings, changed: strings },
  required: ['added', 'removed', 'changed'],
} as const;
const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] }) as const;

const fieldChange = {
  type: 'object',
  properties: {
    pointer: { type: 'string', description: 'The field: /a/b, array items /a/-/b' },
    change: { type: 'string', enum: ['added', 'removed', 'retyped', 'required', 'optional', 'enum'] },
    breaking: { type: 'boolean' },
    from: { type: 'array', description: 'Types or enum values before' },
    to: { type: 'array', description: 'Types or enum values after' },
  },
  required: ['pointer', 'change', 'breaking'],
} as const;

const formChange = {
  type: 'object',
  properties: {
    form: str,
    fields: { type: 'array', items: fieldChange },
    rules: changes,
    schemaChanged: { type: 'boolean' },
    workflow: nullable({ type: 'object', properties: { from: nullable(str), to: nullable(str) }, required: ['from', 'to'] }),
    breaking: { type: 'boolean' },
  },
  required: ['form', 'fields', 'rules', 'schemaChanged', 'workflow', 'breaking'],
} as const;

const workflowChange = {
  type: 'object',
  properties: { workflow: str, states: changes, transitions: changes, breaking: { type: 'boolean' } },
  required: ['workflow', 'states', 'transitions', 'breaking'],
} as const;

export const pluginDiff = {
  type: 'object',
  description: 'What an upgrade from the installed (active) version changes; breaking when old records may no longer validate',
  properties: {
    id: str,
    from: str,
    to: str,
    breaking: { type: 'boolean' },
    forms: {
      type: 'object',
      properties: { added: strings, removed: strings, changed: { type: 'array', items: formChange } },
      required: ['added', 'removed', 'changed'],
    },
    parameters: changes,
    workflows: {
      type: 'object',
      properties: { added: strings, removed: strings, changed: { type: 'array', items: workflowChange } },
      required: ['added', 'removed', 'changed'],
    },
    reports: changes,
    codeLists: {
      type: 'object',
      properties: {
        ...changes.properties,
        codesRemoved: {
          type: 'array',
          items: { type: 'object', properties: { codeList: str, codes: strings }, required: ['codeList', 'codes'] },
        },
      },
      required: ['added', 'removed', 'changed', 'codesRemoved'],
    },
  },
  required: ['id', 'from', 'to', 'breaking', 'forms', 'parameters', 'workflows', 'reports', 'codeLists'],
} as const;

export const packUpload = {
  type: 'string',
  format: 'binary',
  description:
    'The .hzpack file as application/octet-stream, or as the part "file" of multipart/form-data with optional fields "bindings" (JSON: parameter name → value) and "override" (JSON: { "reason": "…" }, to pass failing fixtures)',
} as const;

const parameterBinding = {
  type: 'object',
  properties: {
    name: str,
    schema: { type: 'object', additionalProperties: true, description: "The parameter's JSON Schema in the pack" },
    default: { description: "The pack's default (null: none)" },
    current: { description: 'The value in force in this server for the installed version (null: not installed or not declared)' },
    bound: { description: 'The value fixtures and the impact preview use, and an install would store' },
    source: { type: 'string', enum: ['binding', 'current', 'default'] },
  },
  required: ['name', 'schema', 'default', 'current', 'bound', 'source'],
} as const;

const recordImpact = {
  type: 'object',
  properties: {
    id: str,
    form: str,
    state: str,
    subjectTitle: nullable(str),
    eligible: {
      type: 'object',
      properties: { from: { type: 'boolean' }, to: { type: 'boolean' } },
      required: ['from', 'to'],
    },
    classes: {
      type: 'array',
      items: { type: 'object', properties: { id: str, from: {}, to: {} }, required: ['id', 'from', 'to'] },
    },
    score: {
      type: 'object',
      properties: { from: nullable({ type: 'number' }), to: nullable({ type: 'number' }) },
      required: ['from', 'to'],
    },
    blocking: { type: 'object', properties: { from: strings, to: strings }, required: ['from', 'to'] },
    invalid: { ...strings, description: "Pointers the new version's schema refuses in the record's data" },
    other: { type: 'boolean', description: 'Something else changes too (computed fields, warnings)' },
  },
  required: ['id', 'form', 'state', 'subjectTitle', 'other'],
} as const;

const count = { type: 'integer' } as const;
export const impactPreview = {
  type: 'object',
  description: 'The open records of the installed version re-evaluated under the new one with the bound values; nothing saved',
  properties: {
    from: str,
    to: str,
    totals: {
      type: 'object',
      properties: {
        records: count,
        changed: count,
        unchanged: count,
        eligibility: count,
        class: count,
        score: count,
        blocking: count,
        invalid: count,
        formRemoved: count,
        failed: count,
      },
      required: ['records', 'changed', 'unchanged', 'eligibility', 'class', 'score', 'blocking', 'invalid', 'formRemoved', 'failed'],
    },
    records: { type: 'array', items: recordImpact, description: 'The first changed records (at most 200), in id order' },
    truncated: { type: 'boolean' },
  },
  required: ['from', 'to', 'totals', 'records', 'truncated'],
} as const;

export const dryRunReport = {
  type: 'object',
  properties: {
    packSha256: { type: 'string', description: "sha256 of the pack file's bytes" },
    outcome: {
      type: 'string',
      enum: ['ready', 'blocked', 'already-installed', 'refused'],
      description:
        'ready: an install would go through; blocked: a fixture fails; already-installed: this version with this content is there; refused: see refusal',
    },
    plugin: nullable({ type: 'object', properties: { id: str, version: str, platform: str }, required: ['id', 'version', 'platform'] }),
    publisher: nullable({ type: 'object', properties: { name: str, fingerprint: str } }),
    forkedFrom: nullable({ type: 'object', properties: { id: str, version: str }, required: ['id', 'version'] }),
    dependencies: {
      type: 'array',
      items: { type: 'object', properties: { id: str, range: str }, required: ['id', 'range'] },
    },
    signature: nullable({ type: 'string', enum: ['trusted', 'unknown-publisher', 'unsigned', 'tampered'] }),
    refusal: nullable({
      type: 'object',
      description: 'Why the pack cannot be installed: a catalogue code and every error (file, pointer, sub-code)',
      properties: { code: str, message: localText, details: { type: 'array', items: errorDetail } },
      required: ['code', 'message', 'details'],
    }),
    fixtures: nullable({
      type: 'object',
      description: "The pack's fixtures run in this server; failing lists the cases that did not match",
      properties: { ...fixtureReport.properties, failing: fixtureReport.properties.cases },
      required: ['passed', 'failed', 'cases', 'failing'],
    }),
    installed: {
      type: 'object',
      properties: { active: nullable(str), versions: strings },
      required: ['active', 'versions'],
    },
    change: nullable({ type: 'string', enum: ['new-plugin', 'upgrade', 'downgrade', 'same-version'] }),
    diff: nullable(pluginDiff),
    parameters: { type: 'array', items: parameterBinding, description: 'The parameters the pack declares, bound for this server' },
    override: nullable({
      type: 'object',
      description: "The admin's override of failing fixtures; applied when fixtures fail and it made the outcome ready",
      properties: { reason: str, applied: { type: 'boolean' } },
      required: ['reason', 'applied'],
    }),
    impact: nullable(impactPreview),
  },
  required: [
    'packSha256',
    'outcome',
    'plugin',
    'publisher',
    'forkedFrom',
    'dependencies',
    'signature',
    'refusal',
    'fixtures',
    'installed',
    'change',
    'diff',
    'parameters',
    'override',
    'impact',
  ],
} as const;
