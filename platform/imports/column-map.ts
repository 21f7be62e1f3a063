// Which column fills which field. Per header, first match wins: the mapping sent with the import, the columns the
// form declares (import.columns, aliases in both languages), the org-unit column (import.orgUnitColumn, or the
// platform's 组织机构 / Org unit), a JSON pointer (/membership/memberCount), the field's title in zh-CN or en when
// only one field has it, and the path of titles (成员与出资/成员出资总额). Headers compare after NFKC (full-width
// brackets = ASCII ones), without spaces and case. Unmatched columns are ignored and listed in the result.
import { HezuoError, detail, type ErrorDetail } from '../errors';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { importFields, type ImportField } from './form-fields';
import { schemaAt } from '../plugins/check-import-declaration';
import { templateHeaders } from './template-columns';

/** Normalised cell text → value, from the column declaration's `aliases` (checked against the field at load). */
export type ValueAliases = ReadonlyMap<string, unknown>;
/** A list-of-objects column's item field: each part of the cell fills it in one object (import.columns[].item). */
export interface ItemField {
  pointer: string;
  schema: Record<string, any>;
}
export type ColumnTarget =
  | { kind: 'field'; field: ImportField; aliases?: ValueAliases; item?: ItemField; keyOf?: string }
  | { kind: 'orgUnit' }
  | { kind: 'ignored' };
export interface ColumnMap {
  targets: ColumnTarget[];
  ignored: string[];
  orgUnitColumn: number | null;
  fields: ImportField[];
}

export const ORG_UNIT_HEADERS = ['组织机构', 'Org unit', 'orgUnit'];
export const ORG_UNIT_TARGET = 'orgUnit';

export const normHeader = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
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

export function mapColumns(plugin: PluginDefinition, form: FormDefinition, header: string[], mapping?: Record<string, string>): ColumnMap {
  const fields = importFields(plugin, form);
  const byPointer = new Map(fields.map((f) => [f.pointer, f]));
  const errors: ErrorDetail[] = [];
  const lookup = new Map<string, string>(); // normalised header → pointer or 'orgUnit', by precedence
  const add = (h: string, target: string) => {
    const k = normHeader(h);
    if (!lookup.has(k)) lookup.set(k, target);
  };

  const normalizedHeader = header.map(normHeader);
  for (const [h, target] of Object.entries(mapping ?? {})) {
    if (!normalizedHeader.includes(normHeader(h)))
      errors.push(detail(`/mapping/${h}`, `文件中没有列“${h}”`, `The file has no column "${h}"`));
    if (target !== ORG_UNIT_TARGET && !byPointer.has(target)) {
      errors.push(
        detail(`/mapping/${h}`, `映射的字段 ${target} 不存在或不能导入`, `The mapping names ${target}, which is not an importable field`),
      );
    } else {
      add(h, target);
    }
  }
  const decl = form.manifest.import;
  for (const c of decl?.columns ?? []) for (const h of list(c.header)) add(h, c.pointer);
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
  for (const h of [...list(decl?.orgUnitColumn), ...ORG_UNIT_HEADERS]) add(h, ORG_UNIT_TARGET);
  for (const f of fields) add(f.pointer, f.pointer);
  // A title two fields share names neither; their title paths still do.
  const titleCount = new Map<string, number>();
  for (const f of fields)
    for (const t of new Set([f.title['zh-CN'], f.title.en].map(normHeader))) titleCount.set(t, (titleCount.get(t) ?? 0) + 1);
  for (const f of fields) for (const t of [f.title['zh-CN'], f.title.en]) if (titleCount.get(normHeader(t)) === 1) add(t, f.pointer);
  for (const f of fields) {
    add(f.path['zh-CN'], f.pointer);
    add(f.path.en, f.pointer);
  }
  // The import template's headers (template-columns.ts): titles with their units, "成员出资总额(元)".
  for (const h of templateHeaders(fields)) for (const l of ['zh-CN', 'en'] as const) add(h.header[l], h.pointer);

  const targets: ColumnTarget[] = [];
  const ignored: string[] = [];
  const claimed = new Map<string, number>();
  let orgUnitColumn: number | null = null;
  header.forEach((h, i) => {
    const target = h === '' ? undefined : lookup.get(normHeader(h));
    if (target === undefined) {
      targets.push({ kind: 'ignored' });
      if (h !== '') ignored.push(h);
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
      targets.push({ kind: 'orgUnit' });
    } else
      targets.push({
        kind: 'field',
        field: byPointer.get(target)!,
        aliases: aliases.get(target),
        item: itemOf(target),
        keyOf: declared.get(target)?.keyOf,
      });
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
  return { targets, ignored, orgUnitColumn, fields };
}

/** The data pointers that identify a record in a period: import.key, else the subject of a one-per-subject form. */
export function naturalKeyPointers(form: FormDefinition): string[] {
  if (form.manifest.import?.key) return form.manifest.import.key;
  if (form.manifest.uniquePer === 'subject' && form.manifest.subject) return [form.manifest.subject];
  return [];
}
