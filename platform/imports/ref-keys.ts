// Cells naming records by natural key (import.columns[].keyOf). A person's spreadsheet names a record the way
// people know it — a cooperative by its 统一社会信用代码 — never by the platform's record id. Each key is looked up,
// one statement per batch and column, among the records of the `keyOf` form (which has one natural key: import.key,
// or its subject) in the user's units, the latest period's when it is filed every year. A key matching no such
// record is a row error REFERENCE_KEY_NOT_FOUND naming the key and the value; a record outside the user's units is
// not told apart from none. On a reference (x-ref) field the key is replaced by the record's id, which then goes
// through the one write path, checked again as any reference is; on other fields the key itself is kept — for a
// record with no period holding keys of yearly records, the key is what lasts — also item by item in a list
// ("A、B", or a list of objects filled through `item`).
import { HezuoError, detail, type LocalText } from '../errors';
import { decodePointer, getAtPointer, setAtPointer } from '../plugins/schema-walk';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import type { Principal } from '../access/principal';
import type { Executor } from '../store/schema';
import { recordsByKey } from '../store/import-store';
import { reachPaths } from '../records/ref-reach';
import { naturalKeyPointers, type ColumnMap } from './column-map';
import { titleAt } from './form-fields';
import type { PreparedRow } from './prepare-row';
import type { RowError } from './import-types';

export interface RefKeyField {
  /** The reference field in the imported form. */
  pointer: string;
  /** The referenced form and the one pointer of its natural key. */
  form: FormDefinition;
  keyPointer: string;
  /** x-ref: the key is replaced by the record's id; keyOf: the key is kept, only checked. */
  replace: boolean;
  /** keyOf on a list of objects: where the key is in each item. */
  item?: string;
}

/** The mapped columns declaring `keyOf`, whose form must have one natural key (reference columns without it take ids). */
export function refKeyFields(plugin: PluginDefinition, form: FormDefinition, map: ColumnMap): RefKeyField[] {
  const out: RefKeyField[] = [];
  for (const t of map.targets) {
    if (t.kind !== 'field' || t.keyOf === undefined) continue;
    const target = plugin.forms.get(t.keyOf);
    const keys = target ? naturalKeyPointers(target) : [];
    if (!target || keys.length !== 1)
      throw new HezuoError('IMPORT_MAPPING_INVALID', [
        detail(
          t.field.pointer,
          `表单 ${t.keyOf} 没有唯一的关键字段,不能按关键字段核对`,
          `Form ${t.keyOf} has no single natural key to check values against`,
        ),
      ]);
    const replace = form.references.some((r) => r.pointer === t.field.pointer);
    out.push({ pointer: t.field.pointer, form: target, keyPointer: keys[0], replace, item: t.item?.pointer });
  }
  return out;
}

/** The keys a row holds for a field: the value, or each item of a list (at `item` in a list of objects). */
function keysAt(data: Record<string, unknown>, f: RefKeyField): string[] {
  const v = getAtPointer(data, f.pointer);
  const all = Array.isArray(v) ? v.map((x) => (f.item ? getAtPointer(x, f.item) : x)) : [v];
  return all.filter((x): x is string => typeof x === 'string' && x !== '');
}

/** Replaces each reference key in the rows' data by the id of its record; rows whose key has none get an error. */
export async function resolveRefKeys(
  ex: Executor,
  plugin: PluginDefinition,
  form: FormDefinition,
  principal: Principal,
  fields: readonly RefKeyField[],
  rows: readonly PreparedRow[],
): Promise<Map<PreparedRow, RowError[]>> {
  const errors = new Map<PreparedRow, RowError[]>();
  for (const f of fields) {
    const values = new Set<string>();
    for (const p of rows) for (const v of keysAt(p.data, f)) values.add(v);
    if (!values.size) continue;
    const by = f.form.manifest.subject === f.keyPointer ? ({ subject: true } as const) : { dataPath: decodePointer(f.keyPointer) };
    // The same reach as a save through the API (evaluate-record.ts): an import names what a form may name.
    const reach = form.references.find((r) => r.pointer === f.pointer)?.reach ?? 'scope';
    const also = await reachPaths(ex, plugin, principal, reach);
    const found = await recordsByKey(ex, { pluginId: plugin.id, formId: f.form.id, scopePaths: principal.scopePaths, ...also }, by, [
      ...values,
    ]);
    const idOf = new Map<string, string>();
    for (const r of found) {
      const key = 'subject' in by ? r.subject : getAtPointer(r.data, f.keyPointer);
      // Latest period first: the first record seen for a key is the one a reference names.
      if (typeof key === 'string' && !idOf.has(key)) idOf.set(key, r.id);
    }
    const keyTitle = titleAt(plugin, f.form, f.keyPointer);
    const formTitle: LocalText = f.form.manifest.title;
    for (const p of rows) {
      for (const v of keysAt(p.data, f)) {
        const id = idOf.get(v);
        if (id) {
          if (f.replace) setAtPointer(p.data, f.pointer, id);
          continue;
        }
        errors.set(p, [
          ...(errors.get(p) ?? []),
          {
            row: p.row,
            pointer: f.pointer,
            field: titleAt(plugin, form, f.pointer),
            message: {
              'zh-CN': `没有${keyTitle['zh-CN']}为“${v}”的${formTitle['zh-CN']}记录(或不在您的管辖范围)`,
              en: `No ${formTitle.en} record with ${keyTitle.en} "${v}" in your units`,
            },
            keyword: 'x-ref',
            code: 'REFERENCE_KEY_NOT_FOUND',
          },
        ]);
      }
    }
  }
  return errors;
}
