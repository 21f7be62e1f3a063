// The fields of a form a spreadsheet column can fill: every leaf under `properties` (objects are walked into,
// arrays are leaves: one cell holds the list), minus fields written by compute rules, readOnly and attachment
// fields. Each
// carries its titles in both languages (as platform/forms/field-title.ts finds them, English through the
// plugin's catalogue) and the path of titles from the root, which tells apart two fields with the same title.
import { fieldTitle } from '../forms/field-title';
import { encodePointer } from '../plugins/schema-walk';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import type { LocalText } from '../errors';

type Schema = Record<string, any>;

export interface ImportField {
  pointer: string;
  schema: Schema;
  title: LocalText;
  /** Titles from the root to the field joined by '/', e.g. 法定代表人(理事长)/姓名. */
  path: LocalText;
}

const isSchema = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

export function importFields(plugin: PluginDefinition, form: FormDefinition): ImportField[] {
  const en = plugin.translations.en;
  const computed = new Set(form.computedFields);
  const out: ImportField[] = [];
  const walk = (node: Schema, segs: string[], zh: string[], eng: string[]) => {
    for (const [key, child] of Object.entries(node.properties as Schema)) {
      if (!isSchema(child)) continue;
      const path = [...segs, key];
      const pointer = encodePointer(path);
      const t = fieldTitle(form.schema, pointer) ?? key;
      const title = { 'zh-CN': t, en: en[t] ?? t };
      if (isSchema(child.properties) && (child.type === 'object' || child.type === undefined)) {
        walk(child, path, [...zh, title['zh-CN']], [...eng, title.en]);
      } else if (!child.readOnly && !computed.has(pointer) && !('x-attachment' in child)) {
        // Attachments are files uploaded with the form, never cells of a spreadsheet.
        out.push({ pointer, schema: child, title, path: { 'zh-CN': [...zh, title['zh-CN']].join('/'), en: [...eng, title.en].join('/') } });
      }
    }
  };
  if (isSchema(form.schema.properties)) walk(form.schema, [], [], []);
  return out;
}

/** The title of the field at a data pointer in the given language, for error messages; the pointer if none. */
export function titleAt(plugin: PluginDefinition, form: FormDefinition, pointer: string): LocalText {
  const t = fieldTitle(form.schema, pointer);
  return t ? { 'zh-CN': t, en: plugin.translations.en[t] ?? t } : { 'zh-CN': pointer, en: pointer };
}
