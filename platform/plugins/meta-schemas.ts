// Step 3a of loading: every file checked against the meta-schema of its kind (schemas/*.schema.json).
// The meta-schemas reject unknown keys at every level, so a typo in a plugin is an error, not a silent default.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import Ajv from 'ajv';
import { toErrorDetails, type FormValidator } from '../forms';
import { detail, type ErrorDetail } from '../errors';
import { MANIFEST_FILE, type PluginFiles } from './read-folder';

export const SCHEMAS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas');

export type FileKind =
  | 'manifest' | 'parameters' | 'codelist' | 'calendar' | 'workflow' | 'report' | 'fixtures' | 'translations'
  | 'form-schema' | 'ui-schema' | 'rules';

const META_FILES: Partial<Record<FileKind, string>> = {
  manifest: 'plugin.schema.json',
  codelist: 'codelist.schema.json',
  calendar: 'calendar.schema.json',
  workflow: 'workflow.schema.json',
  report: 'report.schema.json',
  fixtures: 'fixtures.schema.json',
  translations: 'translations.schema.json',
  rules: 'rules.schema.json',
};

export interface MetaValidators {
  validate(kind: FileKind, file: string, value: unknown): ErrorDetail[];
}

/** Compiles the meta-schemas once; the result is immutable and shared by every load. */
export function createMetaValidators(schemasDir = SCHEMAS_DIR): MetaValidators {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const read = (name: string) => JSON.parse(readFileSync(path.join(schemasDir, name), 'utf8'));
  ajv.addSchema(read('common.schema.json'));
  const compiled = new Map<FileKind, FormValidator>();
  for (const [kind, name] of Object.entries(META_FILES) as [FileKind, string][]) {
    let schema: Record<string, unknown>;
    try {
      schema = read(name);
    } catch {
      continue; // a kind whose meta-schema this platform version lacks is refused in validate()
    }
    const validate = ajv.compile(schema);
    compiled.set(kind, (data) => (validate(data) ? [] : toErrorDetails(validate.errors ?? [], schema)));
  }
  return {
    validate(kind, file, value) {
      if (kind === 'form-schema' || kind === 'parameters') return []; // checked by the form compiler
      if (kind === 'ui-schema') {
        return value && typeof value === 'object' && !Array.isArray(value)
          ? []
          : [detail('', 'UI schema 必须是对象', 'A UI schema must be an object', { file })];
      }
      const check = compiled.get(kind);
      if (!check) {
        return [detail('', `此平台版本不支持该类文件:${kind}`, `This platform version does not support files of kind ${kind}`, { file })];
      }
      return check(value).map((d) => ({ ...d, file }));
    },
  };
}

/** The kind of each file, as the manifest uses it. */
export function fileKinds(files: PluginFiles): Map<string, FileKind> {
  const kinds = new Map<string, FileKind>([[MANIFEST_FILE, 'manifest']]);
  const m = files[MANIFEST_FILE] as Record<string, any> | undefined;
  if (!m || typeof m !== 'object') return kinds;
  const put = (p: unknown, k: FileKind) => { if (typeof p === 'string') kinds.set(p, k); };
  put(m.parameters, 'parameters');
  const lists: [string, FileKind][] = [['codeLists', 'codelist'], ['calendars', 'calendar'], ['workflows', 'workflow'], ['reports', 'report'], ['fixtures', 'fixtures']];
  for (const [key, kind] of lists) if (Array.isArray(m[key])) m[key].forEach((p: unknown) => put(p, kind));
  if (m.translations && typeof m.translations === 'object') Object.values(m.translations).forEach((p) => put(p, 'translations'));
  if (Array.isArray(m.forms)) {
    for (const f of m.forms) {
      put(f?.schema, 'form-schema');
      put(f?.uiSchema, 'ui-schema');
      if (Array.isArray(f?.rules)) f.rules.forEach((p: unknown) => put(p, 'rules'));
    }
  }
  return kinds;
}
