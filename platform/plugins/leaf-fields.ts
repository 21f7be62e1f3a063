// Every leaf field of a form: each property under `properties`, objects walked into, an array one leaf (a cell or a
// column holds the list), with its titles in both languages (as platform/forms/field-title.ts finds them, English
// through the plugin's catalogue) and the path of titles from the root, which tells apart two fields with the same
// title. The import's fields and the lists' columns are both this list, filtered or dressed.
import { fieldTitle } from '../forms/field-title';
import { encodePointer } from './schema-walk';
import type { FormDefinition, PluginDefinition } from './types';
import type { LocalText } from '../errors';

type Schema = Record<string, any>;

export interface LeafField {
  pointer: string;
  schema: Schema;
  title: LocalText;
  /** Titles from the root to the field joined by '/', e.g. 法定代表人(理事长)/姓名. */
  path: LocalText;
}

export const isSchema = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

export function leafFields(plugin: PluginDefinition, form: FormDefinition): LeafField[] {
  const en = plugin.translations.en;
  const out: LeafField[] = [];
  const walk = (node: Schema, segs: string[], zh: string[], eng: string[]) => {
    for (const [key, child] of Object.entries(node.properties as Schema)) {
      if (!isSchema(child)) continue;
      const path = [...segs, key];
      const pointer = encodePointer(path);
      const t = fieldTitle(form.schema, pointer) ?? key;
      const title = { 'zh-CN': t, en: en[t] ?? t };
      if (isSchema(child.properties) && (child.type === 'object' || child.type === undefined)) {
        walk(child, path, [...zh, title['zh-CN']], [...eng, title.en]);
      } else {
        out.push({ pointer, schema: child, title, path: { 'zh-CN': [...zh, title['zh-CN']].join('/'), en: [...eng, title.en].join('/') } });
      }
    }
  };
  if (isSchema(form.schema.properties)) walk(form.schema, [], [], []);
  return out;
}
