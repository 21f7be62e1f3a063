// Finds a "$ref" loop that never moves into the data, such as {"anyOf": [{"$ref": "#"}]}: validating any value
// against it recurses until the stack overflows. Since "$ref": "#" resolves (tree-shaped forms), a plugin could
// write one; the loader refuses it instead. Loops through properties, items and the like are fine: each turn
// goes one level down into the data, which is finite.
import { appendPointer, fragmentToPointer, resolvePointer } from './pointer';
import { walkSchema, type SchemaNode } from './schema-walk';

/** The base URI of a schema without $id (any absolute URI does: it only has to resolve "#…" against itself). */
const DEFAULT_BASE = 'https://form.invalid/schema.json';

const isNode = (v: unknown): v is SchemaNode => v !== null && typeof v === 'object' && !Array.isArray(v);

function resolveUri(ref: string, base: string): string | null {
  try {
    return new URL(ref, base).href;
  } catch {
    return null;
  }
}

/** The parent subschema's pointer: the longest proper prefix of `pointer` that is a subschema. */
function parentPointer(pointer: string, known: ReadonlyMap<string, unknown>): string | null {
  for (let at = pointer.lastIndexOf('/'); at >= 0; at = pointer.lastIndexOf('/', at - 1)) {
    const candidate = pointer.slice(0, at);
    if (known.has(candidate)) return candidate;
    if (at === 0) break;
  }
  return null;
}

/** Subschemas applied to the same value as `node`, besides its $ref. */
function sameValueSchemas(node: SchemaNode): unknown[] {
  const out: unknown[] = [node.not, node.if, node.then, node.else];
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(node[key])) out.push(...(node[key] as unknown[]));
  if (isNode(node.dependencies)) out.push(...Object.values(node.dependencies));
  return out;
}

/** The pointer of a "$ref" on a loop that never moves into the data, or null when there is none. */
export function findRefLoop(root: unknown): string | null {
  const nodes = new Map<string, SchemaNode>();
  const baseOf = new Map<SchemaNode, string>();
  const pointerOf = new Map<SchemaNode, string>();
  const byUri = new Map<string, SchemaNode>(); // a document URI (no fragment) or an anchor (with one) → its schema
  walkSchema(root, (node, pointer) => {
    const parent = parentPointer(pointer, nodes);
    let base = parent === null ? DEFAULT_BASE : (baseOf.get(nodes.get(parent) as SchemaNode) as string);
    if (parent === null) byUri.set(base, node);
    // Draft-07 ignores $id beside $ref (the checks refuse that anyway).
    const id = typeof node.$id === 'string' && node.$ref === undefined ? resolveUri(node.$id, base) : null;
    if (id !== null) {
      const hash = id.indexOf('#');
      if (hash >= 0 && hash < id.length - 1) byUri.set(id, node); // a location-independent "#name"
      else byUri.set((base = id.replace(/#$/, '')), node);
    }
    nodes.set(pointer, node);
    baseOf.set(node, base);
    pointerOf.set(node, pointer);
  });

  const target = (node: SchemaNode): unknown => {
    const uri = typeof node.$ref === 'string' ? resolveUri(node.$ref, baseOf.get(node) as string) : null;
    if (uri === null) return undefined;
    const hash = uri.indexOf('#');
    const doc = hash < 0 ? uri : uri.slice(0, hash);
    const pointer = hash < 0 ? '' : fragmentToPointer(uri.slice(hash));
    if (pointer === null) return byUri.get(uri); // an anchor
    return byUri.has(doc) ? resolvePointer(byUri.get(doc), pointer) : undefined;
  };

  // Depth-first search over "applies to the same value" edges; a grey node met again closes a loop.
  const state = new Map<SchemaNode, 'open' | 'done'>();
  const visit = (node: SchemaNode): string | null => {
    state.set(node, 'open');
    const ref = target(node);
    for (const next of [ref, ...sameValueSchemas(node)]) {
      if (!isNode(next)) continue;
      if (state.get(next) === 'open') return appendPointer(pointerOf.get(node) ?? '', ...(next === ref ? ['$ref'] : []));
      if (state.get(next) === undefined) {
        const found = visit(next);
        if (found !== null) return found;
      }
    }
    state.set(node, 'done');
    return null;
  };
  for (const node of nodes.values()) {
    if (state.get(node) === undefined) {
      const found = visit(node);
      if (found !== null) return found;
    }
  }
  return null;
}
