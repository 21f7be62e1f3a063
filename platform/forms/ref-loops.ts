// What a plugin's "$ref"s could make validation cost, found before the form is used. ajv follows every path
// through a schema for every value, so a hostile or careless form could make one save take for ever:
//  - a loop that never moves into the data ({"anyOf": [{"$ref": "#"}]}) recurses until the stack overflows;
//  - a recursion that reaches itself along two paths per data level ({"properties": {"c": {"anyOf":
//    [{"$ref": "#"}, {"$ref": "#"}]}}}) doubles the work per level: 18 levels took two minutes when measured;
//  - shared definitions referenced twice from each other (a0 → a1, a1 → a2, … each twice) double it per
//    definition without any loop.
// Loops that move one level into the data on each turn along one path (tree-shaped forms) are fine.
import type { SchemaGraph, SchemaEdge } from './schema-graph';
import type { SchemaNode } from './schema-walk';

/** Subschema applications per value, with every $ref expanded, beyond which a schema is refused. */
export const MAX_EXPANDED_SCHEMAS = 100_000;

export type CostProblem = { pointer: string; kind: 'loop' | 'exponential' | 'expansion' };

/** Two edges out of one schema may apply to the same value (same property, any child, or the value itself). */
const overlap = (a: SchemaEdge, b: SchemaEdge) => a.label === b.label || [a.label, b.label].some((l) => l === '=' || l === '*');

const refPointer = (graph: SchemaGraph, node: SchemaNode, edge: SchemaEdge) => {
  const at = graph.pointerOf.get(node) ?? '';
  return edge.ref ? `${at}/$ref` : at;
};

/** A "$ref" on a loop of same-value edges, or null. */
function findLoop(graph: SchemaGraph): string | null {
  const state = new Map<SchemaNode, 'open' | 'done'>();
  const visit = (node: SchemaNode): string | null => {
    state.set(node, 'open');
    for (const edge of graph.edges(node)) {
      if (edge.label !== '=') continue;
      if (state.get(edge.to) === 'open') return refPointer(graph, node, edge);
      if (state.get(edge.to) === undefined) {
        const found = visit(edge.to);
        if (found !== null) return found;
      }
    }
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.pointerOf.keys()) {
    const found = state.has(node) ? null : visit(node);
    if (found !== null) return found;
  }
  return null;
}

/** Strongly connected components (Tarjan): component number of every node reachable from the subschemas. */
function components(graph: SchemaGraph): { of: Map<SchemaNode, number>; list: SchemaNode[][] } {
  const index = new Map<SchemaNode, number>();
  const low = new Map<SchemaNode, number>();
  const stack: SchemaNode[] = [];
  const onStack = new Set<SchemaNode>();
  const of = new Map<SchemaNode, number>();
  const list: SchemaNode[][] = [];
  const strong = (v: SchemaNode) => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    onStack.add(v);
    for (const { to } of graph.edges(v)) {
      if (!index.has(to)) strong(to);
      if (onStack.has(to)) low.set(v, Math.min(low.get(v) as number, low.get(to) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: SchemaNode[] = [];
      let w: SchemaNode;
      do {
        w = stack.pop() as SchemaNode;
        onStack.delete(w);
        of.set(w, list.length);
        component.push(w);
      } while (w !== v);
      list.push(component);
    }
  };
  for (const node of graph.pointerOf.keys()) if (!index.has(node)) strong(node);
  return { of, list };
}

/** The first reason validation of this schema could take unbounded or exponential time, or null. */
export function findCostProblem(graph: SchemaGraph, root: SchemaNode): CostProblem | null {
  const loop = findLoop(graph);
  if (loop !== null) return { pointer: loop, kind: 'loop' };
  const { of, list } = components(graph);
  for (const [id, component] of list.entries()) {
    for (const node of component) {
      const inside = graph.edges(node).filter((e) => of.get(e.to) === id);
      for (let i = 0; i < inside.length; i++) {
        for (let j = i + 1; j < inside.length; j++) {
          if (overlap(inside[i], inside[j])) return { pointer: refPointer(graph, node, inside[j]), kind: 'exponential' };
        }
      }
    }
  }
  // Expanded size over the components (a recursion counts once per level: its members once each).
  const size = new Map<number, number>();
  const expanded = (id: number): number => {
    let n = size.get(id);
    if (n !== undefined) return n;
    n = list[id].length;
    for (const node of list[id]) {
      for (const { to } of graph.edges(node)) {
        const other = of.get(to) as number;
        if (other !== id) n = Math.min(n + expanded(other), MAX_EXPANDED_SCHEMAS + 1);
      }
    }
    size.set(id, n);
    return n;
  };
  if (expanded(of.get(root) as number) > MAX_EXPANDED_SCHEMAS) return { pointer: '', kind: 'expansion' };
  return null;
}
