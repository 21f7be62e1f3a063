// Steps 1–2 of loading: find the plugin folders, then parse every file a manifest names into one file map.
// A plugin is kept as that map (path → parsed JSON) from here on, so a folder, a pack and a stored version
// all go through the same validation.
import { constants } from 'node:fs';
import { lstat, open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { detail, type ErrorDetail } from '../errors';
import { jsonErrorOffset, lineColumn } from './json-error-position';
import { checkFileShape, schemaFiles } from './file-shape-limits';
import { MANIFEST_FILE } from './types';

export type PluginFiles = Record<string, unknown>;
export { MANIFEST_FILE };

/**
 * Limits on what a plugin folder may make the loader read. The largest bundled file is about 60 KB and the
 * largest plugin about 200 KB in 20 files, so these leave two orders of magnitude of room; a plugin past them
 * is a mistake or an attack, refused before it costs memory.
 */
export const PLUGIN_FILE_LIMITS = Object.freeze({
  fileBytes: 4 * 1024 * 1024,
  totalBytes: 32 * 1024 * 1024,
  files: 1_000,
});
const MAX_YAML_ALIASES = 100;

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

/** Why a parse failed, at a line and column, never quoting the text (a plugin's content is not echoed). */
function parseError(file: string, kind: string, where: { line: number; column: number } | null, reason: string): ErrorDetail {
  const at = where ? `第 ${where.line} 行第 ${where.column} 列` : '';
  const atEn = where ? ` at line ${where.line}, column ${where.column}` : '';
  return detail('', `文件无法解析${at ? `(${at})` : ''}:${kind} ${reason}`, `File cannot be parsed${atEn}: ${kind} ${reason}`, {
    file, code: 'PARSE_ERROR', ...(where ? { params: { ...where } } : {}),
  });
}

/** JSON.parse, or where the text goes wrong (JSON.parse's own messages quote the text). */
function parseJson(file: string, text: string): { value?: unknown; error?: ErrorDetail } {
  try {
    return { value: JSON.parse(text) };
  } catch {
    let offset = -1;
    try {
      offset = jsonErrorOffset(text);
    } catch {
      // a pathological text defeats the scanner: report the file without a position
    }
    return { error: parseError(file, 'JSON', offset < 0 ? null : lineColumn(text, offset), 'syntax error') }; // (kind and reason stay as written: they are the format's own terms)
  }
}

/**
 * YAML with the core schema only: no custom tags (an unknown tag is an error, not a string), no merge keys,
 * unique keys, and aliases bounded (`maxAliasCount`), so a few lines cannot expand into a huge tree.
 */
function parseYamlText(file: string, text: string): { value?: unknown; error?: ErrorDetail } {
  const doc = parseDocument(text, { schema: 'core', merge: false, uniqueKeys: true }); // (prettyErrors, the default, computes linePos; its message, quoting the text, is not used)
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const pos = problem.linePos?.[0];
    return { error: parseError(file, 'YAML', pos ? { line: pos.line, column: pos.col } : null, problem.code) };
  }
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch {
    return { error: parseError(file, 'YAML', null, `aliases expand too far (over ${MAX_YAML_ALIASES})`) };
  }
}

export function parseFileText(file: string, text: string): { value?: unknown; error?: ErrorDetail } {
  return /\.ya?ml$/.test(file) ? parseYamlText(file, text) : parseJson(file, text);
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

/** The paths a plugin may name: relative, no `..`, plain characters, a JSON or YAML file. */
export const SAFE_PATH = /^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]+\.(json|ya?ml)$/;

export type Read = { text: string } | { error: ErrorDetail };

/**
 * Where a plugin's files come from: a folder on disk, or the files of a pack held in memory. `read` spends the
 * bytes it returns from `budget` and refuses a file past the per-file limit or the remaining budget.
 */
export interface PluginFileSource {
  read(rel: string, budget: { bytes: number }): Promise<Read>;
}

/**
 * Reads `rel` inside `dir` without following any symbolic link: every folder on the way and the file itself
 * must be real (lstat), and the file is opened with O_NOFOLLOW so a link swapped in afterwards is not
 * followed either. Links are refused outright, even ones pointing inside the folder: simplest to reason about,
 * and a plugin never needs one.
 */
async function readContained(dir: string, rel: string, budget: { bytes: number }): Promise<Read> {
  const parts = rel.split('/');
  let at = dir;
  for (let i = 0; i < parts.length; i++) {
    at = path.join(at, parts[i]);
    const info = await lstat(at).catch(() => null);
    if (!info) return { error: detail('', `找不到文件:${rel}`, `File not found: ${rel}`, { file: rel, code: 'FILE_MISSING' }) };
    if (info.isSymbolicLink()) {
      return { error: detail('', `插件文件不能是符号链接:${rel}`, `Plugin files cannot be symbolic links: ${rel}`, { file: rel, code: 'FILE_SYMLINK' }) };
    }
    const last = i === parts.length - 1;
    if (last ? !info.isFile() : !info.isDirectory()) {
      return { error: detail('', `不是普通文件:${rel}`, `Not a regular file: ${rel}`, { file: rel, code: 'FILE_MISSING' }) };
    }
  }
  const handle = await open(at, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch(() => null);
  if (!handle) return { error: detail('', `无法读取文件:${rel}`, `File cannot be read: ${rel}`, { file: rel, code: 'FILE_MISSING' }) };
  try {
    const { size } = await handle.stat();
    const limit = Math.min(PLUGIN_FILE_LIMITS.fileBytes, budget.bytes);
    if (size > limit) return { error: tooLarge(rel, size > PLUGIN_FILE_LIMITS.fileBytes) };
    // Read at most one byte past the limit: a file that grew since the stat is still caught.
    const buffer = Buffer.alloc(limit + 1);
    const { bytesRead } = await handle.read(buffer, 0, limit + 1, 0);
    if (bytesRead > limit) return { error: tooLarge(rel, bytesRead > PLUGIN_FILE_LIMITS.fileBytes) };
    budget.bytes -= bytesRead;
    return { text: buffer.subarray(0, bytesRead).toString('utf8') };
  } finally {
    await handle.close();
  }
}

export function tooLarge(rel: string, oneFile: boolean): ErrorDetail {
  const mb = (n: number) => `${n / 1024 / 1024} MiB`;
  return oneFile
    ? detail('', `文件过大(上限 ${mb(PLUGIN_FILE_LIMITS.fileBytes)}):${rel}`, `File too large (limit ${mb(PLUGIN_FILE_LIMITS.fileBytes)}): ${rel}`, { file: rel, code: 'FILE_TOO_LARGE' })
    : detail('', `插件文件总量过大(上限 ${mb(PLUGIN_FILE_LIMITS.totalBytes)})`, `The plugin's files are too large in all (limit ${mb(PLUGIN_FILE_LIMITS.totalBytes)})`, { file: rel, code: 'FILE_TOO_LARGE' });
}

/** A plugin folder on disk, read without following links (readContained). */
export function folderSource(dir: string): PluginFileSource {
  return { read: (rel, budget) => readContained(dir, rel, budget) };
}

/** Parse plugin.json and everything it names. Errors are collected, never thrown. */
export async function readPluginFolder(dir: string): Promise<{ files: PluginFiles; errors: ErrorDetail[] }> {
  return readPluginFiles(folderSource(dir));
}

/**
 * Parse plugin.json and everything it names from any source; `texts` keeps each file's text as read (a pack is
 * built from these, so its hashes are those of the files on disk). Errors are collected, never thrown.
 */
export async function readPluginFiles(
  source: PluginFileSource,
): Promise<{ files: PluginFiles; texts: Record<string, string>; errors: ErrorDetail[] }> {
  const files: PluginFiles = {};
  const texts: Record<string, string> = {};
  const errors: ErrorDetail[] = [];
  const budget = { bytes: PLUGIN_FILE_LIMITS.totalBytes };
  let schemas = new Set<string>();
  const load = async (rel: string) => {
    if (!SAFE_PATH.test(rel)) {
      errors.push(detail('', `文件路径不允许:${rel}`, `File path not allowed: ${rel}`, { file: MANIFEST_FILE }));
      return;
    }
    const read = await source.read(rel, budget);
    if ('error' in read) {
      errors.push(read.error);
      return;
    }
    texts[rel] = read.text;
    const { value, error } = parseFileText(rel, read.text);
    const shape = error ? [error] : checkFileShape(rel, value, schemas.has(rel));
    if (shape.length) errors.push(...shape);
    else files[rel] = value;
  };
  await load(MANIFEST_FILE);
  schemas = schemaFiles(files[MANIFEST_FILE]);
  const names = referencedFiles(files[MANIFEST_FILE]);
  if (names.length + 1 > PLUGIN_FILE_LIMITS.files) {
    errors.push(detail('', `插件文件过多(上限 ${PLUGIN_FILE_LIMITS.files} 个)`, `The plugin names too many files (limit ${PLUGIN_FILE_LIMITS.files})`, { file: MANIFEST_FILE, code: 'FILE_TOO_LARGE' }));
    return { files, texts, errors };
  }
  for (const rel of names) await load(rel);
  return { files, texts, errors };
}
