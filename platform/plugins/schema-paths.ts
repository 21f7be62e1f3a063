// Which values a `var` path can reach in a form's data, read from the form's JSON Schema as the rule engine reads
// data: own properties by name, array items by index, `length` of arrays and texts. A path is refused only when
// the schema cannot have it; whatever the schema leaves open (no `additionalProperties: false`, pattern
// properties, a `$ref` that cannot be followed, a schema that says nothing of structure) is taken as possible.
import { isSchema } from './leaf-fields';

type Schema = Record<string, any>;

/** Schemas followed per step; beyond this (deeply combined schemas) a path is taken as possible. */
const MAX_NODES = 256;
/** Segments checked; a longer path (only a recursive schema could have one) is taken as possible past them. */
const MAX_SEGMENTS = 64;

/** null: the schema leaves the value open (anything possible); []: nothing possible; else the value's schemas. */
type Reach = Schema[] | null;

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const INDEX = /^(0|[1-9]\d*)$/;

/** The local `$ref` target (`#`, `#/definitions/x`, …), or null when it cannot be followed here. */
function follow(root: Schema, ref: string): Schema | null {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return null;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if ((!isSchema(node) && !Array.isArray(node)) || !hasOwn(node as object, seg)) return null;
    node = (node as Record<string, unknown>)[seg];
  }
  return isSchema(node) ? node : null;
}

const conj = (parts: Reach[]): Reach => {
  if (parts.some((p) => p !== null && p.length === 0)) return [];
  const known = parts.filter((p): p is Schema[] => p !== null);
  return known.length ? known.flat() : null;
};
const disj = (parts: Reach[]): Reach => (parts.some((p) => p === null) ? null : (parts as Schema[][]).flat());

/** What one segment reaches from a plain schema's own keywords (combinators aside). */
function own(n: Schema, seg: string): Reach {
  const t: string[] | null = typeof n.type === 'string' ? [n.type] : Array.isArray(n.type) ? n.type : null;
  const objectish = 'properties' in n || 'additionalProperties' in n || 'patternProperties' in n;
  if (t === null && !objectish && !('items' in n)) return null; // says nothing of structure
  const can = (x: string) => (t ? t.includes(x) : x === 'object' ? objectish : x === 'array' && 'items' in n);
  const out: Schema[] = [];
  if (can('object')) {
    if (isSchema(n.properties) && hasOwn(n.properties, seg)) out.push(n.properties[seg]);
    else if (isSchema(n.patternProperties) && Object.keys(n.patternProperties).length) return null;
    else if (isSchema(n.additionalProperties)) out.push(n.additionalProperties);
    else if (n.additionalProperties !== false) return null;
  }
  if (can('array')) {
    if (seg === 'length') out.push({ type: 'integer' });
    else if (INDEX.test(seg)) {
      if (Array.isArray(n.items)) {
        if (Number(seg) < n.items.length) out.push(n.items[Number(seg)]);
        else if (isSchema(n.additionalItems)) out.push(n.additionalItems);
        else if (n.additionalItems !== false) return null;
      } else if (isSchema(n.items)) out.push(n.items);
      else if (n.items !== false) return null;
    }
  }
  if (can('string') && seg === 'length') out.push({ type: 'integer' });
  if (can('string') && INDEX.test(seg)) out.push({ type: 'string' });
  return out;
}

/** What a segment reaches from a schema: its own keywords and `allOf` must all allow it, one of `anyOf`/`oneOf`. */
function stepFrom(root: Schema, n: unknown, seg: string, budget: { left: number }, depth = 0): Reach {
  if (n === true || n === undefined) return null;
  if (!isSchema(n) || --budget.left < 0 || depth > 32) return n === false ? [] : null;
  if (typeof n.$ref === 'string') {
    const target = follow(root, n.$ref);
    return target ? stepFrom(root, target, seg, budget, depth + 1) : null; // draft-07: keywords beside $ref are ignored
  }
  const sub = (x: unknown) => stepFrom(root, x, seg, budget, depth + 1);
  const hasCombinators = ['allOf', 'anyOf', 'oneOf', 'then', 'else'].some((k) => k in n);
  const parts: Reach[] = [];
  const mine = own(n, seg);
  if (mine !== null || !hasCombinators) parts.push(mine);
  if (Array.isArray(n.allOf)) parts.push(...n.allOf.map(sub));
  for (const k of ['anyOf', 'oneOf'] as const) if (Array.isArray(n[k])) parts.push(disj(n[k].map(sub)));
  // `then` holds when `if` does, `else` otherwise: one of them (a missing one allows anything).
  if ('then' in n || 'else' in n) parts.push(disj([sub(n.then), sub(n.else)]));
  return conj(parts);
}

/** Property names a schema declares at its level, through `$ref`s and combinators (for "did you mean"). */
function namesAt(root: Schema, nodes: readonly unknown[]): string[] {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (n: unknown) => {
    if (!isSchema(n) || seen.has(n) || seen.size > MAX_NODES) return;
    seen.add(n);
    if (typeof n.$ref === 'string') return visit(follow(root, n.$ref));
    if (isSchema(n.properties)) for (const k of Object.keys(n.properties)) names.add(k);
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(n[k])) n[k].forEach(visit);
    visit(n.then);
    visit(n.else);
  };
  nodes.forEach(visit);
  return [...names];
}

export type PathVerdict =
  /** `nodes`: the schemas of the value reached (null when the schema leaves it open). */
  | { ok: true; nodes: Schema[] | null }
  /** `at`: index of the first segment no schema allows; `known`: the names declared at that level. */
  | { ok: false; at: number; known: string[] };

/**
 * Whether `segments` (a `var` path inside the data) can name a value of data valid against `from` (default: the
 * form); `names` false leaves `known` empty (no suggestions wanted).
 */
export function resolveDataPath(root: Schema, segments: readonly string[], from: readonly Schema[] = [root], names = true): PathVerdict {
  let nodes: Schema[] | null = [...from];
  for (let i = 0; i < segments.length; i++) {
    if (nodes === null || i >= MAX_SEGMENTS) return { ok: true, nodes: null };
    const budget = { left: MAX_NODES };
    // The value is any of `nodes` (a safe widening of a conjunction): the segment is possible if one allows it.
    const next = disj(nodes.map((n) => stepFrom(root, n, segments[i], budget)));
    if (next !== null && next.length === 0) return { ok: false, at: i, known: names ? namesAt(root, nodes) : [] };
    nodes = next && next.length <= MAX_NODES ? next : null;
  }
  return { ok: true, nodes };
}

/** The schemas of the items of an array value described by `nodes` (null: not known). */
export function itemSchemas(root: Schema, nodes: readonly Schema[] | null): Schema[] | null {
  if (!nodes) return null;
  const r = disj(nodes.map((n) => stepFrom(root, n, '0', { left: MAX_NODES })));
  return r && r.length ? r : null;
}

/** Every property path of the form, dotted as `var` reads it (`members.0.name`), for suggestions. */
export function propertyPaths(root: Schema, limit = 2000): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const walk = (n: unknown, prefix: string) => {
    if (!isSchema(n) || seen.has(n) || out.length >= limit) return;
    seen.add(n);
    if (typeof n.$ref === 'string') return walk(follow(root, n.$ref), prefix);
    for (const [k, v] of Object.entries<unknown>(isSchema(n.properties) ? n.properties : {})) {
      const p = prefix ? `${prefix}.${k}` : k;
      if (out.length < limit) out.push(p);
      walk(v, p);
    }
    if (isSchema(n.items)) walk(n.items, prefix ? `${prefix}.0` : '0');
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(n[k])) n[k].forEach((x: unknown) => walk(x, prefix));
  };
  walk(root, '');
  return out;
}
