// A plugin file checked against the meta-schema of its kind as one types, with the loader's own check
// (platform/plugins/meta-validators.ts) on the same schemas/*.schema.json files, imported here rather than copied:
// the studio and a load can never disagree. Each problem is placed at its pointer in the text (json-pointer-range.ts).
// The studio is a lazy chunk, so only an admin who opens it downloads the schemas.
import { checkFormSchema, createFormAjv } from '../../../platform/forms';
import type { ErrorDetail, LocalText } from '../../../platform/errors';
import { fileKinds, type FileKind } from '../../../platform/plugins/file-kinds';
import { metaValidatorsOf, type MetaValidators } from '../../../platform/plugins/meta-validators';
import calendar from '../../../schemas/calendar.schema.json';
import codelist from '../../../schemas/codelist.schema.json';
import common from '../../../schemas/common.schema.json';
import fixtures from '../../../schemas/fixtures.schema.json';
import plugin from '../../../schemas/plugin.schema.json';
import report from '../../../schemas/report.schema.json';
import rules from '../../../schemas/rules.schema.json';
import translations from '../../../schemas/translations.schema.json';
import workflow from '../../../schemas/workflow.schema.json';
import { pointerRange, type TextRange } from './json-pointer-range';

const SCHEMAS: Record<string, unknown> = {
  'calendar.schema.json': calendar,
  'codelist.schema.json': codelist,
  'common.schema.json': common,
  'fixtures.schema.json': fixtures,
  'plugin.schema.json': plugin,
  'report.schema.json': report,
  'rules.schema.json': rules,
  'translations.schema.json': translations,
  'workflow.schema.json': workflow,
};

export interface TextProblem extends TextRange {
  message: LocalText;
}

// One set of compiled meta-schemas for the page: each compiled the first time a file of its kind is checked, not
// per keystroke.
let meta: MetaValidators | null = null;
const metaValidators = () =>
  (meta ??= metaValidatorsOf((name) => {
    const schema = SCHEMAS[name];
    if (!schema) throw new Error(`no meta-schema ${name}`);
    // ajv keeps a reference to what it compiles; the imported module object is shared, so it gets its own copy.
    return structuredClone(schema) as Record<string, unknown>;
  }));

let formAjv: ReturnType<typeof createFormAjv> | null = null;

/** The kind of `path` in a draft's files (from its plugin.json), or null for a file the manifest does not name. */
export function kindOf(files: Record<string, string>, path: string): FileKind | null {
  let manifest: unknown;
  try {
    manifest = JSON.parse(files['plugin.json'] ?? '');
  } catch {
    return path === 'plugin.json' ? 'manifest' : null;
  }
  return fileKinds({ 'plugin.json': manifest }).get(path) ?? null;
}

/** What the loader's meta-schema check says of a file's parsed value. */
export function metaProblems(kind: FileKind, file: string, value: unknown): ErrorDetail[] {
  // A form or parameter schema is checked by the form compiler, on one ajv for the page (making one costs more
  // than checking a large form). ajv keeps what it compiled, and each keystroke's schema is a new object: removed
  // after the check, so typing does not pile them up.
  if (kind === 'form-schema' || kind === 'parameters') {
    const ajv = (formAjv ??= createFormAjv());
    try {
      return checkFormSchema(ajv, value).map((d) => ({ ...d, file }));
    } finally {
      if (value && typeof value === 'object') ajv.removeSchema(value as object);
    }
  }
  return metaValidators().validate(kind, file, value);
}

/** The meta-schema problems of a file's text, each at its place; [] when the text is not JSON (a parse error of its own). */
export function textProblems(kind: FileKind, file: string, text: string): TextProblem[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  return metaProblems(kind, file, value).map((d) => {
    const onKey = d.keyword === 'additionalProperties' || d.keyword === 'propertyNames';
    const range = pointerRange(text, d.pointer, onKey) ?? { from: 0, to: Math.min(1, text.length) };
    const at = d.pointer || '/';
    return { ...range, message: { 'zh-CN': `${d.message['zh-CN']}(${at})`, en: `${d.message.en} (${at})` } };
  });
}
