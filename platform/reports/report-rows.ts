// `source.rows`: a report over the items of a table of its form (an array of objects such as /dividends) instead of
// over whole records. Checked here once per plugin version: the pointer must name such a table through object
// properties, and `row.<field>` must be one of its items' properties. The SQL is in store/reports-store.ts (one
// lateral jsonb_array_elements per record, in the same statement).
import { text } from '../errors';
import { decodePointer } from '../plugins/schema-walk';
import { closestNames } from '../rules/closest-names';
import { Refusal } from './translate-logic';
import { schemaType } from './report-vars';
import type { Expr } from './types';

type Schema = Record<string, any>;

const isObject = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: Schema, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The tables of a form: pointers of its array-of-objects fields reached through object properties. */
function tablesOf(schema: Schema, at = '', out: string[] = []): string[] {
  if (!isObject(schema) || !isObject(schema.properties)) return out;
  for (const [k, v] of Object.entries(schema.properties)) {
    const p = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (isObject(v) && v.type === 'array' && isObject(v.items) && v.items.type === 'object') out.push(p);
    else tablesOf(v as Schema, p, out);
  }
  return out;
}

/**
 * The table `pointer` names in the form schema: its path and its items' schema, or the reason (zh, en) it is
 * none — not a field, or a field that is not an array of objects with declared properties.
 */
export function tableAt(
  schema: Schema,
  pointer: string,
): { path: readonly string[]; items: Schema } | { error: readonly [string, string] } {
  const path = decodePointer(pointer);
  let node: unknown = schema;
  for (const seg of path) {
    node = isObject(node) && isObject(node.properties) && own(node.properties, seg) ? node.properties[seg] : undefined;
  }
  const tables = tablesOf(schema);
  const near = closestNames(pointer, tables);
  const hint = near.length ? [`。是否想用 ${near.join('、')}?`, `. Did you mean ${near.join(', ')}?`] : ['', ''];
  if (!isObject(node) || path.length === 0)
    return { error: [`表单中没有字段 ${pointer}${hint[0]}`, `The form has no field ${pointer}${hint[1]}`] };
  if (node.type !== 'array' || !isObject(node.items) || node.items.type !== 'object' || !isObject(node.items.properties))
    return {
      error: [`${pointer} 不是表格(对象数组)${hint[0]}`, `${pointer} is not a table (an array of objects with properties)${hint[1]}`],
    };
  return { path: Object.freeze(path), items: node.items };
}

/** `row.<field>` of a report over table rows: a property of the table's items, typed from its schema. */
export function rowVar(items: Schema, path: string, pointer: string): Expr {
  const inner = path.split('.').slice(1);
  const t = inner.length ? schemaType(items, inner) : undefined;
  if (!t) {
    const near = closestNames(inner.join('.'), Object.keys(items.properties ?? {})).map((n) => `row.${n}`);
    throw new Refusal(
      pointer,
      text(
        `不能读取 ${path}:表格行中没有该字段${near.length ? `。是否想用 ${near.join('、')}?` : ''}`,
        `Cannot read ${path}: the table's rows have no such field${near.length ? `. Did you mean ${near.join(', ')}?` : ''}`,
      ),
    );
  }
  return { k: 'field', source: 'row', path: inner, ...t };
}
