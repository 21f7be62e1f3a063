// The studio's workflow edits: cells set with optional keywords left out when unset, a renamed state followed by
// its transitions, problems the loader would refuse found as one types (unknown state, repeated id, a step out of a
// final state, a guard the form lacks), and the diagram's layers from the initial state.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addState,
  addTransition,
  formWorkflowId,
  moveRow,
  guardRuleIds,
  readWorkflow,
  removeRow,
  renameState,
  setCell,
  workflowPath,
  workflowProblems,
  writeWorkflow,
  type Workflow,
} from '../../web/src/studio/workflow-edit';
import { layoutWorkflow } from '../../web/src/studio/workflow-layout';
import { BUNDLED_PLUGINS } from '../helpers/paths';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const filing = (): Workflow =>
  readWorkflow({
    id: 'main',
    title: t('填报', 'Filing'),
    initial: 'draft',
    states: [
      { id: 'draft', title: t('草稿', 'Draft'), editable: true },
      { id: 'review', title: t('审核中', 'In review') },
      { id: 'done', title: t('已办结', 'Done'), final: true },
    ],
    transitions: [
      { id: 'submit', title: t('提交', 'Submit'), from: ['draft'], to: 'review', roles: ['officer'] },
      { id: 'approve', title: t('通过', 'Approve'), from: ['review'], to: 'done', roles: ['reviewer'], set: { ok: true } },
      { id: 'return', title: t('退回', 'Return'), from: ['review'], to: 'draft', roles: ['reviewer'], commentRequired: true },
    ],
  })!;

describe('the workflow in the studio', () => {
  it('sets cells, leaving unset optional keywords out and the ones it does not show untouched', () => {
    let wf = setCell(filing(), 'transitions', 1, 'level', 'county');
    wf = setCell(wf, 'transitions', 1, 'commentRequired', true);
    wf = setCell(wf, 'transitions', 1, 'en', 'Pass');
    expect(wf.transitions[1]).toEqual({
      id: 'approve',
      title: t('通过', 'Pass'),
      from: ['review'],
      to: 'done',
      roles: ['reviewer'],
      set: { ok: true },
      level: 'county',
      commentRequired: true,
    });
    wf = setCell(setCell(wf, 'transitions', 1, 'level', undefined), 'transitions', 1, 'commentRequired', false);
    expect(Object.keys(wf.transitions[1])).toEqual(['id', 'title', 'from', 'to', 'roles', 'set']);
    // Required keywords stay even when emptied, for the problems to name.
    expect(setCell(filing(), 'transitions', 0, 'roles', []).transitions[0].roles).toEqual([]);
    expect(filing().transitions[1].level).toBeUndefined();
  });

  it('moves a state or a transition one place up or down, whole; nothing at either end', () => {
    const wf = filing();
    const ids = (w: Workflow, table: 'states' | 'transitions') => w[table].map((r) => r.id);
    expect(ids(moveRow(wf, 'transitions', 2, -1), 'transitions')).toEqual(['submit', 'return', 'approve']);
    expect(moveRow(wf, 'transitions', 1, 1).transitions[2]).toEqual(wf.transitions[1]);
    expect(ids(moveRow(wf, 'states', 0, 1), 'states')).toEqual(['review', 'draft', 'done']);
    // The other table, the initial state and the row's keywords are untouched.
    expect(moveRow(wf, 'states', 0, 1).transitions).toEqual(wf.transitions);
    expect(moveRow(wf, 'states', 0, 1).initial).toBe('draft');
    expect(moveRow(wf, 'states', 0, -1)).toBe(wf);
    expect(moveRow(wf, 'transitions', 2, 1)).toBe(wf);
    expect(moveRow(wf, 'states', 5, -1)).toBe(wf);
    // The original is not changed.
    expect(ids(wf, 'states')).toEqual(['draft', 'review', 'done']);
  });

  it('renames a state and its transitions and initial state with it', () => {
    const wf = renameState(filing(), 0, 'start');
    expect(wf.initial).toBe('start');
    expect(wf.transitions.map((x) => [x.from, x.to])).toEqual([
      [['start'], 'review'],
      [['review'], 'done'],
      [['review'], 'start'],
    ]);
    expect(workflowProblems(wf)).toEqual([]);
  });

  it('finds an unknown state, repeated ids, a step out of a final state and an unknown guard, in Chinese and English', () => {
    expect(workflowProblems(filing(), [])).toEqual([]);
    let wf = setCell(filing(), 'transitions', 0, 'to', 'reviewed');
    wf = setCell(wf, 'states', 1, 'id', 'draft');
    wf = setCell(wf, 'transitions', 2, 'from', ['done']);
    wf = setCell(wf, 'transitions', 1, 'guards', ['complete']);
    expect(workflowProblems(wf, ['has-members'])).toEqual([
      { table: 'states', row: 1, column: 'id', message: ['编号 draft 与第 1 行重复', 'Id draft repeats row 1'] },
      { table: 'transitions', row: 0, column: 'to', message: ['状态 reviewed 不存在', 'No state reviewed'] },
      { table: 'transitions', row: 1, column: 'from', message: ['状态 review 不存在', 'No state review'] },
      { table: 'transitions', row: 1, column: 'guards', message: ['表单没有守卫规则 complete', 'The form has no guard rule complete'] },
      { table: 'transitions', row: 2, column: 'from', message: ['done 是终结状态,不能再流转', 'done is final: no transition leaves it'] },
    ]);
  });

  it('adds a state and a transition to be filled in, and names what is missing', () => {
    const wf = addTransition(addState(filing()));
    expect(wf.transitions[3]).toEqual({ id: '', title: t('', ''), from: ['draft'], to: 'review', roles: ['officer'] });
    expect(workflowProblems(wf).map((p) => `${p.table}/${p.row}/${p.column}`)).toEqual([
      'states/3/id',
      'states/3/zh-CN',
      'states/3/en',
      'transitions/3/id',
      'transitions/3/zh-CN',
      'transitions/3/en',
    ]);
    expect(removeRow(wf, 'states', 3).states).toHaveLength(3);
  });

  it("finds a form's workflow file and guard rules, and writes it back byte for byte when unchanged", () => {
    const dir = path.join(BUNDLED_PLUGINS, 'beibei-pilot');
    const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
    const values: Record<string, unknown> = { 'plugin.json': JSON.parse(read('plugin.json')) };
    for (const f of ['workflows/survey.json', 'workflows/counsellor.json', 'rules/survey.json']) values[f] = JSON.parse(read(f));
    expect(formWorkflowId(values, 'survey')).toBe('survey');
    expect(workflowPath(values, 'counsellor')).toBe('workflows/counsellor.json');
    const wf = readWorkflow(values['workflows/counsellor.json'])!;
    expect(writeWorkflow({}, 'w.json', wf)['w.json']).toBe(read('workflows/counsellor.json'));
    expect(workflowProblems(readWorkflow(values['workflows/survey.json'])!, guardRuleIds(values, ['rules/survey.json']))).toEqual([]);
  });

  it('lays the diagram out in layers from the initial state, a step back marked, an unreachable state last', () => {
    const wf = addState(filing());
    const layout = layoutWorkflow(setCell(setCell(wf, 'states', 3, 'id', 'archived'), 'states', 3, 'zh-CN', '归档'));
    expect(layout.boxes.map((b) => [b.id, b.layer, b.reachable])).toEqual([
      ['draft', 0, true],
      ['review', 1, true],
      ['done', 2, true],
      ['archived', 3, false],
    ]);
    expect(layout.arrows.map((a) => `${a.from}->${a.to}${a.back ? ' back' : ''}`)).toEqual([
      'draft->review',
      'review->done',
      'review->draft back',
    ]);
    expect(layout.boxes[0].y).toBeLessThan(layout.boxes[1].y);
  });
});
