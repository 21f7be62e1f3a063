// The fields of a form a list may show as a column and an export writes: every leaf under `properties` (objects
// are walked into; an array is one leaf, one cell holds the list), computed and read-only fields included, each
// with its titles in both languages and what a cell needs to show the value as a value (是/否, option labels, the
// unit, a date). The column picker offers these, GET /api/records accepts their pointers, and the export writes them
// all — one list, so the three never disagree about what a field of the form is.
import { fieldTitle } from '../forms/field-title';
import { encodePointer } from '../plugins/schema-walk';
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
  /** Option labels by value (enum with enumNames), for the field or the items of a list. */
  labels: Record<string, string> | null;
}

const isSchema = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);
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
  const en = plugin.translations.en;
  const out: FormColumn[] = [];
  const walk = (node: Schema, segs: string[], zh: string[], eng: string[]) => {
    for (const [key, child] of Object.entries(node.properties as Schema)) {
      if (!isSchema(child)) continue;
      const path = [...segs, key];
      const pointer = encodePointer(path);
      const t = fieldTitle(form.schema, pointer) ?? key;
      const title = { 'zh-CN': t, en: en[t] ?? t };
      if (isSchema(child.properties) && (child.type === 'object' || child.type === undefined)) {
        walk(child, path, [...zh, title['zh-CN']], [...eng, title.en]);
        continue;
      }
      const kind = kindOf(child);
      out.push({
        pointer,
        title,
        path: { 'zh-CN': [...zh, title['zh-CN']].join('/'), en: [...eng, title.en].join('/') },
        kind,
        unit: typeof child['x-unit'] === 'string' ? child['x-unit'] : null,
        labels: labelsOf(kind === 'list' && isSchema(child.items) ? child.items : child),
      });
    }
  };
  if (isSchema(form.schema.properties)) walk(form.schema, [], [], []);
  cache.set(form, out);
  return out;
}

/** The leaf field at `pointer`, if the form has one. */
export const formColumnAt = (plugin: PluginDefinition, form: FormDefinition, pointer: string): FormColumn | undefined =>
  formColumns(plugin, form).find((c) => c.pointer === pointer);
