// A draft's files as the studio reads them: text by path (what the server stores and the admin edits), parsed into
// the values the plugin builder takes, and the paths one form's schema, UI schema and rules live at.
import { parse as parseYaml } from 'yaml';
import type { DraftFiles } from './studio-api';

export interface ParsedFiles {
  /** Every file parsed; a file that does not parse is left out and named in `broken`. */
  values: Record<string, unknown>;
  broken: { file: string; message: string }[];
}

export function parseFiles(files: DraftFiles): ParsedFiles {
  const values: Record<string, unknown> = {};
  const broken: ParsedFiles['broken'] = [];
  for (const [path, text] of Object.entries(files)) {
    try {
      // A plugin's files are JSON or YAML (platform/plugins/read-folder.ts SAFE_PATH).
      values[path] = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch (e) {
      broken.push({ file: path, message: (e as Error).message });
    }
  }
  return { values, broken };
}

export interface FormPaths {
  id: string;
  title: { 'zh-CN': string; en?: string };
  schema: string | null;
  uiSchema: string | null;
  rules: string[];
}

/** The manifest's forms with the files each uses (none if plugin.json does not parse). */
export function formsOf(values: Record<string, unknown>): FormPaths[] {
  const manifest = values['plugin.json'] as { forms?: unknown } | undefined;
  if (!manifest || !Array.isArray(manifest.forms)) return [];
  return manifest.forms
    .filter((f): f is Record<string, any> => !!f && typeof f === 'object' && typeof f.id === 'string')
    .map((f) => ({
      id: f.id,
      title: f.title && typeof f.title === 'object' ? f.title : { 'zh-CN': f.id },
      schema: typeof f.schema === 'string' ? f.schema : null,
      uiSchema: typeof f.uiSchema === 'string' ? f.uiSchema : null,
      rules: Array.isArray(f.rules) ? f.rules.filter((r: unknown): r is string => typeof r === 'string') : [],
    }));
}

/** The path of the plugin's English catalogue, if it has one among the draft's files. */
export function translationsPath(values: Record<string, unknown>, files: DraftFiles): string | null {
  const en = (values['plugin.json'] as { translations?: { en?: unknown } } | undefined)?.translations?.en;
  return typeof en === 'string' && en in files ? en : null;
}

/** JSON as the plugin files are written: two-space indentation and a final newline. */
export const formatJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
