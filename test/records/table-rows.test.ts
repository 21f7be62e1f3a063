// Compute rules writing into every row of a table (`field: "/items/*/gap"`, reading `row.…`) and a unique key
// within a table (`x-uniqueBy`), on the neutral table-rows-demo plugin: a row's gap is max(0, due − paid) for years
// up to the parameter lastYear (2022), empty after; year + payee may not repeat.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { runFixtures } from '../../platform/fixtures/run-fixtures';
import { evaluateForm, explainRule } from '../../platform/evaluation';
import { createRuleEngine } from '../../platform/rules';
import { compactResults } from '../../platform/evaluation/compact-results';
import { expandResults } from '../../platform/evaluation/expand-results';
import { withoutComputed } from '../../platform/records/evaluate-record';

const DEMO = path.join(import.meta.dirname, 'plugins/table-rows-demo');
const loader = createPluginLoader();
let root: string;

const rows = [
  { year: 2021, payee: 'a', due: 1000, paid: 400 },
  { year: 2021, payee: 'b', due: 500, paid: 800 },
  { year: 2023, payee: 'a', due: 900, paid: 0 },
];

/** The demo with one of its files changed. */
async function variant(name: string, file: string, change: (json: any) => void): Promise<string> {
  const dir = path.join(root, name);
  await cp(DEMO, dir, { recursive: true });
  const json = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
  change(json);
  await writeFile(path.join(dir, file), JSON.stringify(json));
  return dir;
}
const errorsOf = async (dir: string) => (await loader.fromFolder(dir)).errors.map((e) => [e.file, e.pointer, e.code ?? null, e.message.en]);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-table-rows-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('compute rules writing into table rows', () => {
  it('write each row its own value and give the list as the result; the fixture cases pass', async () => {
    const { plugin, errors } = await loader.fromFolder(DEMO);
    expect(errors).toEqual([]);
    expect(runFixtures(plugin!).flatMap((o) => o.mismatches)).toEqual([]);
    const form = plugin!.forms.get('ledger')!;
    const { data, results } = evaluateForm(form, { data: { items: rows }, params: { lastYear: 2022 }, asOf: '2024-06-01' });
    // 1000 − 400 = 600; 500 − 800 below 0 → 0; 2023 is after 2022 → null.
    expect((data.items as any[]).map((r) => r.gap)).toEqual([600, 0, null]);
    expect(results.computed['row-gap']).toEqual([600, 0, null]);
    expect(data.gapTotal).toBe(600);
    // The input is not changed, and the stored (compact) results keep the list.
    expect(rows[0]).not.toHaveProperty('gap');
    expect(expandResults(form, compactResults(results))).toEqual(results);
    // What a client sends for a row's computed field is dropped before the server evaluates.
    expect(withoutComputed(form, data)).toEqual({ items: rows });
  });

  it('are explained on the first row', async () => {
    const form = (await loader.fromFolder(DEMO)).plugin!.forms.get('ledger')!;
    const e = explainRule(form, createRuleEngine(), { data: { items: rows }, params: { lastYear: 2022 }, asOf: '2024-06-01' }, 'row-gap')!;
    expect(e.when?.trace.value).toBe(true);
    expect(e.logic?.trace.value).toBe(600);
  });

  it('spend one rule budget over all rows: 10,000 rows evaluate, a costly rule over them fails alone', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ year: 2000 + (i % 20), payee: 'a', due: i, paid: 0 }));
    const { plugin } = await loader.fromFolder(DEMO);
    const form = plugin!.forms.get('ledger')!;
    const started = Date.now();
    const { data, results } = evaluateForm(form, { data: { items: many }, params: { lastYear: 2022 }, asOf: '2024-06-01' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect((data.items as any[])[9_999].gap).toBe(9_999);
    expect(results.errors).toBeUndefined();

    // Each row sums the whole table (10,000 items): 10,000 × 10,000 steps, far over 1,000,000.
    const dir = await variant('costly', 'rules/ledger.json', (r) => {
      r.rules[0].logic = { reduce: [{ var: 'data.items' }, { '+': [{ var: 'accumulator' }, 1] }, 0] };
    });
    const costly = (await loader.fromFolder(dir)).plugin!.forms.get('ledger')!;
    const out = evaluateForm(costly, { data: { items: many }, params: { lastYear: 2022 }, asOf: '2024-06-01' });
    expect(out.results.errors?.map((e) => [e.id, e.code, e.limit])).toEqual([['row-gap', 'RULE_BUDGET_EXCEEDED', 'steps']]);
    expect((out.data.items as any[]).every((r) => r.gap === null)).toBe(true);
  });

  it('are checked at load: the table, the row field, one *, no override, and row.… names', async () => {
    const rule = (change: (r: any) => void) => (json: any) => change(json.rules[0]);
    const R = 'rules/ledger.json';
    expect(
      await errorsOf(
        await variant(
          'table',
          R,
          rule((r) => (r.field = '/lines/*/gap')),
        ),
      ),
    ).toEqual([[R, '/rules/0/field', null, '/lines/*/gap: the form has no table /lines (an array of objects)']]);
    expect(
      await errorsOf(
        await variant(
          'column',
          R,
          rule((r) => (r.field = '/items/*/gapp')),
        ),
      ),
    ).toEqual([[R, '/rules/0/field', null, '/items/*/gapp: the rows of table /items have no field /gapp']]);
    expect(
      await errorsOf(
        await variant(
          'two',
          R,
          rule((r) => (r.field = '/items/*/x/*/y')),
        ),
      ),
    ).toEqual([[R, '/rules/0/field', null, '/items/*/x/*/y: only one level of * (the rows of one table) is allowed']]);
    expect(
      await errorsOf(
        await variant(
          'override',
          R,
          rule((r) => (r.override = { roles: ['officer'], reason: 'required' })),
        ),
      ),
    ).toEqual([[R, '/rules/0/override', null, 'A compute rule writing into table rows cannot be overridden']]);
    const misspelt = await errorsOf(
      await variant(
        'name',
        R,
        rule((r) => (r.when['<='][0] = { var: 'row.yeer' })),
      ),
    );
    expect(misspelt).toEqual([
      [
        R,
        '/rules/0/when/<=/0/var',
        'RULE_UNKNOWN_FIELD',
        'The items of /items have no field row.yeer (the rule would always read null). Did you mean row.year?',
      ],
    ]);
    // A rule writing one field has no row: its `row.…` would read null forever.
    const noRow = await errorsOf(await variant('norow', R, (j) => (j.rules[1].logic = { var: 'row.gap' })));
    expect(noRow).toEqual([
      [
        R,
        '/rules/1/logic/var',
        'RULE_UNKNOWN_FIELD',
        'Only a compute rule writing into table rows (field /table/*/field) reads row.gap (the rule would always read null).',
      ],
    ]);
  });
});

describe('x-uniqueBy', () => {
  it('refuses the later of two rows with the same key, at its pointer, naming the values', async () => {
    const { plugin } = await loader.fromFolder(DEMO);
    const form = plugin!.forms.get('ledger')!;
    const dup = [...rows.slice(0, 2), { year: 2022, payee: 'a', due: 1, paid: 1 }, { year: 2021, payee: 'a', due: 9, paid: 0 }];
    expect(form.validate({ items: dup })).toEqual([
      expect.objectContaining({
        pointer: '/items/3',
        code: 'VALIDATION_FAILED',
        keyword: 'x-uniqueBy',
        message: {
          'zh-CN': '逐年明细：第 4 行与第 1 行重复(年度=2021,对象=甲)',
          en: '逐年明细: row 4 repeats row 1 (year = 2021, payee = a)',
        },
      }),
    ]);
    // Same year, another payee; or a row without the year (required says so, not x-uniqueBy): no duplicate.
    expect(form.validate({ items: rows })).toEqual([]);
    expect(form.validate({ items: [rows[0], { payee: 'a', due: 1, paid: 1 }] }).map((e) => e.keyword)).toEqual(['required']);
  });

  it('names item fields only, on an array: checked at load', async () => {
    const S = 'forms/ledger.schema.json';
    const dir = await variant('unique', S, (s) => (s.properties.items['x-uniqueBy'] = ['year', 'payer']));
    expect(await errorsOf(dir)).toEqual([
      [
        S,
        '/properties/items/x-uniqueBy/1',
        'PLUGIN_INVALID',
        'x-uniqueBy names "payer", which is not a field of the items (items.properties)',
      ],
    ]);
    const onText = await variant('text', S, (s) => (s.properties.name['x-uniqueBy'] = ['year']));
    expect((await errorsOf(onText)).map((e) => e[1])).toEqual(['/properties/name/x-uniqueBy', '/properties/name/x-uniqueBy/0']);
    const empty = await variant('empty', S, (s) => (s.properties.items['x-uniqueBy'] = []));
    expect((await errorsOf(empty)).map((e) => [e[1], e[2]])).toEqual([['/properties/items/x-uniqueBy', 'PLUGIN_INVALID']]);
  });
});
