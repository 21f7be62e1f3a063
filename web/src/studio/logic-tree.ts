// A rule's JsonLogic as the structured editor shows it: and/or groups, "not", and conditions (a name read by `var`,
// a comparison of the engine's table, a value or another name). Anything else — arithmetic, iterations, a literal
// on the left, `var` with a default — is a `text` node holding its JsonLogic as it was, so nothing is ever lost:
// toLogic(fromLogic(x)) is x for every x. Pure functions; the tree is rebuilt from the rule's JSON on each render.
import { isOperation } from '../../../platform/rules/values';
import { formatJson } from './draft-files';

/**
 * The comparisons a condition may use: these names of the engine's closed operator table (platform/rules/
 * comparison-operations.ts and `in`, test/studio/logic-tree.test.ts checks they are in it), nothing else.
 */
export const COMPARISONS = ['==', '!=', '<', '<=', '>', '>=', 'in', '===', '!=='] as const;
export type Comparison = (typeof COMPARISONS)[number];
export type Primitive = string | number | boolean | null;

/** What a condition compares its name with: a literal, a list of literals (for `in`), or another name. */
export type Operand = { literal: Primitive } | { list: Primitive[] } | { name: string };

export type LogicNode =
  | { kind: 'group'; op: 'and' | 'or'; children: LogicNode[] }
  /** `bare`: written `{"!": x}` rather than `{"!": [x]}` (json-logic-js takes both; the rule keeps its own). */
  | { kind: 'not'; child: LogicNode; bare: boolean }
  | { kind: 'condition'; field: string; op: Comparison; value: Operand }
  | { kind: 'text'; logic: unknown };

/** A position in the tree: child indexes from the root (a `not` has its one child at 0). */
export type NodePath = readonly number[];

const isComparison = (name: string): name is Comparison => (COMPARISONS as readonly string[]).includes(name);
const isPrimitive = (v: unknown): v is Primitive => v === null || ['string', 'number', 'boolean'].includes(typeof v);
/** `{"var": "data.x"}` exactly: a read by a plain path, without a default. */
const plainVar = (v: unknown): string | null => (isOperation(v) && 'var' in v && typeof v.var === 'string' ? v.var : null);

function operandOf(op: Comparison, v: unknown): Operand | null {
  const name = plainVar(v);
  if (name !== null) return { name };
  if (isPrimitive(v)) return { literal: v };
  if (op === 'in' && Array.isArray(v) && v.every(isPrimitive)) return { list: [...v] };
  return null;
}

export function fromLogic(logic: unknown): LogicNode {
  if (!isOperation(logic)) return { kind: 'text', logic };
  const [op] = Object.keys(logic);
  const given = logic[op];
  if ((op === 'and' || op === 'or') && Array.isArray(given)) return { kind: 'group', op, children: given.map(fromLogic) };
  if (op === '!') {
    const args = Array.isArray(given) ? given : [given];
    if (args.length === 1) return { kind: 'not', child: fromLogic(args[0]), bare: !Array.isArray(given) };
  }
  if (isComparison(op) && Array.isArray(given) && given.length === 2) {
    const field = plainVar(given[0]);
    const value = operandOf(op, given[1]);
    if (field !== null && value) return { kind: 'condition', field, op, value };
  }
  return { kind: 'text', logic };
}

export function toLogic(node: LogicNode): unknown {
  switch (node.kind) {
    case 'group':
      return { [node.op]: node.children.map(toLogic) };
    case 'not': {
      const child = toLogic(node.child);
      // A bare array would be read as the argument list: only a non-array child may stand alone.
      return { '!': node.bare && !Array.isArray(child) ? child : [child] };
    }
    case 'condition': {
      const v = node.value;
      const operand = 'name' in v ? { var: v.name } : 'list' in v ? [...v.list] : v.literal;
      return { [node.op]: [{ var: node.field }, operand] };
    }
    case 'text':
      return node.logic;
  }
}

/** Whether the structured editor shows all of the node (no part of it is kept as text). */
export const fullyStructured = (node: LogicNode): boolean =>
  node.kind === 'text'
    ? false
    : node.kind === 'group'
      ? node.children.every(fullyStructured)
      : node.kind === 'not'
        ? fullyStructured(node.child)
        : true;

export const newCondition = (field = ''): LogicNode => ({ kind: 'condition', field, op: '==', value: { literal: null } });
export const newGroup = (op: 'and' | 'or' = 'and'): LogicNode => ({ kind: 'group', op, children: [newCondition()] });

export function nodeAt(root: LogicNode, path: NodePath): LogicNode {
  let node = root;
  for (const i of path) {
    if (node.kind === 'group' && node.children[i]) node = node.children[i];
    else if (node.kind === 'not' && i === 0) node = node.child;
    else throw new Error(`No node at ${path.join('.')}`);
  }
  return node;
}

/** A copy of the tree with the node at `path` replaced by what `fn` makes of it (null: removed from its group). */
export function updateAt(root: LogicNode, path: NodePath, fn: (node: LogicNode) => LogicNode | null): LogicNode | null {
  if (path.length === 0) return fn(root);
  const [i, ...rest] = path;
  if (root.kind === 'group') {
    const child = root.children[i];
    if (!child) throw new Error(`No node at ${path.join('.')}`);
    const next = updateAt(child, rest, fn);
    const children = next === null ? root.children.filter((_, j) => j !== i) : root.children.map((c, j) => (j === i ? next : c));
    return { ...root, children };
  }
  if (root.kind === 'not' && i === 0) {
    const next = updateAt(root.child, rest, fn);
    // "not" of nothing is nothing: removing its child removes it.
    return next === null ? null : { ...root, child: next };
  }
  throw new Error(`No node at ${path.join('.')}`);
}

/** Appends a child to the group at `path`. */
export const addChild = (root: LogicNode, path: NodePath, child: LogicNode): LogicNode =>
  updateAt(root, path, (n) => (n.kind === 'group' ? { ...n, children: [...n.children, child] } : n))!;

/** Removes the node at `path`; the root itself cannot be removed, only replaced. */
export const removeAt = (root: LogicNode, path: NodePath): LogicNode => (path.length ? (updateAt(root, path, () => null) ?? root) : root);

/** Nests the node at `path` one level down: as the first child of a new and/or group, or under a "not". */
export const wrapAt = (root: LogicNode, path: NodePath, how: 'and' | 'or' | 'not'): LogicNode =>
  updateAt(root, path, (n) => (how === 'not' ? { kind: 'not', child: n, bare: false } : { kind: 'group', op: how, children: [n] }))!;

/** Replaces the node at `path` by its own content: a group of one child by that child, a "not" by what it negates. */
export const unwrapAt = (root: LogicNode, path: NodePath): LogicNode =>
  updateAt(root, path, (n) => (n.kind === 'not' ? n.child : n.kind === 'group' && n.children.length === 1 ? n.children[0] : n))!;

export const replaceAt = (root: LogicNode, path: NodePath, node: LogicNode): LogicNode => updateAt(root, path, () => node)!;

/** The operand after a change of operator: `in` takes a list, the others one value (the first of the list). */
export function operandFor(op: Comparison, value: Operand): Operand {
  if (op === 'in' && 'literal' in value) return { list: value.literal === null ? [] : [value.literal] };
  if (op !== 'in' && 'list' in value) return { literal: value.list[0] ?? null };
  return value;
}

/**
 * The rules file's text with the logic of its `index`-th rule replaced, written as the plugin files are (two-space
 * JSON, final newline); null when the text is not a rules file that has that rule.
 */
export function withRuleLogic(text: string, index: number, logic: unknown): string | null {
  let file: any;
  try {
    file = JSON.parse(text);
  } catch {
    return null;
  }
  const rules = file?.rules;
  if (!Array.isArray(rules) || !rules[index] || typeof rules[index] !== 'object') return null;
  const next = { ...file, rules: rules.map((r: unknown, i: number) => (i === index ? { ...(r as object), logic } : r)) };
  return formatJson(next);
}
