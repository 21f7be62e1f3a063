// Reference (x-ref) cells by natural key. A person's spreadsheet names a referenced record the way people know it —
// a cooperative by its 统一社会信用代码 — never by the platform's record id. When the referenced form has one natural
// key (import.key, or its subject), an import reads a reference column as that key and resolves it, one statement
// per batch, to the record of that form in the user's units (the latest period's when it is filed every year). A
// key matching no such record is a row error REFERENCE_KEY_NOT_FOUND naming the key and the value; a record
// outside the user's units is not told apart from none. The id then goes through the one write path, which checks
// the reference again as it checks any.
import type { LocalText } from '../errors';
import { decodePointer, getAtPointer, setAtPointer } from '../plugins/schema-walk';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import type { Principal } from '../access/principal';
import type { Executor } from '../store/schema';
import { recordsByKey } from '../store/import-store';
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
}

/** The mapped reference columns whose referenced form has a single natural key (others still take record ids). */
export function refKeyFields(plugin: PluginDefinition, form: FormDefinition, map: ColumnMap): RefKeyField[] {
  const mapped = new Set(map.targets.flatMap((t) => (t.kind === 'field' ? [t.field.pointer] : [])));
  const out: RefKeyField[] = [];
  for (const ref of form.references) {
    const target = plugin.forms.get(ref.form);
    const keys = target ? naturalKeyPointers(target) : [];
    if (target && keys.length === 1 && mapped.has(ref.pointer)) out.push({ pointer: ref.pointer, form: target, keyPointer: keys[0] });
  }
  return out;
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
    for (const p of rows) {
      const v = getAtPointer(p.data, f.pointer);
      if (typeof v === 'string' && v !== '') values.add(v);
    }
    if (!values.size) continue;
    const by = f.form.manifest.subject === f.keyPointer ? ({ subject: true } as const) : { dataPath: decodePointer(f.keyPointer) };
    const found = await recordsByKey(ex, { pluginId: plugin.id, formId: f.form.id, scopePaths: principal.scopePaths }, by, [...values]);
    const idOf = new Map<string, string>();
    for (const r of found) {
      const key = 'subject' in by ? r.subject : getAtPointer(r.data, f.keyPointer);
      // Latest period first: the first record seen for a key is the one a reference names.
      if (typeof key === 'string' && !idOf.has(key)) idOf.set(key, r.id);
    }
    const keyTitle = titleAt(plugin, f.form, f.keyPointer);
    for (const p of rows) {
      const v = getAtPointer(p.data, f.pointer);
      if (typeof v !== 'string' || v === '') continue;
      const id = idOf.get(v);
      if (id) {
        setAtPointer(p.data, f.pointer, id);
        continue;
      }
      const formTitle: LocalText = f.form.manifest.title;
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
  return errors;
}
