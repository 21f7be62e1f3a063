// A moved field keeps what names it (web/src/studio/rename-field-paths.ts): each kind of reference in a hand-written
// draft before and after, a section moved with the fields inside it, and a real plugin's draft still loading.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { createPluginLoader } from '../../platform/plugins/loader';
import { editedFiles } from '../../platform/studio/installed-files';
import { moveWithUi } from '../../web/src/studio/MoveToSection';
import { renameFieldPaths, renameSummary, moveValue } from '../../web/src/studio/rename-field-paths';
import { followMoves } from '../../web/src/studio/follow-moves';
import { formatJson } from '../../web/src/studio/draft-files';
import { BUNDLED_PLUGINS } from '../helpers/paths';
import { bundledLoader } from '../helpers/bundled-dependencies';

const j = formatJson;
const read = (files: Record<string, string>, p: string) => JSON.parse(files[p]);

const draft = () => ({
  'plugin.json': j({
    id: 'demo',
    forms: [
      {
        id: 'visit',
        schema: 'forms/visit.schema.json',
        rules: ['rules/visit.json'],
        workflow: 'visit',
        subject: '/a/x',
        subjectTitle: '/a/name',
        earlier: { by: '/a/x', limit: 5 },
        import: {
          key: ['/a/x'],
          columns: [
            { header: ['代码'], pointer: '/a/x' },
            { header: ['其他'], pointer: '/a/xy' },
          ],
        },
        listColumns: [{ id: 'x', title: { 'zh-CN': '代码' }, pointer: '/a/x' }],
        ranking: { by: '/a/x' },
      },
      { id: 'tie', schema: 'forms/tie.schema.json', links: { form: 'visit', by: '/a/x', join: { field: '/a/x' } } },
    ],
  }),
  'forms/visit.schema.json': j({
    type: 'object',
    properties: {
      a: { type: 'object', properties: { x: { type: 'string' }, xy: { type: 'string' }, name: { type: 'string' } } },
      b: { type: 'object', properties: {} },
      other: { type: 'string', 'x-when': { '==': [{ var: 'data.a.x' }, 'other'] } },
      copy: { type: 'string', 'x-default': { field: '/a/x' } },
      fromRef: { type: 'string', 'x-default': { from: '/ledger', field: '/a/x' } },
    },
  }),
  'forms/tie.schema.json': j({ type: 'object', properties: { a: { type: 'object', properties: { x: { type: 'string' } } } } }),
  'rules/visit.json': j({
    rules: [
      { id: 'r1', kind: 'check', pointer: '/a/x', logic: { '!': [{ missing: ['data.a.x', 'data.a.xy'] }] } },
      { id: 'r2', kind: 'compute', field: '/a/x', logic: { cat: [{ var: ['data.a.x', ''] }, { var: 'refs./a/x.data.name' }] } },
      { id: 'r3', kind: 'check', logic: { missing_some: [1, ['data.a.x', 'earlier.0.data.a.x']] } },
      { id: 'r4', kind: 'check', logic: { '==': [{ var: 'data.a.xy' }, 1] } },
    ],
  }),
  'workflows/visit.json': j({
    id: 'visit',
    transitions: [
      { id: 'go', from: ['draft'], to: 'done', set: { on: { var: 'data.a.x' } } },
      { id: 'back', from: ['done'], to: 'draft' },
    ],
  }),
  'reports/list.json': j({ id: 'list', source: { form: 'visit' }, columns: [{ id: 'x', value: { var: 'data.a.x' } }] }),
  'reports/other.json': j({ id: 'other', source: { form: 'tie' }, columns: [{ id: 'x', value: { var: 'data.a.x' } }] }),
  'fixtures/visit.json': j({
    form: 'visit',
    base: { a: { x: 'K1', xy: 'Q' } },
    cases: [{ input: { a: { x: 'K2' } }, expected: { errors: ['/a/x'] } }, { input: { other: 'n' } }],
  }),
});

describe('renaming what names a moved field', () => {
  const { files, changed, shared } = renameFieldPaths(draft(), 'visit', ['a', 'x'], ['b', 'x']);

  it('rewrites JsonLogic vars (with defaults, refs., earlier.), missing lists and rule pointers, not a longer key', () => {
    expect(read(files, 'rules/visit.json').rules).toEqual([
      { id: 'r1', kind: 'check', pointer: '/b/x', logic: { '!': [{ missing: ['data.b.x', 'data.a.xy'] }] } },
      { id: 'r2', kind: 'compute', field: '/b/x', logic: { cat: [{ var: ['data.b.x', ''] }, { var: 'refs./b/x.data.name' }] } },
      { id: 'r3', kind: 'check', logic: { missing_some: [1, ['data.b.x', 'earlier.0.data.b.x']] } },
      { id: 'r4', kind: 'check', logic: { '==': [{ var: 'data.a.xy' }, 1] } },
    ]);
  });

  it("rewrites the schema's x-when and x-default, but not a default read from a referenced record", () => {
    const p = read(files, 'forms/visit.schema.json').properties;
    expect(p.other['x-when']).toEqual({ '==': [{ var: 'data.b.x' }, 'other'] });
    expect(p.copy['x-default']).toEqual({ field: '/b/x' });
    expect(p.fromRef['x-default']).toEqual({ from: '/ledger', field: '/a/x' });
  });

  it("rewrites the form's settings and the links of the form naming it, not the ranking's result pointer", () => {
    const [visit, tie] = read(files, 'plugin.json').forms;
    expect([visit.subject, visit.subjectTitle, visit.earlier.by]).toEqual(['/b/x', '/a/name', '/b/x']);
    expect(visit.import.key).toEqual(['/b/x']);
    expect(visit.import.columns.map((c: { pointer: string }) => c.pointer)).toEqual(['/b/x', '/a/xy']);
    expect(visit.listColumns[0].pointer).toBe('/b/x');
    expect(visit.ranking.by).toBe('/a/x');
    expect(tie.links).toEqual({ form: 'visit', by: '/b/x', join: { field: '/b/x' } });
  });

  it("rewrites the form's workflow and reports, not another form's report", () => {
    expect(read(files, 'workflows/visit.json').transitions[0].set).toEqual({ on: { var: 'data.b.x' } });
    expect(read(files, 'reports/list.json').columns[0].value).toEqual({ var: 'data.b.x' });
    expect(files['reports/other.json']).toBe(draft()['reports/other.json']);
  });

  it("moves the fixtures' values and renames the expected error pointers", () => {
    expect(read(files, 'fixtures/visit.json')).toEqual({
      form: 'visit',
      base: { a: { xy: 'Q' }, b: { x: 'K1' } },
      cases: [{ input: { a: {}, b: { x: 'K2' } }, expected: { errors: ['/b/x'] } }, { input: { other: 'n' } }],
    });
  });

  it('counts what changed by rule, field, setting, step, report and case', () => {
    expect(shared).toEqual([]);
    expect(changed).toEqual({ rules: 3, fields: 2, settings: 7, workflows: 1, reports: 1, fixtures: 2 });
    expect(renameSummary({ rules: 3, reports: 1 })).toEqual({
      'zh-CN': '已更新 3 条规则、1 个报表中的引用',
      en: 'References updated in 3 rule(s), 1 report(s)',
    });
    expect(renameSummary({})).toBeNull();
  });

  it('a section moved takes every field inside it along, and nothing else changes', () => {
    const r = renameFieldPaths(draft(), 'visit', ['a'], ['b', 'a']);
    const rules = read(r.files, 'rules/visit.json').rules;
    expect(rules[0].logic).toEqual({ '!': [{ missing: ['data.b.a.x', 'data.b.a.xy'] }] });
    expect(rules[3].logic).toEqual({ '==': [{ var: 'data.b.a.xy' }, 1] });
    expect(read(r.files, 'plugin.json').forms[0].subjectTitle).toBe('/b/a/name');
    expect(read(r.files, 'fixtures/visit.json').base).toEqual({ b: { a: { x: 'K1', xy: 'Q' } } });
    expect(renameFieldPaths(draft(), 'visit', ['zzz'], ['b', 'zzz']).files).toEqual(draft());
  });

  it('leaves a rule file another form shares while that form still has the field', () => {
    const d = draft();
    const pj = read(d, 'plugin.json');
    pj.forms[1].rules = ['rules/visit.json'];
    const r = renameFieldPaths({ ...d, 'plugin.json': j(pj) }, 'visit', ['a', 'x'], ['b', 'x']);
    expect(r.shared).toEqual(['rules/visit.json']);
    expect(r.files['rules/visit.json']).toBe(d['rules/visit.json']);
  });

  it('moves a value only where it is', () => {
    expect(moveValue({ a: 1 }, ['b'], ['c'])).toEqual({ a: 1 });
    expect(moveValue({ a: { b: null } }, ['a', 'b'], ['b'])).toEqual({ a: {}, b: null });
  });
});

describe('the tree’s moves followed with one notice', () => {
  it('sums what several moves changed, and a reorder within a level says nothing', () => {
    const r = followMoves(draft(), 'visit', [
      { from: ['a', 'x'], to: ['b', 'x'] },
      { from: ['a', 'xy'], to: ['b', 'xy'] },
    ]);
    expect(r.notice?.summary['zh-CN']).toBe(
      '已更新 4 条规则、2 个字段的显示条件或默认值、8 处表单设置、1 个流程步骤、1 个报表、2 个测试用例中的引用',
    );
    expect(read(r.files, 'rules/visit.json').rules[3].logic).toEqual({ '==': [{ var: 'data.b.xy' }, 1] });
    expect(followMoves(draft(), 'visit', [{ from: ['a', 'x'], to: ['a', 'x'] }])).toEqual({ files: draft(), notice: null });
  });
});

describe('a move in a draft of an installed plugin', () => {
  it('still loads with the loader’s checks', async () => {
    const plugin = (await createPluginLoader().fromFolder(path.join(BUNDLED_PLUGINS, 'guangzhou-demonstration'))).plugin!;
    const files = editedFiles(plugin, [plugin.version]);
    const schemaPath = 'forms/application.schema.json';
    const uiPath = 'forms/application.ui.json';
    const moved = moveWithUi(read(files, schemaPath), read(files, uiPath), ['revenue', 'lastYear'], [], 0);
    const movedOnly = { ...files, [schemaPath]: j(moved.schema), [uiPath]: j(moved.ui) };
    const loadErrors = (f: Record<string, string>) =>
      bundledLoader.fromFiles(Object.fromEntries(Object.entries(f).map(([p, t]) => [p, JSON.parse(t)])) as never).errors;
    // Without the renaming the rules read a field that is no longer there.
    expect(loadErrors(movedOnly).length).toBeGreaterThan(0);
    const next = renameFieldPaths(
      { ...files, [schemaPath]: j(moved.schema), [uiPath]: j(moved.ui) },
      'application',
      ['revenue', 'lastYear'],
      ['lastYear'],
    );
    expect(next.changed.rules).toBeGreaterThan(0);
    expect(next.files['rules/application.json']).toContain('data.lastYear');
    expect(next.files['rules/application.json']).not.toContain('data.revenue.lastYear');
    expect(loadErrors(next.files)).toEqual([]); // as a server with the bundled plugins (their calendar)
  });
});
