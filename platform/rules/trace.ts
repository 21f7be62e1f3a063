// A rule run in trace mode, to explain an outcome ("why"): the same operations and budget as a normal run, compiled
// without constant folding so every node is seen, each node's value noted by its path in the logic. Nodes an `if`,
// `and` or `or` did not need are simply absent: the branch not taken. A node run per item (inside map, filter, …)
// keeps its first value and a count. Nothing is stored; the caller runs this on demand over one record.
import type { Evaluator, Operation } from './types';
import { constant } from './evaluators';
import { argumentsOf, isOperation } from './values';
import type { Meter } from './budget';

/** What a node evaluated to, by path: '' is the whole rule, '/0/1' its first argument's second argument. */
export interface TraceNode {
  value: unknown;
  /** How many times the node ran (more than once inside an iteration). */
  runs: number;
}

export interface Trace {
  value: unknown;
  nodes: Record<string, TraceNode>;
  /** The rule threw (its budget, or an operation refusing its input); the nodes noted until then are kept. */
  error?: string;
}

/** Values larger than this (as JSON) are noted as a summary: a trace explains, it does not copy the record. */
const MAX_VALUE_CHARS = 400;
/** Distinct nodes noted: a rule larger than this is explained as far as it goes. */
const MAX_NODES = 2_000;

function noted(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const json = JSON.stringify(value);
  if (json !== undefined && json.length <= MAX_VALUE_CHARS) return JSON.parse(json);
  return Array.isArray(value) ? { summary: 'array', length: value.length } : { summary: 'object', keys: Object.keys(value).length };
}

/** Compiles `logic` (already accepted by check()) into a traced run: returns the value and fills `nodes`. */
export function compileTraced(
  logic: unknown,
  table: ReadonlyMap<string, Operation>,
): (data: unknown, nodes: Record<string, TraceNode>) => unknown {
  let sink: Record<string, TraceNode> = {};
  let count = 0;
  const note =
    (path: string, ev: Evaluator): Evaluator =>
    (d) => {
      const value = ev(d);
      const seen = sink[path];
      if (seen) seen.runs++;
      else if (count++ < MAX_NODES) sink[path] = { value: noted(value), runs: 1 };
      return value;
    };
  function compileNode(node: unknown, path: string): Evaluator {
    if (Array.isArray(node)) {
      const items = node.map((n, i) => compileNode(n, `${path}/${i}`));
      return note(path, (d) => items.map((ev) => ev(d)));
    }
    if (!isOperation(node)) return constant(node);
    const name = Object.keys(node)[0];
    const op = table.get(name);
    if (!op) throw new Error(`Unknown operation ${name}: run check() first`);
    const raw = argumentsOf(node[name]);
    const args = raw.map((a, i) => compileNode(a, `${path}/${i}`));
    return note(path, op.build(args, raw));
  }
  const run = compileNode(logic, '');
  return (data, nodes) => {
    sink = nodes;
    count = 0;
    return run(data);
  };
}

/** Runs a traced rule under the engine's meter, as a normal evaluation is. */
export function traceRun(meter: Meter, traced: ReturnType<typeof compileTraced>, data: unknown, size: number): Trace {
  const nodes: Record<string, TraceNode> = {};
  try {
    const value = meter.run((d) => traced(d, nodes), data, size);
    return { value: noted(value), nodes };
  } catch (e) {
    return { value: null, nodes, error: e instanceof Error ? e.message : String(e) };
  }
}
