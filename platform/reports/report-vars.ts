// What a report's logic may read (`var`), and the type of each value: from the form schema for data.…, from the
// platform's result shape for results.…, text for record columns. A path the data set does not offer is refused.
import { text } from '../errors';
import { Refusal, type VarResolver } from './translate-logic';
import { propertyPaths } from '../plugins/schema-paths';
import { closestNames } from '../rules/closest-names';
import { outcomeVar } from './outcomes-source';
import type { Expr, JsonSource, RowColumn, SqlType } from './types';
import { followUpVar } from './follow-up-vars';

type Schema = Record<string, any>;

/** The SQL type of the value at `path` in a form schema; `safe` when the schema pins one scalar type. */
export function schemaType(schema: Schema, path: readonly string[]): { type: SqlType; safe: boolean } | undefined {
  let node: Schema | undefined = schema;
  for (const seg of path) {
    if (!node || typeof node !== 'object') return undefined;
    if (node.$ref || node.allOf || node.anyOf || node.oneOf || node.if) return { type: 'json', safe: false };
    if (node.properties && Object.prototype.hasOwnProperty.call(node.properties, seg)) node = node.properties[seg];
    else if (node.items && /^\d+$/.test(seg)) node = Array.isArray(node.items) ? node.items[Number(seg)] : node.items;
    else if (node.additionalProperties && typeof node.additionalProperties === 'object') node = node.additionalProperties;
    else return undefined;
  }
  if (!node || typeof node !== 'object') return undefined;
  const types = (Array.isArray(node.type) ? node.type : [node.type]).filter((t: unknown) => t !== 'null');
  if (types.length !== 1) return { type: 'json', safe: false };
  const t = types[0];
  if (t === 'number' || t === 'integer') return { type: 'number', safe: true };
  if (t === 'string') return { type: 'text', safe: true };
  if (t === 'boolean') return { type: 'boolean', safe: true };
  return { type: 'json', safe: false };
}

/**
 * The rule results every record stores (platform/evaluation/compact-results.ts StoredResults): ids and outcomes.
 * Score items and dimensions are maps of id → points / score; check outcomes are the lists `passed` and `failed`.
 */
function resultsType(path: readonly string[]): { type: SqlType; safe: boolean } | undefined {
  const key = path.join('.');
  if (key === 'score.total' || key === 'score.max' || key === 'blocking') return { type: 'number', safe: true };
  if (key === 'asOf') return { type: 'text', safe: true };
  if (['failed', 'passed', 'score', 'score.items', 'score.dimensions', 'score.mandatoryFailed', 'classes', 'computed'].includes(key))
    return { type: 'json', safe: false };
  if ((path[0] === 'classes' || path[0] === 'computed') && path.length >= 2) return { type: 'json', safe: false };
  // Overridden outcomes (issue 11): reason, by and at are text; the values are the rule's own shape.
  if (path[0] === 'overrides' && path.length <= 2) return { type: 'json', safe: false };
  if (path[0] === 'overrides' && path.length === 3 && ['reason', 'by', 'at'].includes(path[2])) return { type: 'text', safe: true };
  if (path[0] === 'overrides' && path.length === 3 && ['chosen', 'computed'].includes(path[2])) return { type: 'json', safe: false };
  // Not typed safe: a record stored before compaction has arrays there, where the guarded cast reads null.
  if (path[0] === 'score' && (path[1] === 'items' || path[1] === 'dimensions') && path.length === 3) return { type: 'number', safe: false };
  return undefined;
}

export interface VarScope {
  /** Form schema of the data set (form sources), of the joined form (with a join). */
  schema?: Schema;
  refSchema?: Schema;
  marks?: boolean;
  /** An outcomes data set: rows also offer outcome.… (outcomes-source.ts). */
  outcomes?: boolean;
  params: Readonly<Record<string, SqlType>>;
  /** The report's link counts by name (source.links.count), read as links.<name>. */
  links?: ReadonlyMap<string, number>;
  /** States of the source form's workflow, read as entered.<state> (none: the form has no workflow). */
  states?: ReadonlySet<string>;
  /** A report over table rows (source.rows): how `row.<field>` reads (report-rows.ts). */
  row?: VarResolver;
}

const RECORD_COLUMNS: Record<string, RowColumn> = {
  id: 'id',
  state: 'state',
  period: 'period',
  orgUnit: 'orgUnit',
  subject: 'subject',
  subjectTitle: 'subjectTitle',
};
const REF_COLUMNS: Record<string, RowColumn> = { 'ref.id': 'ref.id', 'ref.state': 'ref.state', 'ref.subjectTitle': 'ref.subjectTitle' };
const MARK_COLUMNS: Record<string, RowColumn> = {
  'mark.kind': 'mark.kind',
  'mark.from': 'mark.from',
  'mark.until': 'mark.until',
  'mark.subject': 'mark.subject',
};

/** Up to 3 fields of the form closest to `inner`: by the whole dotted path, then by the last name anywhere. */
function closestPaths(schema: Record<string, unknown>, inner: readonly string[]): string[] {
  const all = propertyPaths(schema as Record<string, any>);
  const out = closestNames(inner.join('.'), all);
  const last = inner[inner.length - 1];
  for (const name of closestNames(last, new Set(all.map((p) => p.split('.').pop() ?? p)))) {
    for (const p of all) if (out.length < 3 && !out.includes(p) && (p.split('.').pop() ?? p) === name) out.push(p);
  }
  return out.slice(0, 3);
}

const unknownPath = (path: string, pointer: string, why: string, whyEn: string): never => {
  throw new Refusal(pointer, text(`不能读取 ${path}:${why}`, `Cannot read ${path}: ${whyEn}`));
};

/** Unknown fields of one report that get a "did you mean" (each compares with every field of the form). */
const MAX_SUGGESTED = 10;

export function recordVars(scope: VarScope): VarResolver {
  let suggested = 0;
  return (path, pointer): Expr => {
    const segs = path.split('.');
    if (segs.some((s) => s === '' || s === '__proto__' || s === 'constructor' || s === 'prototype')) {
      return unknownPath(path, pointer, '路径不合法', 'not a valid path');
    }
    if (path === 'today') return { k: 'today' };
    if (segs[0] === 'params') {
      const name = segs.slice(1).join('.');
      const type = scope.params[name];
      if (!type) return unknownPath(path, pointer, '报表未声明该参数', 'the report declares no such parameter');
      return { k: 'param', name, type };
    }
    const column =
      RECORD_COLUMNS[path] ?? (scope.refSchema ? REF_COLUMNS[path] : undefined) ?? (scope.marks ? MARK_COLUMNS[path] : undefined);
    if (column) return { k: 'column', column, type: 'text' };
    if (scope.outcomes) {
      const outcome = outcomeVar(path, pointer);
      if (outcome) return outcome;
    }
    if (scope.marks && path === 'mark.reason') return { k: 'field', source: 'mark.reason', path: [], type: 'json', safe: false };

    if (segs[0] === 'row') {
      if (scope.row) return scope.row(path, pointer);
      return unknownPath(
        path,
        pointer,
        '报表不是按表格行统计的(请声明 source.rows)',
        'the report is not over table rows (declare source.rows)',
      );
    }
    if (segs[0] === 'followUps' && scope.schema) return followUpVar(path, pointer);
    if (segs[0] === 'entered' && scope.schema) return enteredVar(path, segs, pointer, scope.states);
    if (segs[0] === 'links' && scope.links) {
      const index = segs.length === 2 ? scope.links.get(segs[1]) : undefined;
      if (index === undefined) {
        const names = [...scope.links.keys()].join(', ');
        return unknownPath(
          path,
          pointer,
          `数据集的 links.count 中没有该名称(有:${names})`,
          `source.links.count has no such name (it has: ${names})`,
        );
      }
      return { k: 'link-count', index };
    }

    const [head, ...rest] = segs;
    const isRef = head === 'ref' && !!scope.refSchema;
    const [root, inner] = isRef ? [rest[0], rest.slice(1)] : [head, rest];
    const prefix = isRef ? 'ref.' : '';
    const schema = isRef ? scope.refSchema : scope.schema;
    if (inner.length === 0) return unknownPath(path, pointer, '需要指明字段', 'name a field inside it');
    if (root === 'data') {
      if (!schema)
        return unknownPath(
          path,
          pointer,
          '标记数据集没有表单数据,请用 subjectTitle、state 等',
          'a marks data set has no form data; use subjectTitle, state …',
        );
      const t = schemaType(schema, inner);
      if (!t) {
        // The same "did you mean" as a rule reading a field the form lacks (platform/plugins/check-rule-fields.ts).
        const near = suggested++ < MAX_SUGGESTED ? closestPaths(schema, inner).map((p) => `${prefix}data.${p}`) : [];
        return unknownPath(
          path,
          pointer,
          `表单中没有该字段${near.length ? `。是否想用 ${near.join('、')}?` : ''}`,
          `the form has no such field${near.length ? `. Did you mean ${near.join(', ')}?` : ''}`,
        );
      }
      return { k: 'field', source: `${prefix}data` as JsonSource, path: inner, ...t };
    }
    if (root === 'results' && schema) {
      if (inner[0] === 'checks' || inner[0] === 'classList') {
        return unknownPath(
          path,
          pointer,
          '记录只保存规则编号和结果:检查请读 results.passed / results.failed,分类请读 results.classes',
          'records keep rule ids and outcomes only: read checks as results.passed / results.failed, classes as results.classes',
        );
      }
      const t = resultsType(inner);
      if (!t) return unknownPath(path, pointer, '规则结果中没有该项', 'rule results have no such entry');
      return { k: 'field', source: `${prefix}results` as JsonSource, path: inner, ...t };
    }
    if (root === 'workflow' && schema) {
      return { k: 'field', source: `${prefix}workflow` as JsonSource, path: inner, type: 'json', safe: false };
    }
    return unknownPath(path, pointer, '数据集中没有该值', 'the data set offers no such value');
  };
}

/** `entered.<state>`: the day the record first entered a state of its form's workflow (report-history in the store). */
function enteredVar(path: string, segs: readonly string[], pointer: string, states: ReadonlySet<string> | undefined): Expr {
  const known = [...(states ?? [])];
  if (segs.length === 2 && states?.has(segs[1])) return { k: 'entered', state: segs[1] };
  const near = segs.length === 2 ? closestNames(segs[1], known) : [];
  return unknownPath(
    path,
    pointer,
    known.length
      ? `工作流没有该状态(有:${known.join('、')})${near.length ? `。是否想用 entered.${near[0]}?` : ''}`
      : '该数据集没有工作流状态历史',
    known.length
      ? `the workflow has no such state (it has: ${known.join(', ')})${near.length ? `. Did you mean entered.${near[0]}?` : ''}`
      : 'this data set has no workflow state history',
  );
}

/** Derived columns read other columns (column.<id>) and parameters, nothing of a single record. */
export function columnVars(
  columns: ReadonlyMap<string, { alias: string; type: SqlType }>,
  params: Readonly<Record<string, SqlType>>,
): VarResolver {
  return (path, pointer): Expr => {
    if (path.startsWith('column.')) {
      const c = columns.get(path.slice('column.'.length));
      if (!c) return unknownPath(path, pointer, '没有该列(只能引用前面的列)', 'no such column (only earlier columns can be read)');
      return { k: 'ref-column', column: c.alias, type: c.type };
    }
    if (path.startsWith('params.')) {
      const type = params[path.slice('params.'.length)];
      if (!type) return unknownPath(path, pointer, '报表未声明该参数', 'the report declares no such parameter');
      return { k: 'param', name: path.slice('params.'.length), type };
    }
    return unknownPath(
      path,
      pointer,
      '由其他列计算的列只能读取 column.<列> 和 params.<参数>',
      'a column computed from other columns reads only column.<id> and params.<name>',
    );
  };
}

/** Whether a piece of logic reads other columns: then it is a derived column, computed after the others. */
export function readsColumns(logic: unknown): boolean {
  if (Array.isArray(logic)) return logic.some(readsColumns);
  if (!logic || typeof logic !== 'object') return false;
  const entries = Object.entries(logic as Record<string, unknown>);
  if (entries.length === 1 && entries[0][0] === 'var') {
    const path = Array.isArray(entries[0][1]) ? (entries[0][1] as unknown[])[0] : entries[0][1];
    return typeof path === 'string' && path.startsWith('column.');
  }
  return entries.some(([, v]) => readsColumns(v));
}
