// The fields of a form a list may show as a column and an export writes: every leaf under `properties` (objects
// are walked into; an array is one leaf, one cell holds the list), computed and read-only fields included, each
// with its titles in both languages and what a cell needs to show the value as a value (是/否, option labels, the
// unit, a date). The column picker offers these, GET /api/records accepts their pointers, and the export writes them
// all — one list, so the three never disagree about what a field of the form is.
import { isSchema, leafFields } from '../plugins/leaf-fields';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import type { LocalText } from '../errors';

type Schema = Record<string, any>;

export type ColumnKind = 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'list' | 'attachment';

export interface FormColumn {
  pointer: string;
  title: LocalText;
  /** Titles from the root to the field joined by '/', which tells apart two fields with the same title. */
  path: LocalText;
  kind: ColumnKind;
  unit: string | null;
  /** `x-decimals`: how many decimals a number is shown with, when the form says. */
  decimals: number | null;
  /** Option labels by value (enum with enumNames), for the field or the items of a list. */
  labels: Record<string, string> | null;
}

const typeOf = (s: Schema): string | undefined => (Array.isArray(s.type) ? s.type.find((x: unknown) => x !== 'null') : s.type);

function labelsOf(s: Schema): Record<string, string> | null {
  if (!Array.isArray(s.enum) || !Array.isArray(s.enumNames)) return null;
  return Object.fromEntries(s.enum.map((v: unknown, i: number) => [String(v), String(s.enumNames[i] ?? v)]));
}

function kindOf(s: Schema): ColumnKind {
  if ('x-attachment' in s) return 'attachment';
  switch (typeOf(s)) {
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'list';
    default:
      return s.format === 'date' ? 'date' : 'text';
  }
}

const cache = new WeakMap<FormDefinition, FormColumn[]>();

export function formColumns(plugin: PluginDefinition, form: FormDefinition): FormColumn[] {
  const known = cache.get(form);
  if (known) return known;
  const out = leafFields(plugin, form).map(({ pointer, schema, title, path }): FormColumn => {
    const kind = kindOf(schema);
    return {
      pointer,
      title,
      path,
      kind,
      unit: typeof schema['x-unit'] === 'string' ? schema['x-unit'] : null,
      decimals: Number.isInteger(schema['x-decimals']) ? schema['x-decimals'] : null,
      labels: labelsOf(kind === 'list' && isSchema(schema.items) ? schema.items : schema),
    };
  });
  cache.set(form, out);
  return out;
}

/** The leaf field at `pointer`, if the form has one. */
export const formColumnAt = (plugin: PluginDefinition, form: FormDefinition, pointer: string): FormColumn | undefined =>
  formColumns(plugin, form).find((c) => c.pointer === pointer);
