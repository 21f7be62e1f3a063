// One way to show a stored value as words, shared by the print view, the list columns and the record's history:
// choices by their labels, 是/否 for yes/no, numbers with separators, the field's decimals (`x-decimals`) and unit
// (`x-unit`), attachments by file name, referenced records by title, lists joined with 、. The schema is the field's own (translated) schema.
import type { Locale } from '../i18n';

type Schema = Record<string, any>;

export interface ValueWords {
  locale: Locale;
  yes: string;
  no: string;
  none: string;
  /** Upload ids → file names, and referenced record ids (x-ref) → titles, when the page has them. */
  names?: Record<string, string>;
}

export const VALUE_TEXTS = { yes: ['是', 'Yes'], no: ['否', 'No'], none: ['—', '—'] } as const;

export const isAttachment = (s: Schema) => !!(s?.['x-attachment'] || s?.items?.['x-attachment']);

/** The label of an enum value from enumNames (schema or UI schema) or a oneOf/anyOf const with a title. */
export function enumLabel(s: Schema, ui: Schema, v: unknown): string | undefined {
  const names: unknown[] | undefined = ui?.['ui:enumNames'] ?? s?.enumNames;
  if (Array.isArray(s?.enum) && Array.isArray(names)) {
    // A list's labels may arrive keyed by text (form-columns.ts): match the value's text too.
    const i = s.enum.indexOf(v) >= 0 ? s.enum.indexOf(v) : s.enum.indexOf(String(v));
    if (i >= 0 && typeof names[i] === 'string') return names[i] as string;
  }
  for (const alt of s?.oneOf ?? s?.anyOf ?? []) if (alt && alt.const === v && typeof alt.title === 'string') return alt.title;
  return undefined;
}

/** Attachment fields hold upload ids; an unknown id is shown as is. */
const fileName = (f: unknown, names: Record<string, string>) =>
  f && typeof f === 'object' ? String((f as any).name ?? (f as any).id ?? JSON.stringify(f)) : (names[String(f)] ?? String(f));

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, decimals: number | undefined): Intl.NumberFormat {
  const key = `${locale}|${decimals ?? ''}`;
  let nf = formats.get(key);
  if (!nf) {
    const fixed =
      decimals === undefined ? { maximumFractionDigits: 6 } : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    formats.set(key, (nf = new Intl.NumberFormat(locale, fixed)));
  }
  return nf;
}

/** A number with separators, the field's decimals and unit: 1,234,567.50 万元. */
export function formatNumber(s: Schema, n: number, locale: Locale): string {
  const decimals = Number.isInteger(s?.['x-decimals']) ? (s['x-decimals'] as number) : undefined;
  const unit = typeof s?.['x-unit'] === 'string' ? ` ${s['x-unit']}` : '';
  return `${numberFormat(locale, decimals).format(n)}${unit}`;
}

/** The value `v` of the field laid out by `s` (and its UI schema `ui`), in words. */
export function formatValue(s: Schema, ui: Schema, v: unknown, w: ValueWords): string {
  if (v === null || v === undefined || v === '') return w.none;
  if (isAttachment(s)) return Array.isArray(v) && v.length ? v.map((f) => fileName(f, w.names ?? {})).join('、') : w.none;
  const label = enumLabel(s ?? {}, ui ?? {}, v);
  if (label !== undefined) return label;
  if (typeof v === 'boolean') return v ? w.yes : w.no;
  if (typeof v === 'number') return formatNumber(s ?? {}, v, w.locale);
  if (Array.isArray(v)) return v.length ? v.map((x) => formatValue(s?.items ?? {}, ui?.items ?? {}, x, w)).join('、') : w.none;
  if (typeof v === 'object') return JSON.stringify(v);
  if (s?.['x-ref'] && typeof v === 'string') return w.names?.[v] ?? v;
  return String(v);
}
