// The long form's sections, read from the schema: every top-level object property with a title is a section, and the
// plain fields before, between or after them are gathered into one "basic information" section (the first), so every
// field belongs to exactly one section. Completion and error counts per section are computed from the data and the
// validator's details as the officer types; nothing here knows any plugin.

export interface Section {
  /** The top-level property (an object section), or '' for the gathered plain fields. */
  key: string;
  /** The section's title as shown (already translated), or null for the gathered plain fields. */
  title: string | null;
  /** The top-level properties it covers. */
  properties: string[];
  /** The DOM id to scroll to (rjsf's id of the object's fieldset, or of the first plain field's control). */
  anchorId: string;
}

export interface SectionStats {
  /** Fields filled in (leaves: scalars, arrays and custom fields such as attachments count once). */
  filled: number;
  total: number;
  /** Of the required fields (required at their own level), how many are filled. */
  requiredFilled: number;
  required: number;
  /** Field errors under the section (those shown at the fields). */
  errors: number;
}

type Schema = Record<string, any>;

/** Top-level property names in the order rjsf shows them (ui:order, '*' standing for the rest). */
export function orderedKeys(schema: Schema, uiSchema: Schema): string[] {
  const keys = Object.keys(schema.properties ?? {});
  const order: unknown = uiSchema?.['ui:order'];
  if (!Array.isArray(order)) return keys;
  const named = order.filter((k): k is string => typeof k === 'string' && k !== '*' && keys.includes(k));
  const rest = keys.filter((k) => !named.includes(k));
  const star = order.indexOf('*');
  if (star < 0) return [...named, ...rest];
  const before = order.slice(0, star).filter((k) => named.includes(k as string)) as string[];
  const after = named.filter((k) => !before.includes(k));
  return [...before, ...rest, ...after];
}

const isSection = (s: Schema | undefined) => !!s && s.type === 'object' && !!s.properties && typeof s.title === 'string';
const hidden = (ui: Schema | undefined) => ui?.['ui:widget'] === 'hidden';

export function sectionsOf(schema: Schema, uiSchema: Schema): Section[] {
  const out: Section[] = [];
  const plain: string[] = [];
  for (const k of orderedKeys(schema, uiSchema)) {
    const s = schema.properties[k];
    if (hidden(uiSchema?.[k])) continue;
    if (isSection(s)) out.push({ key: k, title: s.title, properties: [k], anchorId: `root_${k}` });
    else plain.push(k);
  }
  if (plain.length) out.unshift({ key: '', title: null, properties: plain, anchorId: `root_${plain[0]}` });
  return out;
}

const filledValue = (v: unknown) =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'number' && Number.isNaN(v));

/** Counts the leaves under `schema` into `stats`; `required` tells whether this leaf is required at its level. */
function countLeaves(schema: Schema, ui: Schema | undefined, value: unknown, required: boolean, stats: SectionStats): void {
  if (hidden(ui)) return;
  if (schema?.type === 'object' && schema.properties && !ui?.['ui:field']) {
    const req: string[] = Array.isArray(schema.required) ? schema.required : [];
    const obj = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    for (const [k, s] of Object.entries<Schema>(schema.properties)) countLeaves(s, ui?.[k], obj[k], req.includes(k), stats);
    return;
  }
  const filled = filledValue(value);
  stats.total++;
  if (filled) stats.filled++;
  if (required) {
    stats.required++;
    if (filled) stats.requiredFilled++;
  }
}

/**
 * Per section, in the order of `sections`. `errorPointers` are the data pointers of the field errors shown now
 * ("/operation/businessType"); a pointer counts for the section of its first token.
 */
export function sectionStats(
  sections: Section[],
  schema: Schema,
  uiSchema: Schema,
  data: Record<string, unknown>,
  errorPointers: readonly string[],
): SectionStats[] {
  const req: string[] = Array.isArray(schema.required) ? schema.required : [];
  const owner = new Map<string, number>();
  sections.forEach((s, i) => s.properties.forEach((p) => owner.set(p, i)));
  const stats = sections.map((s) => {
    const st: SectionStats = { filled: 0, total: 0, requiredFilled: 0, required: 0, errors: 0 };
    for (const p of s.properties) countLeaves(schema.properties[p], uiSchema?.[p], data?.[p], req.includes(p), st);
    return st;
  });
  for (const ptr of errorPointers) {
    const first = ptr.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
    const i = first === undefined ? undefined : owner.get(first);
    if (i !== undefined) stats[i].errors++;
  }
  return stats;
}

/** Pointers of every message in an rjsf errorSchema (what the form shows at its fields). */
export function errorPointersOf(errorSchema: Record<string, any>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(errorSchema ?? {})) {
    if (k === '__errors') {
      for (let i = 0; i < (v as unknown[]).length; i++) out.push(prefix);
      continue;
    }
    if (v && typeof v === 'object') out.push(...errorPointersOf(v, `${prefix}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return out;
}
