// Sensitive fields (x-sensitive in a form schema) and their masks: which pointers of a form are sensitive, compiled
// once per form version, and the one masking of values, data, audit changes and submitted data. Browser-safe: the
// form build (which the browser runs too) compiles the list.
import { decodePointer } from '../plugins/schema-walk';

// The closed set of styles (MASK_STYLE_PATTERN, checked at load in platform/forms/ajv.ts): "full" hides every
// character; keep-first-N-last-M shows N leading and M trailing ones.
const STYLE = /^keep-first-([0-9])-last-([0-9])$/;
export const MASK_CHAR = '*';

export interface MaskStyle {
  first: number;
  last: number;
}

/** One sensitive field: its pointer, its path (`*` stands for every item of an array) and its mask. */
export interface SensitiveField {
  pointer: string;
  path: readonly string[];
  style: MaskStyle;
}

export function parseMaskStyle(style: string): MaskStyle {
  const m = STYLE.exec(style);
  return m ? { first: Number(m[1]), last: Number(m[2]) } : { first: 0, last: 0 };
}

/**
 * The mask of one value. Characters are counted as code points (a name in Chinese masks per character). A value
 * too short to hide anything between the kept ends is hidden whole; a value that is not text is hidden as text.
 */
export function maskText(value: unknown, style: MaskStyle): unknown {
  if (value === null || value === undefined || value === '') return value;
  const chars = [...(typeof value === 'string' ? value : JSON.stringify(value))];
  const keep = chars.length > style.first + style.last;
  return chars.map((c, i) => (keep && (i < style.first || i >= chars.length - style.last) ? c : MASK_CHAR)).join('');
}

type Schema = Record<string, unknown>;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: unknown, k: string) => (isObject(o) && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** Every x-sensitive field of a form schema, through object properties and array items (`*`). */
export function sensitiveFieldsOf(schema: Schema): SensitiveField[] {
  const out: SensitiveField[] = [];
  const walk = (node: unknown, path: string[], depth: number) => {
    if (!isObject(node) || depth > 64) return;
    const mark = node['x-sensitive'];
    if (isObject(mark) && typeof mark.mask === 'string') {
      const pointer = '/' + path.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
      out.push(Object.freeze({ pointer: path.length ? pointer : '', path: Object.freeze([...path]), style: parseMaskStyle(mark.mask) }));
    }
    if (isObject(node.properties)) for (const [k, v] of Object.entries(node.properties)) walk(v, [...path, k], depth + 1);
    if (isObject(node.items)) walk(node.items, [...path, '*'], depth + 1);
  };
  walk(schema, [], 0);
  return out;
}

/** The sensitive field a concrete path (array indices as digits) names, if any. */
export function fieldAt(fields: readonly SensitiveField[], path: readonly string[]): SensitiveField | undefined {
  return fields.find((f) => f.path.length === path.length && f.path.every((s, i) => s === path[i] || (s === '*' && /^\d+$/.test(path[i]))));
}

/** True when `path` reads a sensitive field or something containing one. */
export function touchesSensitive(fields: readonly SensitiveField[], path: readonly string[]): boolean {
  return fields.some((f) => path.every((s, i) => i >= f.path.length || f.path[i] === s || (f.path[i] === '*' && /^\d+$/.test(s))));
}

/** A copy of `value`, read at `base` of the data, with every sensitive field within it masked. */
export function maskAt(fields: readonly SensitiveField[], value: unknown, base: readonly string[] = []): unknown {
  if (fields.length === 0 || value === undefined) return value;
  const field = fieldAt(fields, base);
  if (field) return maskText(value, field.style);
  if (!touchesSensitive(fields, base)) return value;
  if (Array.isArray(value)) return value.map((v, i) => maskAt(fields, v, [...base, String(i)]));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskAt(fields, v, [...base, k])]));
  return value;
}

/** Audit changes (`{pointer, from, to}`) with the values of sensitive fields masked. */
export function maskChanges<C extends { pointer: string; from?: unknown; to?: unknown }>(
  fields: readonly SensitiveField[],
  changes: C[],
): C[] {
  if (fields.length === 0) return changes;
  return changes.map((c) => {
    const path = decodePointer(c.pointer);
    const out = { ...c };
    if ('from' in c) out.from = maskAt(fields, c.from, path);
    if ('to' in c) out.to = maskAt(fields, c.to, path);
    return out;
  });
}

/**
 * Submitted data in which a sensitive value equal to the mask of the stored one is replaced by the stored one: a
 * user who sees the mask and saves the form keeps the real value instead of writing the mask over it.
 */
export function keepMaskedValues(
  fields: readonly SensitiveField[],
  stored: unknown,
  submitted: Record<string, unknown>,
): Record<string, unknown> {
  if (fields.length === 0) return submitted;
  const restore = (sub: unknown, old: unknown, path: string[]): unknown => {
    const field = fieldAt(fields, path);
    if (field)
      return typeof sub === 'string' && sub.includes(MASK_CHAR) && old !== undefined && maskText(old, field.style) === sub ? old : sub;
    if (!touchesSensitive(fields, path)) return sub;
    if (Array.isArray(sub)) return sub.map((v, i) => restore(v, Array.isArray(old) ? old[i] : undefined, [...path, String(i)]));
    if (isObject(sub)) {
      return Object.fromEntries(Object.entries(sub).map(([k, v]) => [k, restore(v, own(old, k), [...path, k])]));
    }
    return sub;
  };
  return restore(submitted, stored, []) as Record<string, unknown>;
}
