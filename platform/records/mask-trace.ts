// A trace as a principal who sees sensitive fields masked may read it: every node whose value reads one of the masked
// fields (directly or below it, or through a path computed at run time) shows *** instead, unless it is a yes/no,
// which the rule's outcome shows anyway.
import type { Trace } from '../rules';
import { argumentsOf, isOperation } from '../rules/values';

export const MASKED_VALUE = '***';

/** The operations that run an argument per item of their first (the operator table's `perItem`). */
const PER_ITEM = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some', 'count']);

/** Paths (in the trace's sense) of the nodes whose value reads one of `pointers`, directly or below them. */
function taintedPaths(logic: unknown, pointers: readonly string[], vars: readonly string[], path = '', out = new Set<string>()): boolean {
  if (Array.isArray(logic)) {
    let any = false;
    logic.forEach((x, i) => (any = taintedPaths(x, pointers, vars, `${path}/${i}`, out) || any));
    if (any) out.add(path);
    return any;
  }
  if (!isOperation(logic)) return false;
  const name = Object.keys(logic)[0];
  const args = argumentsOf(logic[name]);
  let any = false;
  if (name === 'var' || name === 'missing' || name === 'missing_some') {
    // A path computed at run time may read anything: count it as reading a sensitive field.
    const p = args[0];
    const dataPointer = typeof p === 'string' && p.startsWith('data.') ? '/' + p.slice(5).split('.').join('/') : null;
    // The form's earlier records hold its masked fields too: any read of them counts as reading one.
    any =
      typeof p !== 'string' ||
      p === 'earlier' ||
      p.startsWith('earlier.') ||
      (dataPointer !== null &&
        pointers.some((s) => dataPointer === s || dataPointer.startsWith(s + '/') || s.startsWith(dataPointer + '/'))) ||
      vars.some((v) => p === v || p.startsWith(v + '.') || v.startsWith(p + '.'));
  }
  const read = args.map((a, i) => taintedPaths(a, pointers, vars, `${path}/${i}`, out));
  // Over a list read from a masked field (map, filter, count, …), what runs per item reads the item: all of it masked.
  if (read[0] && PER_ITEM.has(name)) args.slice(1).forEach((a, i) => everyNode(a, `${path}/${i + 1}`, out));
  if (any || read.some(Boolean)) out.add(path);
  return any || read.some(Boolean);
}

function everyNode(logic: unknown, path: string, out: Set<string>): void {
  if (Array.isArray(logic)) {
    out.add(path);
    logic.forEach((x, i) => everyNode(x, `${path}/${i}`, out));
  } else if (isOperation(logic)) {
    out.add(path);
    const name = Object.keys(logic)[0];
    argumentsOf(logic[name]).forEach((a, i) => everyNode(a, `${path}/${i}`, out));
  }
}

/**
 * `pointers`: the record's own masked fields; `vars`: rule variable paths masked whole, e.g. `refs./cooperative`
 * for a referenced record the user may name but not see, or `refs./cooperative.data.idNumber` (a masked field of one).
 */
export function maskTrace(part: { logic: unknown; trace: Trace } | null, pointers: readonly string[], vars: readonly string[] = []) {
  if (!part || (pointers.length === 0 && vars.length === 0)) return part;
  const tainted = new Set<string>();
  taintedPaths(part.logic, pointers, vars, '', tainted);
  const nodes = { ...part.trace.nodes };
  // A yes/no is what the rule's outcome already shows; anything else read from a masked field is masked.
  for (const p of tainted) if (nodes[p] && typeof nodes[p].value !== 'boolean') nodes[p] = { ...nodes[p], value: MASKED_VALUE };
  const value = tainted.has('') && typeof part.trace.value !== 'boolean' ? MASKED_VALUE : part.trace.value;
  return { logic: part.logic, trace: { ...part.trace, value, nodes } };
}
