// Which kind each file of a plugin is (the manifest says), and which meta-schema (schemas/*.schema.json) checks it.
// Browser-safe: the studio lints a file as one types against the same meta-schema the loader uses.
import { MANIFEST_FILE } from './types';

export type FileKind =
  | 'manifest' | 'parameters' | 'codelist' | 'calendar' | 'workflow' | 'report' | 'fixtures' | 'translations'
  | 'form-schema' | 'ui-schema' | 'rules';

/** The meta-schema file of each kind checked by one (form schemas and parameters: by the form compiler). */
export const META_FILES: Partial<Record<FileKind, string>> = {
  manifest: 'plugin.schema.json',
  codelist: 'codelist.schema.json',
  calendar: 'calendar.schema.json',
  workflow: 'workflow.schema.json',
  report: 'report.schema.json',
  fixtures: 'fixtures.schema.json',
  translations: 'translations.schema.json',
  rules: 'rules.schema.json',
};

/** The kind of each file, as the manifest uses it. */
export function fileKinds(files: Record<string, unknown>): Map<string, FileKind> {
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
