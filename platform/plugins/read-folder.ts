// Steps 1–2 of loading: find the plugin folders, then parse every file a manifest names into one file map.
// A plugin is kept as that map (path → parsed JSON) from here on, so a folder, a pack and a stored version
// all go through the same validation.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { detail, type ErrorDetail } from '../errors';

export type PluginFiles = Record<string, unknown>;
export const MANIFEST_FILE = 'plugin.json';

/** Folders directly under `root` that hold a plugin.json. */
export async function findPluginFolders(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(root, entry.name);
    if (await stat(path.join(dir, MANIFEST_FILE)).then(() => true, () => false)) found.push(dir);
  }
  return found.sort();
}

export function parseFileText(file: string, text: string): { value?: unknown; error?: ErrorDetail } {
  try {
    const value = /\.ya?ml$/.test(file) ? parseYaml(text, { maxAliasCount: 100 }) : JSON.parse(text);
    return { value };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { error: detail('', `文件无法解析:${reason}`, `File cannot be parsed: ${reason}`, { file, code: 'PARSE_ERROR' }) };
  }
}

/** Every relative path a manifest refers to, in a stable order. */
export function referencedFiles(manifest: unknown): string[] {
  if (!manifest || typeof manifest !== 'object') return [];
  const m = manifest as Record<string, any>;
  const out: string[] = [];
  const add = (p: unknown) => { if (typeof p === 'string' && !out.includes(p)) out.push(p); };
  add(m.parameters);
  for (const key of ['codeLists', 'calendars', 'workflows', 'reports', 'fixtures']) {
    if (Array.isArray(m[key])) m[key].forEach(add);
  }
  if (m.translations && typeof m.translations === 'object') Object.values(m.translations).forEach(add);
  if (Array.isArray(m.forms)) {
    for (const f of m.forms) {
      if (!f || typeof f !== 'object') continue;
      add(f.schema);
      add(f.uiSchema);
      if (Array.isArray(f.rules)) f.rules.forEach(add);
    }
  }
  return out;
}

const SAFE_PATH = /^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]+\.(json|ya?ml)$/;

/** Parse plugin.json and everything it names. Errors are collected, never thrown. */
export async function readPluginFolder(dir: string): Promise<{ files: PluginFiles; errors: ErrorDetail[] }> {
  const files: PluginFiles = {};
  const errors: ErrorDetail[] = [];
  const load = async (rel: string) => {
    if (!SAFE_PATH.test(rel)) {
      errors.push(detail('', `文件路径不允许:${rel}`, `File path not allowed: ${rel}`, { file: MANIFEST_FILE }));
      return;
    }
    let text: string;
    try {
      text = await readFile(path.join(dir, rel), 'utf8');
    } catch {
      errors.push(detail('', `找不到文件:${rel}`, `File not found: ${rel}`, { file: rel, code: 'FILE_MISSING' }));
      return;
    }
    const { value, error } = parseFileText(rel, text);
    if (error) errors.push(error);
    else files[rel] = value;
  };
  await load(MANIFEST_FILE);
  for (const rel of referencedFiles(files[MANIFEST_FILE])) await load(rel);
  return { files, errors };
}
