// The JsonLogic → SQL translator without a database: each operation's tree, and the refusals with their reason
// and pointer — at translation and when a plugin is loaded.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Refusal, translateLogic } from '../../platform/reports/translate-logic';
import { recordVars } from '../../platform/reports/report-vars';
import { createPluginLoader } from '../../platform/plugins';
import { createMetaValidators } from '../../platform/plugins/meta-schemas';
import { REPO_ROOT } from '../../platform/boot/config';

const DEMO = path.join(REPO_ROOT, 'test/reports/plugins/report-demo');
const schema = {
  type: 'object',
  properties: {
    n: { type: 'integer' },
    s: { type: 'string' },
    b: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    any: {},
  },
};
const vars = recordVars({ schema, params: { quota: 'number' } });
const tr = (logic: unknown) => translateLogic(logic, '/filter', vars);
const refusal = (logic: unknown): Refusal => {
  try {
    tr(logic);
  } catch (e) {
    if (e instanceof Refusal) return e;
    throw e;
  }
  throw new Error(`not refused: ${JSON.stringify(logic)}`);
};
const n = { k: 'field', source: 'data', path: ['n'], type: 'number', safe: true };

describe('translating JsonLogic to the plan tree', () => {
  it('types fields from the form schema and binds values as literals', () => {
    expect(tr({ '==': [{ var: 'data.n' }, 3] })).toEqual({
      k: 'cmp',
      op: '=',
      a: n,
      b: { k: 'lit', value: 3, type: 'number' },
      distinct: false,
    });
    expect(tr({ '===': [{ var: 'data.s' }, 'x'] })).toMatchObject({ k: 'cmp', op: '=', a: { type: 'text' } });
    expect(tr({ '!=': [{ var: 'data.s' }, 'x'] })).toMatchObject({ k: 'cmp', op: '<>', distinct: true });
    expect(tr({ '!==': [{ var: 'data.b' }, true] })).toMatchObject({ k: 'cmp', op: '<>', a: { type: 'boolean' } });
    expect(tr({ '==': [{ var: 'data.n' }, null] })).toEqual({ k: 'is-null', a: n, negate: false });
    expect(tr({ '!=': [null, { var: 'data.n' }] })).toEqual({ k: 'is-null', a: n, negate: true });
    // An untyped field against a literal compares as JSON; against a typed value it is read as that type.
    expect(tr({ '==': [{ var: 'data.any' }, 'x'] })).toMatchObject({ a: { type: 'json' }, b: { type: 'json', value: 'x' } });
    expect(tr({ '==': [{ var: 'data.any' }, { var: 'data.n' }] })).toMatchObject({ a: { type: 'number', safe: false }, distinct: true });
  });

  it('orderings count null as 0, as json-logic-js does; a 3-argument < is a between', () => {
    expect(tr({ '<': [{ var: 'data.n' }, 5] })).toEqual({
      k: 'cmp',
      op: '<',
      a: { k: 'zero-if-null', a: n },
      b: { k: 'lit', value: 5, type: 'number' },
    });
    expect(tr({ '<=': [1, { var: 'data.n' }, 9] })).toMatchObject({ k: 'logic', op: 'and', args: [{ op: '<=' }, { op: '<=' }] });
    expect(tr({ '>': [{ var: 'data.s' }, '2024-01-01'] })).toMatchObject({ op: '>', a: { type: 'text' } });
    expect(tr({ '>=': [{ var: 'data.n' }, { var: 'params.quota' }] })).toMatchObject({
      b: { k: 'zero-if-null', a: { k: 'param', name: 'quota' } },
    });
  });

  it('and, or, !, !!, in, arithmetic and if', () => {
    expect(tr({ and: [{ var: 'data.b' }, { '!': { var: 'data.s' } }] })).toEqual({
      k: 'logic',
      op: 'and',
      args: [
        { k: 'truthy', a: { k: 'field', source: 'data', path: ['b'], type: 'boolean', safe: true } },
        { k: 'not', a: { k: 'truthy', a: { k: 'field', source: 'data', path: ['s'], type: 'text', safe: true } } },
      ],
    });
    expect(tr({ or: [{ '!!': [{ var: 'data.tags' }] }] })).toMatchObject({
      k: 'logic',
      op: 'or',
      args: [{ k: 'truthy', a: { type: 'json' } }],
    });
    expect(tr({ in: [{ var: 'data.s' }, ['a', 'b']] })).toEqual({
      k: 'any',
      a: { k: 'field', source: 'data', path: ['s'], type: 'text', safe: true },
      list: { k: 'list', values: ['a', 'b'], type: 'text' },
    });
    expect(tr({ in: ['a', { var: 'data.tags' }] })).toMatchObject({ k: 'json-contains' });
    expect(tr({ in: ['a', { var: 'data.s' }] })).toMatchObject({ k: 'text-contains' });
    expect(tr({ in: [1, []] })).toEqual({ k: 'lit', value: false, type: 'boolean' });
    expect(tr({ '+': [{ var: 'data.n' }, 1, 2] })).toMatchObject({ k: 'arith', op: '+', args: [n, {}, {}] });
    expect(tr({ '-': [{ var: 'data.n' }] })).toEqual({ k: 'neg', a: n });
    expect(tr({ '*': [{ var: 'data.n' }, 2] })).toMatchObject({ k: 'arith', op: '*' });
    expect(tr({ '/': [{ var: 'data.n' }, 2] })).toMatchObject({ k: 'arith', op: '/' });
    expect(tr({ if: [{ var: 'data.b' }, 1, { var: 'data.n' }] })).toMatchObject({ k: 'case', type: 'number' });
    expect(tr({ var: ['data.n', 0] })).toMatchObject({ k: 'case', whens: [[{ k: 'is-null' }, { value: 0 }]] });
    expect(tr({ var: 'state' })).toEqual({ k: 'column', column: 'state', type: 'text' });
    // Stored rule results: score items and dimensions by id (read as numbers, guarded), check ids passed/failed.
    expect(tr({ '>': [{ var: 'results.score.items.s-1' }, 1] })).toMatchObject({
      a: { a: { source: 'results', path: ['score', 'items', 's-1'], type: 'number', safe: false } },
    });
    expect(tr({ '>': [{ var: 'results.score.dimensions.d' }, 1] })).toMatchObject({
      a: { a: { path: ['score', 'dimensions', 'd'], type: 'number' } },
    });
    expect(tr({ in: ['k', { var: 'results.passed' }] })).toMatchObject({ k: 'json-contains' });
  });

  it('round and floor to n decimals (a literal whole number, 0 by default), null counted as 0 in an ordering', () => {
    expect(tr({ round: [{ var: 'data.n' }, 2] })).toEqual({ k: 'round', mode: 'round', a: n, digits: 2 });
    expect(tr({ floor: { var: 'data.n' } })).toEqual({ k: 'round', mode: 'floor', a: n, digits: 0 });
    expect(tr({ round: [{ var: 'data.any' }, -2] })).toMatchObject({ a: { type: 'number', safe: false }, digits: -2 });
    expect(tr({ '<': [{ floor: [{ var: 'data.n' }] }, 5] })).toMatchObject({ a: { k: 'zero-if-null', a: { k: 'round' } } });
    for (const [logic, pointer, en] of [
      [{ round: [{ var: 'data.n' }, { var: 'data.n' }] }, '/filter/round/1', 'The digits must be a literal whole number from -15 to 15'],
      [{ floor: [{ var: 'data.n' }, 1.5] }, '/filter/floor/1', 'The digits must be a literal whole number from -15 to 15'],
      [{ round: [{ var: 'data.n' }, 16] }, '/filter/round/1', 'The digits must be a literal whole number from -15 to 15'],
      [{ round: [{ var: 'data.n' }, 1, 2] }, '/filter/round', 'Operation round has the wrong number of arguments'],
      [{ round: [{ var: 'data.s' }] }, '/filter/round/0', 'Type mismatch: text against number'],
    ] as const) {
      const r = refusal(logic);
      expect([r.pointer, r.reason.en], JSON.stringify(logic)).toEqual([pointer, en]);
    }
  });

  it('refuses what has no SQL equivalent, with the reason and the pointer of the node', () => {
    for (const [logic, pointer, word] of [
      [{ map: [{ var: 'data.tags' }, 1] }, '/filter', 'map'],
      [{ and: [true, { some: [{ var: 'data.tags' }, true] }] }, '/filter/and/1', 'some'],
      [{ cat: ['a', 'b'] }, '/filter', 'cat'],
      [{ missing: ['data.n'] }, '/filter', 'missing'],
      [{ date_add: ['2024-01-01', 1, 'days'] }, '/filter', 'date_add'],
      [{ '==': [{ var: 'data.nowhere' }, 1] }, '/filter/==/0/var', 'data.nowhere'],
      [{ '==': [{ var: 'data.n' }, 'x'] }, '/filter/==', 'number'],
      [{ '<': [{ var: 'data.b' }, true] }, '/filter/<', 'boolean'],
      [{ var: [{ var: 'data.s' }] }, '/filter/var', 'var'],
      [{ '==': [{ var: 'params.nope' }, 1] }, '/filter/==/0/var', 'params.nope'],
      [{ '==': [{ var: 'data.__proto__' }, 1] }, '/filter/==/0/var', '__proto__'],
      // Records store rule ids and outcomes only: no list of checks or of classes with their titles.
      [{ '!!': { var: 'results.checks' } }, '/filter/!!/var', 'results.passed / results.failed'],
      [{ '!!': { var: 'results.classList' } }, '/filter/!!/var', 'results.classes'],
      [{ '==': [{ var: 'results.score.items.a.b' }, 1] }, '/filter/==/0/var', 'results.score.items.a.b'],
      [[1, 2], '/filter', 'in'],
    ] as [unknown, string, string][]) {
      const r = refusal(logic);
      expect(r.pointer, JSON.stringify(logic)).toBe(pointer);
      expect(r.reason.en, JSON.stringify(logic)).toContain(word);
      expect(r.reason['zh-CN'].length).toBeGreaterThan(0);
    }
  });
});

describe('report files at plugin load', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-reports-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const variant = async (name: string, file: string, edit: (v: any) => void) => {
    const dir = path.join(root, name);
    await cp(DEMO, dir, { recursive: true });
    const p = path.join(dir, file);
    const v = JSON.parse(await readFile(p, 'utf8'));
    edit(v);
    await writeFile(p, JSON.stringify(v));
    return createPluginLoader().fromFolder(dir);
  };

  it('the demo plugin loads, with frozen plans', async () => {
    const r = await createPluginLoader().fromFolder(DEMO);
    expect(r.errors).toEqual([]);
    const plan = r.plugin!.reports.get('coops-by-kind')!.plan;
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.columns[0])).toBe(true);
    // Generated aliases, never the plugin's column ids.
    expect(plan.columns.map((c) => c.alias)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10']);
  });

  it('refuses a filter with an untranslatable operation, naming file, pointer and reason', async () => {
    const r = await variant('reduce', 'reports/coops-by-kind.json', (v) => {
      v.filter = { and: [true, { reduce: [{ var: 'data.tags' }, 1, 0] }] };
    });
    expect(r.plugin).toBeUndefined();
    expect(r.errors).toEqual([
      expect.objectContaining({ file: 'reports/coops-by-kind.json', pointer: '/filter/and/1', code: 'REPORT_INVALID' }),
    ]);
    expect(r.errors[0].message.en).toMatch(/reduce has no SQL equivalent/);
  });

  it('checks cross-references: form, join field, fields, groups, columns, parameters, chart', async () => {
    const errors = async (name: string, edit: (v: any) => void, file = 'reports/coops-by-kind.json') =>
      (await variant(name, file, edit)).errors.map((e) => [e.file, e.pointer]);
    expect(
      await errors('form', (v) => {
        v.source = { form: 'nope' };
      }),
    ).toContainEqual(['reports/coops-by-kind.json', '/source/form']);
    expect(
      await errors(
        'join',
        (v) => {
          v.source.join.field = '/head';
        },
        'reports/households-with-coop.json',
      ),
    ).toContainEqual(['reports/households-with-coop.json', '/source/join/field']);
    expect(
      await errors('field', (v) => {
        v.columns[5].aggregate.of = { var: 'data.income' };
      }),
    ).toContainEqual(['reports/coops-by-kind.json', '/columns/5/aggregate/of/var']);
    const typo = await variant('field-typo', 'reports/coops-by-kind.json', (v) => {
      v.columns[5].aggregate.of = { var: 'data.revenu' };
    });
    expect(typo.errors.map((e) => e.message.en)).toContain(
      'Cannot read data.revenu: the form has no such field. Did you mean data.revenue?',
    );
    expect(
      await errors('group', (v) => {
        v.columns[0].group = 'nope';
      }),
    ).toContainEqual(['reports/coops-by-kind.json', '/columns/0/group']);
    expect(
      await errors('value-in-grouped', (v) => {
        v.columns[2] = { id: 'n', label: v.columns[2].label, value: { var: 'data.members' } };
      }),
    ).toContainEqual(['reports/coops-by-kind.json', '/columns/2/value']);
    expect(
      await errors('sum-text', (v) => {
        v.columns[5].aggregate.of = { var: 'data.name' };
      }),
    ).toContainEqual(['reports/coops-by-kind.json', '/columns/5/aggregate/of']);
    expect(
      await errors('rank', (v) => {
        v.columns[9].rank.by = 'nope';
      }),
    ).toContainEqual(['reports/coops-by-kind.json', '/columns/9/rank/by']);
    expect(
      await errors('later-column', (v) => {
        v.columns[10].value = { '/': [{ var: 'column.rank' }, 1] };
      }),
    ).toContainEqual(['reports/coops-by-kind.json', '/columns/10/value/~1/0/var']);
    expect(
      await errors('param', (v) => {
        v.limit = { parameter: 'nope' };
      }),
    ).toContainEqual(['reports/coops-by-kind.json', '/limit/parameter']);
    expect(
      await errors('reserved', (v) => {
        v.parameters[0].name = 'period';
      }),
    ).toContainEqual(['reports/coops-by-kind.json', '/parameters/0/name']);
    expect(
      await errors('chart', (v) => {
        v.chart.series = ['kind'];
      }),
    ).toContainEqual(['reports/coops-by-kind.json', '/chart/series/0']);
    expect(
      await errors('dup', (v) => {
        v.columns[1].id = 'kind';
      }),
    ).toContainEqual(['reports/coops-by-kind.json', '/columns/1/id']);
  });

  it('the meta-schema refuses unknown keys at every level', () => {
    const meta = createMetaValidators();
    const base = {
      id: 'r',
      title: { 'zh-CN': '报表', en: 'Report' },
      source: { form: 'coop' },
      columns: [{ id: 'a', label: { 'zh-CN': 'a', en: 'a' }, aggregate: { fn: 'count' } }],
    };
    expect(meta.validate('report', 'r.json', base)).toEqual([]);
    const bad = (v: object, pointer: string) => {
      const errors = meta.validate('report', 'r.json', v);
      expect(errors, pointer).toContainEqual(expect.objectContaining({ file: 'r.json', pointer, keyword: 'additionalProperties' }));
    };
    bad({ ...base, sql: 'select 1' }, '/sql');
    bad({ ...base, source: { form: 'coop', table: 'users' } }, '/source/table');
    bad({ ...base, columns: [{ ...base.columns[0], expression: 'now()' }] }, '/columns/0/expression');
    bad({ ...base, columns: [{ ...base.columns[0], aggregate: { fn: 'count', raw: 'x' } }] }, '/columns/0/aggregate/raw');
    bad({ ...base, title: { 'zh-CN': 'a', en: 'b', fr: 'c' } }, '/title/fr');
    bad({ ...base, chart: { type: 'bar', category: 'a', series: ['a'], colors: [] } }, '/chart/colors');
    bad({ ...base, print: { title: base.title, watermark: 'x' } }, '/print/watermark');
    bad({ ...base, groupBy: [{ id: 'g', orgLevel: 'county', having: 1 }] }, '/groupBy/0/having');
    bad({ ...base, parameters: [{ name: 'x', title: base.title, type: 'integer', sql: 1 }] }, '/parameters/0/sql');
    expect(
      meta.validate('report', 'r.json', { ...base, columns: [{ ...base.columns[0], aggregate: { fn: 'median' } }] }).length,
    ).toBeGreaterThan(0);
  });
});
