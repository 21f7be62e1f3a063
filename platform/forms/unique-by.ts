// x-uniqueBy: ["year", "payee"] on an array of objects: no two rows may hold the same values of those item fields
// (a year entered twice). Every later duplicate is an error at its own row (`/dividends/3`), naming the values and
// the earlier row, so the form highlights the row to fix. Built per ajv instance: ajv reads errors off the function.
import type { FuncKeywordDefinition, SchemaValidateFunction } from 'ajv';

const isRow = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: Record<string, unknown>, k: string) => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** The title of item field `name` in the array's schema, when it declares one inline; else the name. */
function titleOf(parent: Record<string, any> | undefined, name: string): string {
  const t = parent?.items?.properties?.[name]?.title;
  return typeof t === 'string' && t !== '' ? t : name;
}

/** A value as the form shows it: an enum value by its enumNames label, when the field declares them inline. */
function shownValue(parent: Record<string, any> | undefined, name: string, value: unknown): string {
  const prop = parent?.items?.properties?.[name];
  const at = Array.isArray(prop?.enum) && Array.isArray(prop?.enumNames) ? prop.enum.indexOf(value) : -1;
  if (at >= 0 && typeof prop.enumNames[at] === 'string') return prop.enumNames[at];
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function uniqueByKeyword(): FuncKeywordDefinition {
  const validate: SchemaValidateFunction = (
    names: string[],
    data: unknown,
    parent?: Record<string, any>,
    cxt?: { instancePath?: string },
  ) => {
    validate.errors = [];
    if (!Array.isArray(data)) return true;
    const seen = new Map<string, number>();
    data.forEach((row, i) => {
      // A row missing one of the fields is not compared ("required" says what is missing).
      if (!isRow(row) || names.some((n) => own(row, n) === undefined)) return;
      const values = names.map((n) => own(row, n));
      const key = JSON.stringify(values);
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, i);
        return;
      }
      validate.errors!.push({
        keyword: 'x-uniqueBy',
        instancePath: `${cxt?.instancePath ?? ''}/${i}`,
        params: {
          fields: names,
          titles: names.map((n) => titleOf(parent, n)),
          values,
          shown: names.map((n, j) => shownValue(parent, n, values[j])),
          row: i,
          duplicateOf: first,
        },
        message: `duplicates row ${first} (${names.map((n, j) => `${n} = ${JSON.stringify(values[j])}`).join(', ')})`,
      });
    });
    return validate.errors.length === 0;
  };
  return { keyword: 'x-uniqueBy', type: 'array', errors: true, validate };
}
