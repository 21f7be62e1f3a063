// The columns of a form's import template, one per importable field (form-fields.ts): the header people see
// (the field's title with its unit, "成员出资总额(元)"; the path of titles when two fields share the title), and
// what the instructions sheet says of it — meaning, format, required or not, allowed values, an example. The
// column map (column-map.ts) accepts these headers, so a filled template imports unchanged.
import type { LocalText, Locale } from '../errors';
import { fieldFormat } from '../forms/field-formats';
import { parsePointer as decodePointer } from '../forms/pointer';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { importFields, type ImportField } from './form-fields';

type Schema = Record<string, any>;

export interface TemplateColumn {
  pointer: string;
  header: LocalText;
  description: LocalText;
  format: LocalText;
  required: boolean;
  allowed: LocalText | null;
  example: LocalText;
  /** Codes, dates and other text: the column is formatted as text so Excel keeps every digit. */
  text: boolean;
}

// As column-map.ts compares headers (not imported from there: that module imports this one).
const normHeader = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const t = (zh: string, en: string): LocalText => ({ 'zh-CN': zh, en });
const both = (f: (l: Locale) => string): LocalText => ({ 'zh-CN': f('zh-CN'), en: f('en') });
const typeOf = (s: Schema): string | undefined => (Array.isArray(s.type) ? s.type.find((x: unknown) => x !== 'null') : s.type);

/** The header of a field in a template: its title (its path when the title is shared) and its unit in brackets. */
export function templateHeaders(fields: ImportField[]): { pointer: string; header: LocalText }[] {
  const count = new Map<string, number>();
  for (const f of fields) for (const k of new Set([f.title['zh-CN'], f.title.en].map(normHeader))) count.set(k, (count.get(k) ?? 0) + 1);
  return fields.map((f) => {
    const unit = typeof f.schema['x-unit'] === 'string' ? (f.schema['x-unit'] as string) : '';
    const name = (l: Locale) => (count.get(normHeader(f.title[l])) === 1 ? f.title[l] : f.path[l]);
    return { pointer: f.pointer, header: both((l) => (unit ? `${name(l)}(${unit})` : name(l))) };
  });
}

/** Whether every object from the root down to the field lists the next key as required. */
function isRequired(schema: Schema, pointer: string): boolean {
  let node: Schema | undefined = schema;
  for (const key of decodePointer(pointer)) {
    if (!node || !Array.isArray(node.required) || !node.required.includes(key)) return false;
    node = node.properties?.[key];
  }
  return true;
}

function labels(s: Schema, en: Readonly<Record<string, string>>): LocalText | null {
  if (!Array.isArray(s.enum)) return null;
  const names: unknown[] = Array.isArray(s.enumNames) ? s.enumNames : [];
  const zh = s.enum.map((v: unknown, i: number) => (typeof names[i] === 'string' ? (names[i] as string) : String(v)));
  return { 'zh-CN': zh.join('、'), en: zh.map((z: string) => en[z] ?? z).join(', ') };
}

const clamp = (n: number, s: Schema) =>
  Math.min(Math.max(n, typeof s.minimum === 'number' ? s.minimum : n), typeof s.maximum === 'number' ? s.maximum : n);

function example(s: Schema, title: LocalText, en: Readonly<Record<string, string>>): LocalText {
  const given = Array.isArray(s.examples) ? s.examples[0] : s.default;
  if (typeof given === 'string' || typeof given === 'number') return both(() => String(given));
  const allowed = labels(s, en);
  if (allowed) return { 'zh-CN': allowed['zh-CN'].split('、')[0], en: allowed.en.split(', ')[0] };
  const format = fieldFormat(s.format);
  if (format) return both(() => format.example);
  switch (typeOf(s)) {
    case 'boolean':
      return t('是', 'yes');
    case 'integer':
      return both(() => String(clamp(10, s)));
    case 'number':
      return both(() => String(clamp(s['x-unit'] === '%' ? 50 : 1000, s)));
    case 'array': {
      const items = labels(s.items ?? {}, en);
      return items
        ? { 'zh-CN': items['zh-CN'].split('、').slice(0, 2).join('、'), en: items.en.split(', ').slice(0, 2).join('、') }
        : t('示例一、示例二', 'first、second');
    }
    default: {
      const max = typeof s.maxLength === 'number' ? s.maxLength : 100;
      return { 'zh-CN': `示例${title['zh-CN']}`.slice(0, max), en: `Example ${title.en}`.slice(0, max) };
    }
  }
}

function formatText(s: Schema): LocalText {
  const unit = typeof s['x-unit'] === 'string' ? (s['x-unit'] as string) : '';
  const format = fieldFormat(s.format);
  if (Array.isArray(s.enum)) return t('从可选值中选填一项', 'one of the allowed values');
  if (format) return format.format === 'date' ? t('日期,如 2024-03-05 或 2024年3月5日', 'a date, e.g. 2024-03-05') : format.description;
  switch (typeOf(s)) {
    case 'boolean':
      return t('填“是”或“否”', '"是" (yes) or "否" (no)');
    case 'integer':
    case 'number': {
      const kind = typeOf(s) === 'integer' ? t('整数', 'a whole number') : t('数字', 'a number');
      if (!unit) return kind;
      return {
        'zh-CN': `${kind['zh-CN']},单位:${unit}(也可填“3万${unit === '元' ? '元' : ''}”等带单位的写法)`,
        en: `${kind.en} in ${unit} (units such as 万 are converted)`,
      };
    }
    case 'array':
      return Array.isArray(s.items?.enum)
        ? t('可多选,多项用“、”分隔', 'one or more of the allowed values, separated by 、')
        : t('多项用“、”分隔', 'items separated by 、');
    default:
      return typeof s.maxLength === 'number'
        ? both((l) => (l === 'en' ? `text, at most ${s.maxLength} characters` : `文本,不超过 ${s.maxLength} 个字`))
        : t('文本', 'text');
  }
}

export function templateColumns(plugin: PluginDefinition, form: FormDefinition): TemplateColumn[] {
  const en = plugin.translations.en;
  const fields = importFields(plugin, form);
  const headers = templateHeaders(fields);
  return fields.map((f, i) => {
    const s = f.schema;
    const description = typeof s.description === 'string' ? s.description : '';
    const allowed = labels(s, en) ?? (typeOf(s) === 'array' ? labels(s.items ?? {}, en) : null);
    return {
      pointer: f.pointer,
      header: headers[i].header,
      description: { 'zh-CN': description || f.path['zh-CN'], en: en[description] ?? f.path.en },
      format: formatText(s),
      required: isRequired(form.schema, f.pointer),
      allowed,
      example: example(s, f.title, en),
      text: typeOf(s) === 'string' && !Array.isArray(s.enum),
    };
  });
}
