// The table fields of a form (lists of objects, e.g. one row per year of dividends) an import reads from their own
// sheet of the workbook — offices keep a main sheet and detail sheets (主表/明细表). Each detail sheet is named by
// the table's title (or a name the form's import.tables declares) and carries the record's key columns plus one
// column per field of a table row. A list of objects declared with `item` in import.columns is filled from one cell
// of the main sheet instead, and is no table here. For the detail sheet's columns the same column map as the main
// sheet's is used (column-map.ts), on a form made of the key fields and the row's fields (`sheetForm`).
import type { LocalText } from '../errors';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { decodePointer, encodePointer } from '../plugins/schema-walk';
import { importFields, type ImportField } from './form-fields';
import { naturalKeyPointers } from './column-map';
import { normHeader } from './header-words';

type Schema = Record<string, any>;

export interface TableField {
  /** The table field (an array of objects). */
  field: ImportField;
  /** Normalised names its sheet may have: its titles, then the declared ones. */
  sheetNames: string[];
  /** A form whose fields are the record's key fields and the fields of one table row (pointers inside the row). */
  sheetForm: FormDefinition;
  /** Pointers of the row fields in sheetForm (the rest are the key's). */
  itemPointers: string[];
  /** The record's key pointers, as in the main sheet. */
  keyPointers: string[];
}

const list = (h: string | string[] | undefined) => (h === undefined ? [] : Array.isArray(h) ? h : [h]);
const isTable = (s: Schema) =>
  s.type === 'array' && s.items?.type === 'object' && s.items.properties && typeof s.items.properties === 'object';

/** The path of object schemas from the root down to a key field, keeping only that branch (titles kept). */
function branch(root: Schema, pointer: string, into: Schema): void {
  let from: Schema = root;
  let to: Schema = into;
  const segs = decodePointer(pointer);
  segs.forEach((seg, i) => {
    const child: Schema | undefined = from.properties?.[seg];
    if (!child) return;
    if (i === segs.length - 1) to.properties[seg] = child;
    else {
      to.properties[seg] ??= { type: 'object', ...(child.title ? { title: child.title } : {}), properties: {} };
      to = to.properties[seg];
      from = child;
    }
  });
}

export function tableFields(plugin: PluginDefinition, form: FormDefinition): TableField[] {
  const decl = form.manifest.import;
  const oneCell = new Set((decl?.columns ?? []).filter((c) => c.item !== undefined).map((c) => c.pointer));
  const keyPointers = naturalKeyPointers(form);
  if (!keyPointers.length) return [];
  const keyColumns = (decl?.columns ?? [])
    .filter((c) => keyPointers.includes(c.pointer))
    .map((c) => ({ header: c.header, pointer: c.pointer, ...(c.aliases ? { aliases: c.aliases } : {}) }));
  const out: TableField[] = [];
  for (const field of importFields(plugin, form)) {
    if (!isTable(field.schema) || oneCell.has(field.pointer)) continue;
    const declared = decl?.tables?.find((t) => t.pointer === field.pointer);
    const computed = new Set(form.computedFields);
    const topKeys = new Set(keyPointers.map((p) => decodePointer(p)[0]));
    const schema: Schema = { type: 'object', properties: {} };
    for (const p of keyPointers) branch(form.schema, p, schema);
    const itemPointers: string[] = [];
    for (const [name, child] of Object.entries(field.schema.items.properties as Record<string, Schema>)) {
      const inner = encodePointer([name]);
      // Written by rules per row, or read-only: never a column (as for the main sheet's fields).
      const isComputed = [...computed].some((c) => c.startsWith(`${field.pointer}/`) && c.endsWith(inner));
      if (topKeys.has(name) || child.readOnly || isComputed) continue;
      schema.properties[name] = child;
      itemPointers.push(inner);
    }
    const sheetForm: FormDefinition = {
      ...form,
      schema,
      computedFields: [],
      manifest: {
        ...form.manifest,
        import: { key: keyPointers, columns: [...keyColumns, ...(declared?.columns ?? [])] },
      },
    };
    const names: LocalText[] = [field.title, field.path];
    out.push({
      field,
      sheetNames: [...names.flatMap((n) => [n['zh-CN'], n.en]), ...list(declared?.sheet)].map(normHeader),
      sheetForm,
      itemPointers,
      keyPointers,
    });
  }
  return out;
}
