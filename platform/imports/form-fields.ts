// The fields of a form a spreadsheet column can fill: every leaf under `properties` (objects are walked into,
// arrays are leaves: one cell holds the list), minus fields written by compute rules, readOnly and attachment
// fields (platform/plugins/leaf-fields.ts), each with its titles and the path of titles from the root.
import { fieldTitle } from '../forms/field-title';
import { leafFields } from '../plugins/leaf-fields';
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

export function importFields(plugin: PluginDefinition, form: FormDefinition): ImportField[] {
  const computed = new Set(form.computedFields);
  // Attachments are files uploaded with the form, never cells of a spreadsheet.
  return leafFields(plugin, form).filter((f) => !f.schema.readOnly && !computed.has(f.pointer) && !('x-attachment' in f.schema));
}

/** The title of the field at a data pointer in the given language, for error messages; the pointer if none. */
export function titleAt(plugin: PluginDefinition, form: FormDefinition, pointer: string): LocalText {
  const t = fieldTitle(form.schema, pointer);
  return t ? { 'zh-CN': t, en: plugin.translations.en[t] ?? t } : { 'zh-CN': pointer, en: pointer };
}
