// A draft's files as the admin sends them: the paths a plugin may name (relative, no `..`, JSON or YAML) and no
// more than a pack may hold. Refused whole, before anything is stored: a draft never holds what could not be
// published. plugin.json is read leniently here (a draft may be half written) for the list's id, title, version.
import { HezuoError, detail, type ErrorDetail, type LocalText } from '../errors';
import { PACK_LIMITS } from '../packs/pack-format';
import { SAFE_PATH } from '../plugins/read-folder';
import { MANIFEST_FILE } from '../plugins/types';

export type DraftFiles = Record<string, string>;

const at = (path: string) => `/files/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`;

export function checkDraftFiles(files: DraftFiles): void {
  const errors: ErrorDetail[] = [];
  const paths = Object.keys(files);
  if (paths.length > PACK_LIMITS.files)
    errors.push(
      detail('/files', `文件过多(上限 ${PACK_LIMITS.files} 个)`, `Too many files (limit ${PACK_LIMITS.files})`, {
        code: 'TOO_MANY_FILES',
        params: { limit: PACK_LIMITS.files, count: paths.length },
      }),
    );
  let total = 0;
  for (const path of paths.slice(0, PACK_LIMITS.files + 1)) {
    const text = files[path];
    if (!SAFE_PATH.test(path)) {
      errors.push(
        detail(at(path), `文件路径不允许:${path}`, `File path not allowed: ${path}`, {
          code: 'PATH_NOT_ALLOWED',
          file: path,
        }),
      );
      continue;
    }
    if (typeof text !== 'string') {
      errors.push(
        detail(at(path), `文件内容必须是文本:${path}`, `A file's content must be text: ${path}`, { code: 'NOT_TEXT', file: path }),
      );
      continue;
    }
    const bytes = Buffer.byteLength(text, 'utf8');
    total += bytes;
    if (bytes > PACK_LIMITS.fileBytes)
      errors.push(
        detail(at(path), `文件过大:${path}`, `File too large: ${path}`, {
          code: 'FILE_TOO_LARGE',
          file: path,
          params: { limit: PACK_LIMITS.fileBytes, bytes },
        }),
      );
  }
  if (total > PACK_LIMITS.totalBytes)
    errors.push(
      detail('/files', '文件总量过大', 'The files are too large in all', {
        code: 'FILE_TOO_LARGE',
        params: { limit: PACK_LIMITS.totalBytes, bytes: total },
      }),
    );
  if (!(MANIFEST_FILE in files))
    errors.push(detail(at(MANIFEST_FILE), '缺少 plugin.json', 'plugin.json is missing', { code: 'FILE_MISSING', file: MANIFEST_FILE }));
  if (errors.length) throw new HezuoError('STUDIO_FILES_INVALID', errors.slice(0, 50));
}

export interface DraftManifest {
  id?: string;
  version?: string;
  platform?: string;
  title?: LocalText;
  dependencies?: { id: string; range: string }[];
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** What plugin.json says so far, each part only when it has the right type; {} when it is not JSON yet. */
export function draftManifest(files: DraftFiles): DraftManifest {
  let pj: unknown;
  try {
    pj = JSON.parse(files[MANIFEST_FILE] ?? '');
  } catch {
    return {};
  }
  if (!pj || typeof pj !== 'object' || Array.isArray(pj)) return {};
  const m = pj as Record<string, unknown>;
  const t = m.title as Record<string, unknown> | undefined;
  const deps = Array.isArray(m.dependencies) ? m.dependencies : [];
  return {
    ...(isText(m.id) ? { id: m.id } : {}),
    ...(isText(m.version) ? { version: m.version } : {}),
    ...(isText(m.platform) ? { platform: m.platform } : {}),
    ...(t && isText(t['zh-CN']) ? { title: { 'zh-CN': t['zh-CN'], en: isText(t.en) ? t.en : t['zh-CN'] } } : {}),
    ...(deps.every((d) => d && isText(d.id) && isText(d.range)) ? { dependencies: deps as { id: string; range: string }[] } : {}),
  };
}

/** The JSON text a studio writes: two-space indents and a final newline, so a diff of an export is readable. */
export const jsonText = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
