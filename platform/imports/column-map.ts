// Which column fills which field. Each header names targets at levels, the first level naming it wins: the mapping
// sent with the import, the columns the form declares (import.columns, aliases in both languages), the org-unit
// column (import.orgUnitColumn, or the platform's 组织机构 / Org unit), a JSON pointer (/membership/memberCount),
// the path of titles (成员与出资/成员出资总额), the field's title in zh-CN or en; then the same without bracketed
// units and hints (header-words.ts). A column's header may be a path itself (a two-level header: 成员情况 over
// 成员总数); it is looked up whole, as group/leaf, then by its leaf. A header naming two fields at its level is
// ambiguous and fills neither (never silently picked); a header naming none is ignored and listed with the most
// similar field title.
import { HezuoError, detail, type ErrorDetail, type LocalText } from '../errors';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { importFields, type ImportField } from './form-fields';
import { schemaAt } from '../plugins/check-import-declaration';
import { headerUnit, nearestField, normHeader, strippedHeader } from './header-words';
import type { HeaderMatcher } from '../spreadsheets/read-table';
import { templateHeaders } from './template-columns';

/** Normalised cell text → value, from the column declaration's `aliases` (checked against the field at load). */
export type ValueAliases = ReadonlyMap<string, unknown>;
/** A list-of-objects column's item field: each part of the cell fills it in one object (import.columns[].item). */
export interface ItemField {
  pointer: string;
  schema: Record<string, any>;
}
export type ColumnTarget =
  | {
      kind: 'field';
      field: ImportField;
      aliases?: ValueAliases;
      item?: ItemField;
      keyOf?: string;
      /** The column's header as title path: ['成员情况', '成员总数(人)'], or one title. */
      headerPath: string[];
      /** The unit the header's brackets give (元, 万元, 人…): the value converter scales by it. */
      headerUnit?: string;
    }
  | { kind: 'orgUnit'; headerPath: string[] }
  | { kind: 'ignored' };
/** A column filling no field: 0-based column, its header, the most similar field (pointer and title path). */
export interface IgnoredColumn {
  column: number;
  header: string;
  nearest?: { field: string; title: LocalText };
}
/** A column whose header names two or more fields at the same level: it fills none until a mapping says which. */
export interface AmbiguousColumn {
  column: number;
  header: string;
  fields: { field: string; title: LocalText }[];
}
export interface ColumnMap {
  targets: ColumnTarget[];
  ignored: IgnoredColumn[];
  ambiguous: AmbiguousColumn[];
  orgUnitColumn: number | null;
  fields: ImportField[];
}

export const ORG_UNIT_HEADERS = ['组织机构', 'Org unit', 'orgUnit'];
export const ORG_UNIT_TARGET = 'orgUnit';

export { normHeader } from './header-words';
const list = (h: string | string[] | undefined) => (h === undefined ? [] : Array.isArray(h) ? h : [h]);
const invalid = (details: ErrorDetail[]) => new HezuoError('IMPORT_MAPPING_INVALID', details);

/** A mapping sent by a client: {"<header>": "<pointer>" | "orgUnit"}. */
export function parseMapping(raw: unknown): Record<string, string> | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let v = raw;
  if (typeof raw === 'string') {
    try {
      v = JSON.parse(raw);
    } catch {
      throw invalid([detail('/mapping', '映射不是合法的 JSON', 'The mapping is not valid JSON')]);
    }
  }
  if (!v || typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw invalid([
      detail('/mapping', '映射应为 {"表头": "/字段指针"} 形式的对象', 'The mapping must be an object {"header": "/pointer"}'),
    ]);
  }
  return v as Record<string, string>;
}

// Levels of a lookup key, most binding first.
const MAPPING = 0;
const DECLARED = 1;
const ORG_UNIT = 2;
const POINTER = 3;
const PATH = 4;
const TITLE = 5;
const STRIPPED = 6;

interface Lookup {
  /** normalised header → the level naming it and the targets named there (pointers or 'orgUnit'). */
  keys: Map<string, { level: number; targets: Set<string> }>;
  fields: ImportField[];
  errors: ErrorDetail[];
}

function buildLookup(
  plugin: PluginDefinition,
  form: FormDefinition,
  mapping: Record<string, string> | undefined,
  header?: string[],
): Lookup {
  const fields = importFields(plugin, form);
  const byPointer = new Set(fields.map((f) => f.pointer));
  const errors: ErrorDetail[] = [];
  const keys: Lookup['keys'] = new Map();
  const put = (k: string, target: string, level: number) => {
    if (!k) return;
    const have = keys.get(k);
    if (!have || have.level > level) keys.set(k, { level, targets: new Set([target]) });
    else if (have.level === level) have.targets.add(target);
  };
  // Names are also looked up without their bracketed parts, at the weakest level.
  const add = (h: string, target: string, level: number) => {
    put(normHeader(h), target, level);
    if (level > MAPPING) put(strippedHeader(h), target, STRIPPED);
  };
  const normalizedHeader = header?.map(normHeader);
  for (const [h, target] of Object.entries(mapping ?? {})) {
    if (normalizedHeader && !normalizedHeader.includes(normHeader(h)))
      errors.push(detail(`/mapping/${h}`, `文件中没有列“${h}”`, `The file has no column "${h}"`));
    if (target !== ORG_UNIT_TARGET && !byPointer.has(target)) {
      errors.push(
        detail(`/mapping/${h}`, `映射的字段 ${target} 不存在或不能导入`, `The mapping names ${target}, which is not an importable field`),
      );
    } else {
      add(h, target, MAPPING);
    }
  }
  const decl = form.manifest.import;
  for (const c of decl?.columns ?? []) for (const h of list(c.header)) add(h, c.pointer, DECLARED);
  for (const h of [...list(decl?.orgUnitColumn), ...ORG_UNIT_HEADERS]) add(h, ORG_UNIT_TARGET, ORG_UNIT);
  for (const f of fields) put(normHeader(f.pointer), f.pointer, POINTER);
  for (const f of fields) for (const p of [f.path['zh-CN'], f.path.en]) add(p, f.pointer, PATH);
  for (const f of fields) for (const t of [f.title['zh-CN'], f.title.en]) add(t, f.pointer, TITLE);
  // The import template's headers (template-columns.ts): titles with their units, "成员出资总额(元)".
  for (const h of templateHeaders(fields)) for (const l of ['zh-CN', 'en'] as const) add(h.header[l], h.pointer, TITLE);
  return { keys, fields, errors };
}

/** The texts a column's header is looked up by, most specific first: whole path, group/leaf, leaf. */
function candidates(path: readonly string[]): string[] {
  const out = [path.join('/')];
  if (path.length > 2) out.push(path.slice(-2).join('/'));
  if (path.length > 1) out.push(path[path.length - 1]);
  return out;
}

/** The targets a header path names: the first candidate text any level knows, exactly or without brackets. */
function resolve(lookup: Lookup, path: readonly string[]): Set<string> | null {
  for (const c of candidates(path)) {
    for (const k of [normHeader(c), strippedHeader(c)]) {
      const hit = k ? lookup.keys.get(k) : undefined;
      if (hit) return hit.targets;
    }
  }
  return null;
}

/** For the table finder: whether a header cell's title path names a column of the form (ambiguous ones too). */
export function headerMatcher(plugin: PluginDefinition, form: FormDefinition, mapping?: Record<string, string>): HeaderMatcher {
  const lookup = buildLookup(plugin, form, mapping);
  return (path) => resolve(lookup, path) !== null;
}

/**
 * Maps the columns of a header (cells as text; a two-level cell as 'group/sub', its path in `paths`) to the form's
 * fields. Refuses a mapping naming unknown columns or fields, two columns filling one field, a file whose columns
 * fill no field, a missing key column.
 */
export function mapColumns(
  plugin: PluginDefinition,
  form: FormDefinition,
  header: string[],
  mapping?: Record<string, string>,
  paths?: string[][],
): ColumnMap {
  const lookup = buildLookup(plugin, form, mapping, header);
  const { fields, errors } = lookup;
  const byPointer = new Map(fields.map((f) => [f.pointer, f]));
  const decl = form.manifest.import;
  const aliases = new Map<string, ValueAliases>();
  const declared = new Map((decl?.columns ?? []).map((c) => [c.pointer, c]));
  for (const c of decl?.columns ?? [])
    if (c.aliases) aliases.set(c.pointer, new Map(Object.entries(c.aliases).map(([text, v]) => [normHeader(text), v])));
  const itemOf = (pointer: string): ItemField | undefined => {
    const c = declared.get(pointer);
    const items = c?.item ? byPointer.get(pointer)?.schema.items : undefined;
    const schema = items && c?.item ? schemaAt(items, c.item) : undefined;
    return schema && c?.item ? { pointer: c.item, schema } : undefined;
  };
  const titled = (p: string) => ({ field: p, title: byPointer.get(p)?.path ?? { 'zh-CN': p, en: p } });

  const targets: ColumnTarget[] = [];
  const ignored: IgnoredColumn[] = [];
  const ambiguous: AmbiguousColumn[] = [];
  const claimed = new Map<string, number>();
  let orgUnitColumn: number | null = null;
  header.forEach((h, i) => {
    const path = paths?.[i]?.length ? paths[i] : h === '' ? [] : [h];
    const named = path.length ? resolve(lookup, path) : null;
    if (named && named.size > 1) {
      targets.push({ kind: 'ignored' });
      ambiguous.push({ column: i, header: h, fields: [...named].map(titled) });
      return;
    }
    const target = named ? [...named][0] : undefined;
    if (target === undefined) {
      targets.push({ kind: 'ignored' });
      if (h !== '') {
        const nearest = nearestField(path[path.length - 1], fields);
        ignored.push({ column: i, header: h, ...(nearest ? { nearest } : {}) });
      }
      return;
    }
    if (claimed.has(target)) {
      errors.push(
        detail(
          `/columns/${i}`,
          `列“${h}”与第 ${claimed.get(target)! + 1} 列对应同一字段 ${target}`,
          `Column "${h}" maps to ${target}, as column ${claimed.get(target)! + 1} does`,
        ),
      );
    }
    claimed.set(target, i);
    if (target === ORG_UNIT_TARGET) {
      orgUnitColumn = i;
      targets.push({ kind: 'orgUnit', headerPath: path });
    } else {
      const unit = headerUnit(path);
      targets.push({
        kind: 'field',
        field: byPointer.get(target)!,
        aliases: aliases.get(target),
        item: itemOf(target),
        keyOf: declared.get(target)?.keyOf,
        headerPath: path,
        ...(unit ? { headerUnit: unit } : {}),
      });
    }
  });
  if (!targets.some((t) => t.kind === 'field')) {
    errors.push(
      detail(
        '/columns',
        '没有任何列能对应到表单字段(表头应为字段名称或字段指针)',
        'No column maps to a field of the form (headers must be field titles or pointers)',
      ),
    );
  }
  for (const p of naturalKeyPointers(form)) {
    if (!targets.some((t) => t.kind === 'field' && t.field.pointer === p)) {
      const f = byPointer.get(p);
      errors.push(detail(p, `缺少关键字段“${f?.title['zh-CN'] ?? p}”所在的列`, `The key column "${f?.title.en ?? p}" is missing`));
    }
  }
  if (errors.length) throw invalid(errors);
  return { targets, ignored, ambiguous, orgUnitColumn, fields };
}

/** The data pointers that identify a record in a period: import.key, else the subject of a one-per-subject form. */
export function naturalKeyPointers(form: FormDefinition): string[] {
  if (form.manifest.import?.key) return form.manifest.import.key;
  if (form.manifest.uniquePer === 'subject' && form.manifest.subject) return [form.manifest.subject];
  return [];
}
