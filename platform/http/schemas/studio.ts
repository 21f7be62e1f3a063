// Shapes of the plugin studio's routes (platform/studio): drafts, their check, publish and export.
import { PACK_LIMITS } from '../../packs/pack-format';
import { dateTime, errorDetail, localText } from './common';

const str = { type: 'string' } as const;
const pluginId = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  description: 'plugin.json id: lower-case words joined by hyphens',
} as const;
const revision = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;

const titleInput = {
  type: 'object',
  additionalProperties: false,
  properties: { 'zh-CN': { type: 'string', minLength: 1, maxLength: 200 }, en: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['zh-CN'],
  description: 'The English title is optional: the Chinese stands in for it',
} as const;

export const draftParams = {
  type: 'object',
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['id'],
} as const;

const origin = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['blank', 'fork', 'edit', 'import'] },
    from: { type: 'object', properties: { plugin: str, version: str }, required: ['plugin', 'version'] },
  },
  required: ['kind'],
  description:
    'Where the draft started: a blank plugin, a fork of an installed plugin, an edit of one, or an imported pack or folder (from: the installed id and version it continues)',
} as const;

const summaryProperties = {
  id: str,
  plugin: { type: 'string', description: "plugin.json's id (the id the draft was made for while plugin.json is not readable)" },
  title: localText,
  baseVersion: {
    anyOf: [str, { type: 'null' }],
    description: 'The installed version the draft continues; null for a new plugin not yet published',
  },
  version: { type: 'string', description: "plugin.json's version ('' while plugin.json is not readable)" },
  origin,
  revision: { type: 'integer' },
  updatedAt: dateTime,
  createdBy: { type: 'string', description: 'User name of the admin who started the draft' },
} as const;
const summaryRequired = ['id', 'plugin', 'title', 'baseVersion', 'version', 'origin', 'revision', 'updatedAt', 'createdBy'];

export const draftSummary = { type: 'object', properties: summaryProperties, required: summaryRequired } as const;

const files = {
  type: 'object',
  propertyNames: { type: 'string', minLength: 1, maxLength: 500 },
  additionalProperties: { type: 'string' },
  description: `path → text of each file of the plugin (paths relative, JSON or YAML; at most ${PACK_LIMITS.files} files)`,
} as const;

export const draft = {
  type: 'object',
  properties: { ...summaryProperties, files: { type: 'object', additionalProperties: str } },
  required: [...summaryRequired, 'files'],
} as const;

export const draftList = { type: 'object', properties: { drafts: { type: 'array', items: draftSummary } }, required: ['drafts'] } as const;

export const newDraftBody = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      properties: { from: { const: 'blank' }, plugin: pluginId, title: titleInput },
      required: ['from', 'plugin', 'title'],
    },
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        from: { const: 'fork' },
        source: pluginId,
        plugin: pluginId,
        title: titleInput,
        regions: { type: 'array', maxItems: 100, uniqueItems: true, items: { type: 'string', pattern: '^\\d{6}$' } },
      },
      required: ['from', 'source', 'plugin', 'title'],
    },
    {
      type: 'object',
      additionalProperties: false,
      properties: { from: { const: 'edit' }, source: pluginId },
      required: ['from', 'source'],
    },
  ],
} as const;

export const saveDraftBody = {
  type: 'object',
  additionalProperties: false,
  properties: { revision, files },
  required: ['revision', 'files'],
} as const;

export const checkBody = { type: 'object', additionalProperties: false, properties: {} } as const;

export const draftReportParams = {
  type: 'object',
  additionalProperties: false,
  properties: { id: draftParams.properties.id, report: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['id', 'report'],
} as const;

/** The report's query as the report route takes it (period, orgUnitId, lang, the declared parameters); checked by the engine. */
export const draftReportBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    query: {
      type: 'object',
      maxProperties: 50,
      additionalProperties: { type: 'string', maxLength: 200 },
    },
  },
} as const;

const difference = {
  type: 'object',
  properties: {
    pointer: {
      type: 'string',
      description: 'Where in the case\'s expected results ("/checks/<id>", "/computed/<id>" …; "" when the case could not run)',
    },
    expected: {},
    actual: {},
  },
  required: ['pointer', 'expected', 'actual'],
} as const;

export const draftCheck = {
  type: 'object',
  properties: {
    ok: { type: 'boolean', description: 'The plugin loads and would install here, and every fixture passes' },
    errors: { type: 'array', items: errorDetail, description: 'What the pack dry run refuses, each with its file and pointer' },
    fixtures: {
      anyOf: [
        {
          type: 'object',
          properties: {
            cases: {
              type: 'array',
              items: {
                type: 'object',
                properties: { file: str, name: str, passed: { type: 'boolean' }, differences: { type: 'array', items: difference } },
                required: ['file', 'name', 'passed', 'differences'],
              },
            },
            passed: { type: 'integer' },
            failed: { type: 'integer' },
          },
          required: ['cases', 'passed', 'failed'],
        },
        { type: 'null' },
      ],
      description: 'null when the plugin does not load',
    },
  },
  required: ['ok', 'errors', 'fixtures'],
} as const;

export const publishBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    revision,
    overrideFixtures: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
      description: 'Publish although a fixture fails; the reason is kept in the audit log',
    },
  },
  required: ['revision'],
} as const;

export const published = {
  type: 'object',
  properties: {
    plugin: str,
    version: str,
    installed: { type: 'boolean', enum: [true] },
    outcome: {
      type: 'string',
      enum: ['installed', 'upgraded', 'downgraded', 'reactivated', 'unchanged'],
      description: 'As for a pack install; unchanged: that very version was already the active one',
    },
  },
  required: ['plugin', 'version', 'installed', 'outcome'],
} as const;

export const revisionQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { revision },
  required: ['revision'],
} as const;

export const deletedDraft = {
  type: 'object',
  properties: { id: str, deleted: { type: 'boolean', enum: [true] } },
  required: ['id', 'deleted'],
} as const;

export const importFolderBody = {
  type: 'object',
  additionalProperties: false,
  properties: { files },
  required: ['files'],
  description: "A plugin folder's files as the browser read them, paths relative to the folder (plugin.json at the top)",
} as const;

export const importedDraft = {
  type: 'object',
  properties: {
    draft,
    imported: {
      type: 'object',
      properties: {
        source: { type: 'string', enum: ['pack', 'folder'] },
        signature: {
          anyOf: [{ type: 'string', enum: ['trusted', 'unknown-publisher', 'unsigned'] }, { type: 'null' }],
          description: "The pack's signature as the dry run reports it; null for a folder",
        },
        packSha256: { anyOf: [str, { type: 'null' }] },
        skipped: { type: 'array', items: str, description: 'Files given that plugin.json does not name: left out' },
        version: {
          type: 'object',
          properties: { given: str, draft: str },
          required: ['given', 'draft'],
          description:
            "plugin.json's version as given, and the draft's: the next patch version when the given one is not above every installed version",
        },
      },
      required: ['source', 'signature', 'packSha256', 'skipped', 'version'],
    },
  },
  required: ['draft', 'imported'],
} as const;
