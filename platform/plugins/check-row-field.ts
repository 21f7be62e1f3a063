// A compute rule writing into table rows (`"field": "/<table>/*/<field>"`, platform/evaluation/row-rules.ts) is
// checked at load: the table must be an array of objects in the form, the row field one of its items' fields, and
// only one `*`. Its `row.…` reads are then checked against the items (check-rule-fields.ts).
import { detail, type ErrorDetail } from '../errors';
import { rowTarget } from '../evaluation/row-rules';
import { decodePointer } from './schema-walk';
import { itemSchemas, resolveDataPath } from './schema-paths';

type Schema = Record<string, any>;

const isArraySchema = (n: Schema) => n.type === 'array' || (Array.isArray(n.type) && n.type.includes('array'));
const isObjectSchema = (n: Schema) => n.type === 'object' || (Array.isArray(n.type) && n.type.includes('object')) || !!n.properties;

/** Null when `field` names no table rows; else the errors at `at` (the rule's /field) and, when sound, the rows. */
export function checkRowField(
  schema: Schema,
  field: string | undefined,
  at: string,
  file: string,
): { errors: ErrorDetail[]; row?: { table: string; items: Schema[] } } | null {
  const target = rowTarget(field);
  if (!target) return null;
  const refuse = (zh: string, en: string) => ({ errors: [detail(at, zh, en, { file })] });
  if (target.column.split('/').includes('*')) {
    return refuse(`${field}:只能有一层 *(表格的各行)`, `${field}: only one level of * (the rows of one table) is allowed`);
  }
  const table = resolveDataPath(schema, decodePointer(target.table), [schema], false);
  const nodes = table.ok ? (table.nodes ?? []) : [];
  const items = nodes.some(isArraySchema) ? itemSchemas(schema, nodes) : null;
  if (!items || !items.some(isObjectSchema)) {
    return refuse(
      `${field}:表单中没有表格 ${target.table}(对象数组)`,
      `${field}: the form has no table ${target.table} (an array of objects)`,
    );
  }
  if (target.column === '' || !resolveDataPath(schema, decodePointer(target.column), items, false).ok) {
    return refuse(
      `${field}:表格 ${target.table} 的行没有字段 ${target.column}`,
      `${field}: the rows of table ${target.table} have no field ${target.column}`,
    );
  }
  return { errors: [], row: { table: target.table, items } };
}
