// A mapping the user fixed in the preview: {"<column index or header>": "<pointer>" | "orgUnit" | null}, null = do
// not import that column. It is checked here (every key names one column, every target an importable field, no
// field twice) and then handed to column-map's mapColumns in the shape it already takes: a column not imported gets
// an empty header (mapColumns skips it) and a column whose header text appears twice gets a unique stand-in name,
// so the override names exactly the column the user chose.
import { HezuoError, detail, type ErrorDetail } from '../errors';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { ORG_UNIT_TARGET, normHeader } from './column-map';
import { importFields } from './form-fields';

export type UserMapping = Record<string, string | null>;

/** Keys at most: a file has at most this many columns worth naming (the table limits allow fewer). */
const MAX_KEYS = 1000;
const invalid = (details: ErrorDetail[]) => new HezuoError('IMPORT_MAPPING_INVALID', details);

/** The mapping field of a request (JSON text or an object); undefined when absent or empty. */
export function parseUserMapping(raw: unknown): UserMapping | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let v = raw;
  if (typeof raw === 'string') {
    try {
      v = JSON.parse(raw);
    } catch {
      throw invalid([detail('/mapping', '映射不是合法的 JSON', 'The mapping is not valid JSON')]);
    }
  }
  const entries = v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : null;
  if (!entries || entries.length > MAX_KEYS || entries.some(([, x]) => x !== null && typeof x !== 'string'))
    throw invalid([
      detail(
        '/mapping',
        '映射应为 {"列序号或表头": "/字段指针" 或 null} 形式的对象',
        'The mapping must be an object {"column index or header": "/pointer" or null}',
      ),
    ]);
  return entries.length ? (Object.fromEntries(entries) as UserMapping) : undefined;
}

/** Longer keys are no header a person typed; the refusal then does not echo them. */
const MAX_KEY_CHARS = 200;
const pointerTo = (key: string) => `/mapping/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** The column a key names: digits are a 0-based column index, anything else a header (which must be unique). */
function columnOf(key: string, header: string[], errors: ErrorDetail[]): number | null {
  const at = pointerTo(key);
  if (key.length > MAX_KEY_CHARS) {
    errors.push(detail('/mapping', `映射的键超过 ${MAX_KEY_CHARS} 个字符`, `A mapping key is longer than ${MAX_KEY_CHARS} characters`));
    return null;
  }
  if (/^\d+$/.test(key)) {
    const i = Number(key);
    if (i < header.length) return i;
    errors.push(
      detail(at, `文件只有 ${header.length} 列,没有第 ${i + 1} 列`, `The file has ${header.length} columns, not column ${i + 1}`),
    );
    return null;
  }
  const k = normHeader(key);
  const hits = header.flatMap((h, i) => (h !== '' && normHeader(h) === k ? [i] : []));
  if (hits.length === 1) return hits[0];
  if (hits.length === 0) errors.push(detail(at, `文件中没有列“${key}”`, `The file has no column "${key}"`));
  else
    errors.push(
      detail(
        at,
        `文件中有 ${hits.length} 列都叫“${key}”,请用列序号指明`,
        `${hits.length} columns are headed "${key}"; name the column by its index`,
      ),
    );
  return null;
}

/** Each column's override: a pointer, 'orgUnit', or null (not imported); undefined where the user said nothing. */
export function resolveUserMapping(
  plugin: PluginDefinition,
  form: FormDefinition,
  header: string[],
  mapping: UserMapping | undefined,
): (string | null | undefined)[] {
  const out: (string | null | undefined)[] = header.map(() => undefined);
  if (!mapping) return out;
  const pointers = new Set(importFields(plugin, form).map((f) => f.pointer));
  const errors: ErrorDetail[] = [];
  const byTarget = new Map<string, string>();
  const byColumn = new Map<number, string>();
  for (const [key, target] of Object.entries(mapping)) {
    const at = key.length > MAX_KEY_CHARS ? '/mapping' : pointerTo(key);
    const col = columnOf(key, header, errors);
    if (target !== null && target !== ORG_UNIT_TARGET && !pointers.has(target)) {
      errors.push(detail(at, `映射的字段 ${target} 不存在或不能导入`, `The mapping names ${target}, which is not an importable field`));
      continue;
    }
    if (target !== null && byTarget.has(target)) {
      errors.push(
        detail(
          at,
          `字段 ${target} 已由“${byTarget.get(target)}”映射,一个字段只能对应一列`,
          `${target} is already mapped by "${byTarget.get(target)}"; one column per field`,
        ),
      );
      continue;
    }
    if (col === null) continue;
    if (byColumn.has(col)) {
      errors.push(
        detail(at, `第 ${col + 1} 列已由“${byColumn.get(col)}”映射`, `Column ${col + 1} is already mapped by "${byColumn.get(col)}"`),
      );
      continue;
    }
    byColumn.set(col, key);
    if (target !== null) byTarget.set(target, key);
    out[col] = target;
  }
  if (errors.length) throw invalid(errors);
  return out;
}

/**
 * The header and header-keyed mapping to give mapColumns so that it applies the user's override: a column not
 * imported is blanked, an overridden column whose header text is not unique gets a stand-in name.
 */
export function overriddenHeader(
  header: string[],
  overrides: (string | null | undefined)[],
): { header: string[]; mapping: Record<string, string> | undefined } {
  const count = new Map<string, number>();
  for (const h of header) count.set(normHeader(h), (count.get(normHeader(h)) ?? 0) + 1);
  const mapping: Record<string, string> = {};
  const out = header.map((h, i) => {
    const o = overrides[i];
    if (o === undefined) return h;
    if (o === null) return '';
    const name = h !== '' && count.get(normHeader(h)) === 1 ? h : `${h || '#'}〔${i + 1}〕`;
    mapping[name] = o;
    return name;
  });
  return { header: out, mapping: Object.keys(mapping).length ? mapping : undefined };
}

/**
 * Header-keyed targets of a user mapping, for the table finder: a header the user named counts as a column of the
 * form while the sheet and header row are looked for (indexes and "not imported" say nothing about where it is).
 */
export function mappingHints(mapping: UserMapping | undefined): Record<string, string> | undefined {
  const hints = Object.entries(mapping ?? {}).filter((e): e is [string, string] => e[1] !== null && !/^\d+$/.test(e[0]));
  return hints.length ? Object.fromEntries(hints) : undefined;
}

/**
 * What mapColumns gets once the user's overrides are applied: the header, its header-keyed mapping, and the title
 * paths of a two-level header — an overridden or blanked column is known by its (stand-in) header alone, since a
 * path would otherwise still match the field the user moved it away from.
 */
export function applyUserMapping(
  header: string[],
  paths: string[][] | undefined,
  overrides: (string | null | undefined)[],
): { header: string[]; mapping: Record<string, string> | undefined; paths: string[][] | undefined } {
  const fixed = overriddenHeader(header, overrides);
  const fixedPaths = paths?.map((p, i) => (overrides[i] === undefined ? p : fixed.header[i] === '' ? [] : [fixed.header[i]]));
  return { ...fixed, paths: fixedPaths };
}
