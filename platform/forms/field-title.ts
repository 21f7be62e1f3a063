// Finds the title a form schema gives the field at a data pointer, to name that field in error messages.
// The title is the one declared where the field is laid out (properties/items), which is what the form shows;
// a title on a oneOf branch is an option label and must not become the field's name.
import { compilePattern, type Pattern } from './pattern';
import { parsePointer, fragmentToPointer, resolvePointer } from './pointer';

type Schema = Record<string, unknown>;

const isSchema = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);
const MAX_DEPTH = 64; // bounds $ref cycles and deep combinator nesting

/** Follows local "$ref"s ("#/definitions/x") from a schema; other refs are left unresolved. */
function deref(root: Schema, node: Schema, depth: number): Schema[] {
  const out = [node];
  if (typeof node.$ref === 'string' && depth < MAX_DEPTH) {
    const pointer = fragmentToPointer(node.$ref);
    const target = pointer === null ? undefined : resolvePointer(root, pointer);
    if (isSchema(target)) out.push(...deref(root, target, depth + 1));
  }
  return out;
}

/**
 * Compiled patternProperties patterns, per patternProperties object of a schema: compiling takes milliseconds and
 * a record with many errors asks for titles many times. Weak, so it goes with the schema.
 */
const compiled = new WeakMap<object, Map<string, Pattern | null>>();

function patternOf(patternProperties: Schema, source: string): Pattern | null {
  let patterns = compiled.get(patternProperties);
  if (patterns === undefined) compiled.set(patternProperties, (patterns = new Map()));
  let pattern = patterns.get(source);
  if (pattern === undefined) {
    const result = compilePattern(source);
    patterns.set(source, (pattern = 'pattern' in result ? result.pattern : null));
  }
  return pattern;
}

/** Subschemas that a data property or item named `token` is laid out by, directly under `node`. */
function childSchemas(node: Schema, token: string): Schema[] {
  const out: Schema[] = [];
  const props = node.properties;
  if (isSchema(props) && Object.prototype.hasOwnProperty.call(props, token) && isSchema(props[token])) {
    out.push(props[token] as Schema);
  }
  if (isSchema(node.patternProperties)) {
    for (const [pattern, sub] of Object.entries(node.patternProperties)) {
      // The same engine as validation (a refused pattern never compiled: nothing to find there).
      if (isSchema(sub) && patternOf(node.patternProperties, pattern)?.test(token)) out.push(sub);
    }
  }
  if (/^\d+$/.test(token)) {
    if (Array.isArray(node.items)) {
      const item = node.items[Number(token)];
      if (isSchema(item)) out.push(item);
      else if (isSchema(node.additionalItems)) out.push(node.additionalItems);
    } else if (isSchema(node.items)) {
      out.push(node.items);
    }
  }
  if (out.length === 0 && isSchema(node.additionalProperties)) out.push(node.additionalProperties);
  return out;
}

/** Schemas applied to the same data as `node` (combinators, conditionals), so fields declared there count. */
function sameLevel(node: Schema): Schema[] {
  const out: Schema[] = [];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[key];
    if (Array.isArray(list)) out.push(...list.filter(isSchema));
  }
  for (const key of ['then', 'else']) if (isSchema(node[key])) out.push(node[key] as Schema);
  if (isSchema(node.dependencies)) out.push(...Object.values(node.dependencies).filter(isSchema));
  return out;
}

/** Schemas already searched, each with the numbers of tokens left when it was: "$ref": "#" makes cycles. */
type Seen = Map<Schema, Set<number>>;

function find<T>(root: Schema, node: Schema, tokens: string[], depth: number, seen: Seen, pick: (s: Schema) => T | null): T | null {
  if (depth > MAX_DEPTH) return null;
  for (const schema of deref(root, node, depth)) {
    // A second visit with as many tokens left finds nothing new (the first would have returned): without this,
    // a recursive form ({"anyOf": [{"$ref": "#"}, {"$ref": "#"}]}) costs 2^depth.
    const visited = seen.get(schema) ?? new Set<number>();
    if (visited.has(tokens.length)) continue;
    seen.set(schema, visited.add(tokens.length));
    if (tokens.length === 0) {
      const found = pick(schema);
      if (found !== null) return found;
      continue;
    }
    const [head, ...rest] = tokens;
    for (const child of childSchemas(schema, head)) {
      const found = find(root, child, rest, depth + 1, seen, pick);
      if (found !== null) return found;
    }
    for (const alt of sameLevel(schema)) {
      const found = find(root, alt, tokens, depth + 1, seen, pick);
      if (found !== null) return found;
    }
  }
  return null;
}

const titled = (s: Schema) => typeof s.title === 'string' && s.title !== '';

/** The title declared for the field at `dataPointer`, or null. The root (the form itself) has no field title. */
export function fieldTitle(rootSchema: unknown, dataPointer: string): string | null {
  if (!isSchema(rootSchema) || dataPointer === '') return null;
  return find(rootSchema, rootSchema, parsePointer(dataPointer), 0, new Map(), (s) => (titled(s) ? (s.title as string) : null));
}

/**
 * The schema that lays out the field at `dataPointer` (the one with its title, which also carries its type, unit
 * and choices), or null: what a value is shown by, e.g. in a record's history.
 */
export function fieldSchema(rootSchema: unknown, dataPointer: string): Schema | null {
  if (!isSchema(rootSchema) || dataPointer === '') return null;
  return find(rootSchema, rootSchema, parsePointer(dataPointer), 0, new Map(), (s) => (titled(s) ? s : null));
}
