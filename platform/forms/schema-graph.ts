// A form schema as a graph of its subschemas, for checks about how validation walks it: each edge says which
// value the target applies to — the same value ("=": allOf/anyOf/oneOf, not, if/then/else, dependencies, $ref),
// the property of one name ("p:<name>"), the item at one index ("i:<n>"), or any child ("*"). "$ref"s resolve as
// ajv resolves them for draft-07: against the base URI that "$id"s set, to JSON pointers or "#name" anchors.
import { fragmentToPointer, resolvePointer } from './pointer';
import { walkSchema, type SchemaNode } from './schema-walk';

export interface SchemaEdge {
  to: SchemaNode;
  label: string;
  /** True for the edge of a "$ref". */
  ref: boolean;
}

export interface SchemaGraph {
  /** Every subschema, root first, with its pointer. */
  pointerOf: ReadonlyMap<SchemaNode, string>;
  edges(node: SchemaNode): SchemaEdge[];
}

/** The base URI of a schema without $id (any absolute URI does: it only has to resolve "#…" against itself). */
const DEFAULT_BASE = 'https://form.invalid/schema.json';

const isNode = (v: unknown): v is SchemaNode => v !== null && typeof v === 'object' && !Array.isArray(v);

function resolveUri(ref: string, base: string | undefined): string | null {
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

/** Edges other than $ref's. */
function childEdges(node: SchemaNode): [unknown, string][] {
  const out: [unknown, string][] = [
    [node.not, '='],
    [node.if, '='],
    [node.then, '='],
    [node.else, '='],
  ];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(node[key])) for (const s of node[key] as unknown[]) out.push([s, '=']);
  }
  if (isNode(node.dependencies)) for (const s of Object.values(node.dependencies)) out.push([s, '=']);
  if (isNode(node.properties)) for (const [name, s] of Object.entries(node.properties)) out.push([s, `p:${name}`]);
  if (isNode(node.patternProperties)) for (const s of Object.values(node.patternProperties)) out.push([s, '*']);
  if (Array.isArray(node.items)) node.items.forEach((s, i) => out.push([s, `i:${i}`]));
  else out.push([node.items, '*']);
  for (const key of ['additionalProperties', 'propertyNames', 'additionalItems', 'contains']) out.push([node[key], '*']);
  return out;
}

export function schemaGraph(root: unknown): SchemaGraph {
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
      if (hash >= 0 && hash < id.length - 1)
        byUri.set(id, node); // a location-independent "#name"
      else byUri.set((base = id.replace(/#$/, '')), node);
    }
    nodes.set(pointer, node);
    baseOf.set(node, base);
    pointerOf.set(node, pointer);
  });

  const target = (node: SchemaNode): unknown => {
    const uri = typeof node.$ref === 'string' ? resolveUri(node.$ref, baseOf.get(node)) : null;
    if (uri === null) return undefined;
    const hash = uri.indexOf('#');
    const doc = hash < 0 ? uri : uri.slice(0, hash);
    const pointer = hash < 0 ? '' : fragmentToPointer(uri.slice(hash));
    if (pointer === null) return byUri.get(uri); // an anchor
    return byUri.has(doc) ? resolvePointer(byUri.get(doc), pointer) : undefined;
  };

  const edges = (node: SchemaNode): SchemaEdge[] => {
    const to = target(node);
    // Draft-07 ignores every keyword beside $ref.
    if (typeof node.$ref === 'string') return isNode(to) ? [{ to, label: '=', ref: true }] : [];
    return childEdges(node).flatMap(([s, label]) => (isNode(s) ? [{ to: s, label, ref: false }] : []));
  };
  return { pointerOf, edges };
}
