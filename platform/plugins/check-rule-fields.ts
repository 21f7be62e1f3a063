// A rule that reads a field the form does not have reads null forever, silently: `{"var": "data.memberCoops"}`
// on a form whose field is `membership.memberCoops` never fails, it just never counts. Such a read is an error
// at load (RULE_UNKNOWN_FIELD) with the file, the pointer of the path and the closest fields the form has.
// Only reads of the record's data are checked (`data.…`, and items inside map/filter/all/some/none/count/reduce/
// sum/avg over a data list), and of the form's own fields in its earlier records (`earlier`, items and
// `earlier.N.data.…`). When the loader passes what the plugin declares (`known`), a read of a parameter it does not
// declare (`params.<name>`), of a reference that is no x-ref field of the form (`refs.<pointer>`), or of a compute
// or classify rule the form does not have (`computed.<id>`, `results.classes.<id>`) is the same error: each would
// read null forever. So is a read inside a referenced record when its form is known (`refs./x.data.…` against the
// referenced form's fields, `refs./x.<key>` against a record's keys). Record facts and the other results are not
// checked here.
import { detail, type ErrorDetail } from '../errors';
import { closestNames } from '../rules/closest-names';
import { argumentsOf, isOperation } from '../rules/values';
import { itemSchemas, propertyPaths, resolveDataPath } from './schema-paths';

type Schema = Record<string, any>;

/** What `var` reads where the walk stands: the record context, one item of a data list, a reduce step, or unknown. */
type Scope =
  | { kind: 'record' }
  | { kind: 'item'; items: Schema[]; list: string }
  | { kind: 'reduce'; items: Schema[]; list: string }
  | { kind: 'unknown' };

const ITERATIONS = new Set(['map', 'filter', 'all', 'none', 'some', 'reduce', 'count']);
const AGGREGATES = new Set(['sum', 'avg']);
const escapeToken = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1');
const MAX_SUGGESTED = 10;
/** One of the form's earlier records (`earlier`, a form's own records of earlier periods): its data is the form's. */
const EARLIER_ITEM: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: { id: { type: 'string' }, period: { type: 'string' }, state: { type: 'string' }, data: { $ref: '#' }, results: true },
};
const INDEX = /^(0|[1-9]\d*)$/;

export interface RuleFieldContext {
  schema: Schema;
  file: string;
  /**
   * Shared across the rules of one form: the form's property paths, walked once when a suggestion needs them, and
   * how many suggestions were made (past MAX_SUGGESTED, errors name no suggestion: a hostile plugin's thousands of
   * unknown fields cost no more than a few).
   */
  paths?: { all?: string[]; suggested?: number };
  /** What the plugin declares, when known: names read outside these are errors (absent: not checked). */
  known?: KnownNames;
  /**
   * For a compute rule writing into table rows (a `*` in its field): the table's pointer and its items' schemas,
   * which `row.…` is read against. Absent: the rule reads no row, and `row.…` is null forever (an error).
   */
  row?: { table: string; items: Schema[] };
}

export interface KnownNames {
  /** parameters.schema.json's properties. */
  params?: ReadonlySet<string>;
  /** The pointers of the form's x-ref fields (`/cooperative`). */
  refs?: ReadonlySet<string>;
  /** Ids of the form's compute rules. */
  computed?: ReadonlySet<string>;
  /** Ids of the form's classify rules. */
  classes?: ReadonlySet<string>;
  /** The schema of the form each x-ref field references, by the field's pointer (only forms whose schema is sound). */
  refForms?: ReadonlyMap<string, Schema>;
}

/** What a referenced record holds (platform/records/live-facts.ts): a read of another key is null forever. */
const REF_RECORD_KEYS = ['id', 'period', 'state', 'data', 'results'];

/** Which declared names a record-level read goes through, and how to say what it lacks. */
function declaredRead(parts: string[], known: KnownNames) {
  const named = (set: ReadonlySet<string> | undefined, at: number, zh: string, en: string) =>
    set && parts.length > at ? { name: parts[at], set, zh, en, prefix: parts.slice(0, at) } : null;
  if (parts[0] === 'params') return named(known.params, 1, '插件没有参数', 'The plugin declares no parameter');
  if (parts[0] === 'refs') return named(known.refs, 1, '表单没有引用字段(x-ref)', 'The form has no reference (x-ref) field');
  if (parts[0] === 'computed') return named(known.computed, 1, '表单没有计算规则', 'The form has no compute rule');
  if (parts[0] === 'results' && parts[1] === 'classes')
    return named(known.classes, 2, '表单没有分类规则', 'The form has no classify rule');
  return null;
}

/** Every read of a field the form cannot have in `logic` (already accepted by the engine's check()). */
export function checkRuleFields(logic: unknown, pointer: string, ctx: RuleFieldContext): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const memo = ctx.paths ?? {};
  const allPaths = () => (memo.all ??= propertyPaths(ctx.schema));

  /** The data path a literal `var` reads in `scope`, as segments from `from` (null: not a data read). */
  const target = (path: string, scope: Scope): { segs: string[]; from?: Schema[]; shown: string; prefix: string[] } | null => {
    const parts = path.split('.');
    // `earlier.0.data.x` reads the form's own field x in an earlier record.
    if (scope.kind === 'record' && parts[0] === 'earlier' && parts.length > 2 && INDEX.test(parts[1]))
      return { segs: parts.slice(2), from: [EARLIER_ITEM], shown: path, prefix: parts.slice(0, 2) };
    if (scope.kind === 'record' && parts[0] === 'row' && parts.length > 1 && ctx.row)
      return { segs: parts.slice(1), from: ctx.row.items, shown: path, prefix: ['row'] };
    if (scope.kind === 'record') return parts[0] === 'data' && parts.length > 1 ? { segs: parts.slice(1), shown: path, prefix: ['data'] } : null;
    if (scope.kind === 'item') return { segs: parts, from: scope.items, shown: path, prefix: [] };
    if (scope.kind === 'reduce' && parts[0] === 'current' && parts.length > 1)
      return { segs: parts.slice(1), from: scope.items, shown: path, prefix: ['current'] };
    return null;
  };

  const checkDeclared = (path: string, at: string) => {
    const read = ctx.known ? declaredRead(path.split('.'), ctx.known) : null;
    if (!read || read.set.has(read.name)) return;
    const near = closestNames(read.name, [...read.set]).map((n) => [...read.prefix, n].join('.'));
    const zhNear = near.length ? `是否想用 ${near.join('、')}?` : '';
    const enNear = near.length ? ` Did you mean ${near.join(', ')}?` : '';
    errors.push(
      detail(at, `${read.zh} ${read.name}(规则读到的永远是空值)。${zhNear}`, `${read.en} ${read.name} (the rule would always read null).${enNear}`, {
        file: ctx.file,
        code: 'RULE_UNKNOWN_FIELD',
        params: { path, ...(near.length ? { closest: near } : {}) },
      }),
    );
  };

  const unknownRead = (at: string, path: string, zh: string, en: string, near: string[]) => {
    const zhNear = near.length ? `是否想用 ${near.join('、')}?` : '';
    const enNear = near.length ? ` Did you mean ${near.join(', ')}?` : '';
    errors.push(
      detail(at, `${zh}(规则读到的永远是空值)。${zhNear}`, `${en} (the rule would always read null).${enNear}`, {
        file: ctx.file,
        code: 'RULE_UNKNOWN_FIELD',
        params: { path, ...(near.length ? { closest: near } : {}) },
      }),
    );
  };

  /** `refs./x.data.…` read against the referenced form's fields, `refs./x.<key>` against a record's keys. */
  const checkRefRead = (path: string, at: string) => {
    const parts = path.split('.');
    const refSchema = parts[0] === 'refs' && parts.length > 2 ? ctx.known?.refForms?.get(parts[1]) : undefined;
    if (!refSchema) return;
    const head = parts.slice(0, 2);
    if (!REF_RECORD_KEYS.includes(parts[2])) {
      const near = closestNames(parts[2], REF_RECORD_KEYS).map((n) => [...head, n].join('.'));
      unknownRead(at, path, `引用的记录没有 ${parts[2]}`, `A referenced record has no ${parts[2]}`, near);
      return;
    }
    if (parts[2] !== 'data' || parts.length < 4) return;
    const suggest = (memo.suggested ?? 0) < MAX_SUGGESTED;
    const verdict = resolveDataPath(refSchema, parts.slice(3), [refSchema], suggest);
    if (verdict.ok) return;
    memo.suggested = (memo.suggested ?? 0) + 1;
    const level = parts.slice(0, 3 + verdict.at);
    const near = suggest ? closestNames(parts[3 + verdict.at], verdict.known).map((n) => [...level, n].join('.')) : [];
    unknownRead(at, path, `引用的表单没有字段 ${path}`, `The referenced form has no field ${path}`, near);
  };

  const checkPath = (path: unknown, at: string, scope: Scope) => {
    if (typeof path !== 'string' || path === '') return;
    if (scope.kind === 'record') {
      checkDeclared(path, at);
      checkRefRead(path, at);
      if (!ctx.row && path.split('.')[0] === 'row') {
        const zh = `只有写入表格各行的计算规则(field 为 /表格/*/字段)能读取 ${path}`;
        unknownRead(at, path, zh, `Only a compute rule writing into table rows (field /table/*/field) reads ${path}`, []);
        return;
      }
    }
    const t = target(path, scope);
    if (!t) return;
    const suggest = (memo.suggested ?? 0) < MAX_SUGGESTED;
    const verdict = resolveDataPath(ctx.schema, t.segs, t.from, suggest);
    if (verdict.ok) return;
    memo.suggested = (memo.suggested ?? 0) + 1;
    const wrong = t.segs[verdict.at];
    const level = [...t.prefix, ...t.segs.slice(0, verdict.at)];
    const near = suggest ? closestNames(wrong, verdict.known).map((n) => [...level, n].join('.')) : [];
    // Also fields of the same name elsewhere in the form (`data.memberCoops` for `data.membership.memberCoops`).
    if (suggest && scope.kind === 'record' && t.prefix[0] !== 'row') {
      const byLast = allPaths().map((p) => [p, p.split('.').pop() ?? p] as const);
      for (const name of closestNames(wrong, byLast.map(([, last]) => last))) {
        for (const [p, last] of byLast) if (last === name && near.length < 3 && !near.includes(`data.${p}`)) near.push(`data.${p}`);
      }
    }
    const rowRead = scope.kind === 'record' && t.prefix[0] === 'row' && ctx.row ? ctx.row.table : '';
    const where = scope.kind === 'item' || scope.kind === 'reduce' ? scope.list : rowRead;
    const zhWhat = where ? `${where} 的每一项没有字段 ${t.shown}` : `表单没有字段 ${t.shown}`;
    const enWhat = where ? `The items of ${where} have no field ${t.shown}` : `The form has no field ${t.shown}`;
    const zhNear = near.length ? `是否想用 ${near.join('、')}?` : '';
    const enNear = near.length ? ` Did you mean ${near.join(', ')}?` : '';
    errors.push(
      detail(at, `${zhWhat}(规则读到的永远是空值)。${zhNear}`, `${enWhat} (the rule would always read null).${enNear}`, {
        file: ctx.file,
        code: 'RULE_UNKNOWN_FIELD',
        params: { path: t.shown, ...(near.length ? { closest: near } : {}) },
      }),
    );
  };

  /** The scope inside an iteration over `list` (a literal data read in `scope`), or unknown. */
  const itemScope = (list: unknown, scope: Scope, reduce: boolean): Scope => {
    if (!isOperation(list) || !('var' in list)) return { kind: 'unknown' };
    const path = argumentsOf(list.var)[0];
    if (scope.kind === 'record' && path === 'earlier') return { kind: reduce ? 'reduce' : 'item', items: [EARLIER_ITEM], list: 'earlier' };
    const t = typeof path === 'string' && path !== '' ? target(path, scope) : null;
    if (!t) return { kind: 'unknown' };
    const verdict = resolveDataPath(ctx.schema, t.segs, t.from);
    const items = verdict.ok ? itemSchemas(ctx.schema, verdict.nodes) : null;
    if (!items) return { kind: 'unknown' };
    return { kind: reduce ? 'reduce' : 'item', items, list: t.shown };
  };

  function walk(value: unknown, p: string, scope: Scope): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${p}/${i}`, scope));
      return;
    }
    if (!isOperation(value)) return; // literals, and objects of 0 or 2+ keys, are data
    const name = Object.keys(value)[0];
    const at = `${p}/${escapeToken(name)}`;
    const given = value[name];
    const args = argumentsOf(given);
    const argAt = (i: number) => (Array.isArray(given) ? `${at}/${i}` : at);
    if (name === 'var') checkPath(args[0], argAt(0), scope);
    else if (name === 'missing') {
      // json-logic-js: an array as the first argument is the list of paths.
      if (Array.isArray(args[0])) args[0].forEach((x, j) => checkPath(x, `${argAt(0)}/${j}`, scope));
      else args.forEach((x, i) => checkPath(x, argAt(i), scope));
    } else if (name === 'missing_some' && Array.isArray(args[1])) {
      args[1].forEach((x, j) => checkPath(x, `${argAt(1)}/${j}`, scope));
    }
    if (ITERATIONS.has(name) && Array.isArray(given)) {
      walk(given[0], argAt(0), scope);
      if (given.length > 1) walk(given[1], argAt(1), itemScope(given[0], scope, name === 'reduce'));
      given.slice(2).forEach((x, i) => walk(x, argAt(i + 2), scope));
      return;
    }
    if (AGGREGATES.has(name) && Array.isArray(given) && typeof given[1] === 'string') {
      const items = itemScope(given[0], scope, false);
      if (items.kind === 'item') checkPath(given[1], argAt(1), items);
    }
    walk(given, at, scope);
  }

  walk(logic, pointer, { kind: 'record' });
  return errors;
}
