// Load-time checks of a form's `x-default` declarations (field-defaults.ts): the x-ref field read through exists,
// the field read exists (in this form, or in the referenced form), and it can hold the value (same JSON type, no
// attachments, which belong to one record). Each refusal is PLUGIN_INVALID at the keyword's pointer in the schema file.
import { detail, type ErrorDetail } from '../errors';
import type { FieldDefault } from './field-defaults';
import { decodePointer, fieldsWithKeyword, schemaHasPointer } from './schema-walk';

type Schema = Record<string, any>;

/** The form's defaults as declared (the meta-schema has checked their shape). */
export function defaultsOf(schema: Schema): FieldDefault[] {
  return fieldsWithKeyword(schema, 'x-default').map(({ pointer, value }) => ({
    pointer,
    ...(typeof value?.from === 'string' ? { from: value.from } : {}),
    field: String(value?.field),
  }));
}

/** Where a field's schema sits in the schema file: /a/b → /properties/a/properties/b. */
const schemaPointer = (pointer: string) =>
  decodePointer(pointer)
    .map((s) => `/properties/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');

/** The field's own schema through properties only (undefined where it is composite or open). */
function nodeAt(schema: Schema, pointer: string): Schema | undefined {
  let node: Schema | undefined = schema;
  for (const seg of decodePointer(pointer)) {
    if (!node?.properties || !Object.prototype.hasOwnProperty.call(node.properties, seg)) return undefined;
    node = node.properties[seg];
  }
  return node;
}

const typesOf = (node: Schema | undefined): string[] | null =>
  !node || node.type === undefined ? null : Array.isArray(node.type) ? node.type : [node.type];

/** Can a value of `source`'s type be stored in `target`? Unknown types (composite schemas) get the benefit of doubt. */
function typesMeet(target: Schema | undefined, source: Schema | undefined): boolean {
  const t = typesOf(target);
  const s = typesOf(source)?.filter((x) => x !== 'null');
  if (!t || !s || s.length === 0) return true;
  return s.some((x) => t.includes(x) || (x === 'integer' && t.includes('number')));
}

/**
 * Problems of the form's x-default declarations. `refForms` maps each x-ref pointer to the referenced form's
 * schema when it is known (the browser may build one form without its neighbours' files: then only the server,
 * which has every file, checks the referenced field).
 */
export function checkDefaults(
  schema: Schema,
  defaults: readonly FieldDefault[],
  refForms: ReadonlyMap<string, Schema | undefined>,
  file: string,
): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  for (const d of defaults) {
    const at = `${schemaPointer(d.pointer)}/x-default`;
    const target = nodeAt(schema, d.pointer);
    const refuse = (key: string, zh: string, en: string) =>
      errors.push(detail(`${at}/${key}`, zh, en, { file, code: 'PLUGIN_INVALID', keyword: 'x-default' }));
    if (target?.['x-attachment'] !== undefined) {
      refuse('field', '附件字段不能取默认值(附件属于一条记录)', 'An attachment field cannot have a default (attachments belong to one record)');
      continue;
    }
    let sourceSchema: Schema | undefined;
    if (d.from !== undefined) {
      if (!refForms.has(d.from)) {
        refuse('from', `${d.from} 不是本表单的引用(x-ref)字段`, `${d.from} is no x-ref field of this form`);
        continue;
      }
      sourceSchema = refForms.get(d.from);
      if (!sourceSchema) continue;
    } else {
      sourceSchema = schema;
      if (d.field === d.pointer) {
        refuse('field', '字段不能以自身为默认值', 'A field cannot default to itself');
        continue;
      }
    }
    if (!schemaHasPointer(sourceSchema, d.field)) {
      const where = d.from ? `引用的表单中没有字段 ${d.field}` : `表单中没有字段 ${d.field}`;
      const whereEn = d.from ? `The referenced form has no field ${d.field}` : `The form has no field ${d.field}`;
      refuse('field', where, whereEn);
      continue;
    }
    const source = nodeAt(sourceSchema, d.field);
    if (source?.['x-attachment'] !== undefined) {
      refuse('field', '不能从附件字段取默认值(附件属于一条记录)', 'A default cannot copy an attachment field (attachments belong to one record)');
    } else if (!typesMeet(target, source)) {
      refuse('field', `字段 ${d.field} 的类型与本字段不同`, `${d.field} has another type than this field`);
    }
  }
  return errors;
}
