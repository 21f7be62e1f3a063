// A form's workflow as the studio edits it: workflows/*.json (schemas/workflow.schema.json), its states and the
// transitions between them. Pure functions: a workflow in, a new one out; keywords the tables do not show (set,
// addMarks, danger, confirm…) are carried along untouched.
import { formatJson } from './draft-files';
import type { DraftFiles } from './studio-api';

type Obj = Record<string, any>;
export interface Workflow {
  id?: unknown;
  title?: unknown;
  initial?: unknown;
  states: Obj[];
  transitions: Obj[];
  [key: string]: unknown;
}
export type Lang = 'zh-CN' | 'en';
/** A problem of one cell: `table` states or transitions (or `workflow` for the whole), row index, column. */
export interface WorkflowProblem {
  table: 'workflow' | 'states' | 'transitions';
  row: number;
  column: string;
  message: [string, string];
}

export const ROLES = ['officer', 'reviewer', 'admin'] as const;
export const LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
const ID_PATTERN = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The path of the workflow file whose id is `id` (a form names its workflow by id), or null. */
export function workflowPath(values: Record<string, unknown>, id: string | null | undefined): string | null {
  const paths = (values['plugin.json'] as { workflows?: unknown } | undefined)?.workflows;
  if (!id || !Array.isArray(paths)) return null;
  return paths.find((p): p is string => typeof p === 'string' && isObj(values[p]) && values[p].id === id) ?? null;
}

export function readWorkflow(value: unknown): Workflow | null {
  if (!isObj(value)) return null;
  const rows = (v: unknown) => (Array.isArray(v) ? v.map((r) => (isObj(r) ? r : {})) : []);
  return { ...value, states: rows(value.states), transitions: rows(value.transitions) };
}

export const writeWorkflow = (files: DraftFiles, path: string, wf: Workflow): DraftFiles => ({ ...files, [path]: formatJson(wf) });

export const titleOf = (row: Obj, lang: Lang): string => (isObj(row.title) && typeof row.title[lang] === 'string' ? row.title[lang] : '');
export const fromOf = (t: Obj): string[] =>
  Array.isArray(t.from) ? t.from.filter((s: unknown): s is string => typeof s === 'string') : [];
export const stateIds = (wf: Workflow): string[] => wf.states.map((s) => s.id).filter((id): id is string => typeof id === 'string');

type Table = 'states' | 'transitions';
function replaceRow(wf: Workflow, table: Table, index: number, row: Obj): Workflow {
  return { ...wf, [table]: wf[table].map((r, i) => (i === index ? row : r)) };
}

/**
 * One property of a row set: a title in one language, or a keyword. `undefined`, `false` for a flag and an empty
 * list or text for an optional keyword remove it, so the file keeps only what was chosen (as a person writes it).
 */
export function setCell(wf: Workflow, table: Table, index: number, column: string, value: unknown): Workflow {
  const row = wf[table][index];
  if (column === 'zh-CN' || column === 'en') {
    const title = isObj(row.title) ? row.title : {};
    const next = { 'zh-CN': title['zh-CN'] ?? '', ...title, [column]: value };
    return replaceRow(wf, table, index, { ...row, title: next });
  }
  const required = table === 'states' ? ['id'] : ['id', 'from', 'to', 'roles'];
  const empty =
    value === undefined || value === false || (Array.isArray(value) && value.length === 0) || (value === '' && !required.includes(column));
  if (empty && !required.includes(column)) {
    const { [column]: _gone, ...rest } = row;
    return replaceRow(wf, table, index, rest);
  }
  return replaceRow(wf, table, index, { ...row, [column]: value });
}

/** A state renamed: its transitions (from, to) and the initial state follow, so a rename is one step. */
export function renameState(wf: Workflow, index: number, id: string): Workflow {
  const old = wf.states[index]?.id;
  const next = setCell(wf, 'states', index, 'id', id);
  if (typeof old !== 'string' || old === '' || stateIds(wf).filter((s) => s === old).length > 1) return next;
  return {
    ...next,
    ...(wf.initial === old ? { initial: id } : {}),
    transitions: next.transitions.map((t) => ({
      ...t,
      ...(Array.isArray(t.from) ? { from: t.from.map((s: unknown) => (s === old ? id : s)) } : {}),
      ...(t.to === old ? { to: id } : {}),
    })),
  };
}

export function addState(wf: Workflow): Workflow {
  return { ...wf, states: [...wf.states, { id: '', title: { 'zh-CN': '', en: '' } }] };
}

/** A new transition; from the initial state to the first other state, as a start to edit. */
export function addTransition(wf: Workflow): Workflow {
  const ids = stateIds(wf);
  const from = typeof wf.initial === 'string' ? wf.initial : (ids[0] ?? '');
  const to = ids.find((s) => s !== from) ?? from;
  const row = { id: '', title: { 'zh-CN': '', en: '' }, from: from ? [from] : [], to, roles: ['officer'] };
  return { ...wf, transitions: [...wf.transitions, row] };
}

export const removeRow = (wf: Workflow, table: Table, index: number): Workflow => ({
  ...wf,
  [table]: wf[table].filter((_, i) => i !== index),
});

/**
 * The row moved one place up (-1) or down (+1); unchanged at either end. The order is what officers see: states in
 * lists and filters, transitions as the buttons on a record.
 */
export function moveRow(wf: Workflow, table: Table, index: number, by: -1 | 1): Workflow {
  const to = index + by;
  if (index < 0 || index >= wf[table].length || to < 0 || to >= wf[table].length) return wf;
  const rows = [...wf[table]];
  [rows[index], rows[to]] = [rows[to], rows[index]];
  return { ...wf, [table]: rows };
}

const both = (zh: string, en: string): [string, string] => [zh, en];

/** What the loader would refuse (and what would strand a record), cell by cell, as one types. */
export function workflowProblems(wf: Workflow, guardIds?: readonly string[]): WorkflowProblem[] {
  const out: WorkflowProblem[] = [];
  const add = (table: WorkflowProblem['table'], row: number, column: string, message: [string, string]) =>
    out.push({ table, row, column, message });
  const ids = new Set(stateIds(wf));
  if (typeof wf.initial !== 'string' || !ids.has(wf.initial))
    add(
      'workflow',
      -1,
      'initial',
      both(`初始状态 ${String(wf.initial ?? '')} 不存在`, `The initial state ${String(wf.initial ?? '')} does not exist`),
    );
  if (wf.states.length === 0) add('workflow', -1, 'states', both('至少要有一个状态', 'A workflow needs at least one state'));
  const finals = new Set(wf.states.filter((s) => s.final === true).map((s) => s.id));
  for (const table of ['states', 'transitions'] as const) {
    const first = new Map<string, number>();
    wf[table].forEach((row, i) => {
      const id = typeof row.id === 'string' ? row.id : '';
      if (!ID_PATTERN.test(id))
        add(
          table,
          i,
          'id',
          id === ''
            ? both('编号不能为空', 'The id is empty')
            : both(`编号 ${id} 须为小写字母开头的 a-z、0-9、- 或 _`, `Id ${id}: lower-case a-z, 0-9, - or _, starting with a letter`),
        );
      else if (first.has(id))
        add(table, i, 'id', both(`编号 ${id} 与第 ${first.get(id)! + 1} 行重复`, `Id ${id} repeats row ${first.get(id)! + 1}`));
      else first.set(id, i);
      for (const lang of ['zh-CN', 'en'] as const)
        if (titleOf(row, lang).trim() === '')
          add(
            table,
            i,
            lang,
            lang === 'en' ? both('英文名称不能为空', 'The English title is empty') : both('中文名称不能为空', 'The Chinese title is empty'),
          );
    });
  }
  wf.transitions.forEach((t, i) => {
    const from = fromOf(t);
    if (from.length === 0) add('transitions', i, 'from', both('请选择从哪个状态出发', 'Choose the state it leaves'));
    for (const s of from) {
      if (!ids.has(s)) add('transitions', i, 'from', both(`状态 ${s} 不存在`, `No state ${s}`));
      else if (finals.has(s)) add('transitions', i, 'from', both(`${s} 是终结状态,不能再流转`, `${s} is final: no transition leaves it`));
    }
    if (typeof t.to !== 'string' || !ids.has(t.to))
      add('transitions', i, 'to', both(`状态 ${String(t.to ?? '')} 不存在`, `No state ${String(t.to ?? '')}`));
    if (!Array.isArray(t.roles) || t.roles.length === 0)
      add('transitions', i, 'roles', both('请选择可执行的角色', 'Choose who may take it'));
    if (guardIds && Array.isArray(t.guards))
      for (const g of t.guards)
        if (!guardIds.includes(g)) add('transitions', i, 'guards', both(`表单没有守卫规则 ${g}`, `The form has no guard rule ${g}`));
  });
  return out;
}

/** The ids of the guard rules among the given rule files' parsed values (what `guards` may name). */
export function guardRuleIds(values: Record<string, unknown>, rulePaths: readonly string[]): string[] {
  const ids: string[] = [];
  for (const p of rulePaths) {
    const rules = isObj(values[p]) && Array.isArray(values[p].rules) ? values[p].rules : [];
    for (const r of rules) if (isObj(r) && r.kind === 'guard' && typeof r.id === 'string') ids.push(r.id);
  }
  return ids;
}

/** The workflow id the manifest gives a form (forms name their workflow by id). */
export function formWorkflowId(values: Record<string, unknown>, formId: string | undefined): string | null {
  const forms = (values['plugin.json'] as { forms?: unknown } | undefined)?.forms;
  const form = Array.isArray(forms) ? forms.find((f) => isObj(f) && f.id === formId) : undefined;
  return isObj(form) && typeof form.workflow === 'string' ? form.workflow : null;
}
