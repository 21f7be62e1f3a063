// The evaluation budget: every limit stops a rule with BudgetExceeded (never an out-of-memory or a hang), a
// fresh budget per evaluation, the same results as json-logic-js wherever the budget is not hit, and a rule
// error on the record from the form evaluator.
import { describe, expect, it } from 'vitest';
import jsonLogic from 'json-logic-js';
import { BudgetExceeded, createRuleEngine, RULE_BUDGET } from '../../platform/rules';
import { indexCalendar } from '../../platform/rules/calendar';
import { evaluateForm } from '../../platform/evaluation';
import { jsonErrorOffset, lineColumn } from '../../platform/plugins/json-error-position';
import type { FormDefinition } from '../../platform/plugins/types';
import { mulberry32 } from './prng';

const engine = createRuleEngine();
const acc = { var: 'accumulator' };
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function limitOf(logic: unknown, data: unknown): string | null {
  try {
    engine.compile(logic)(data);
    return null;
  } catch (e) {
    if (e instanceof BudgetExceeded) return e.limit;
    throw e;
  }
}

describe('each limit stops a rule', () => {
  it('steps: two nested iterations of 1000 × 1000', () => {
    expect(limitOf({ map: [{ var: 'xs' }, { map: [range(1000), { '+': [{ var: '' }, 1] }] }] }, { xs: range(1000) })).toBe('steps');
    // …while 50 × 1000 fits (100 × 1000 would make a result of over 100,000 values).
    expect(limitOf({ map: [{ var: 'xs' }, { map: [range(1000), { '+': [{ var: '' }, 1] }] }] }, { xs: range(50) })).toBeNull();
  });

  it('array: reduce + merge doubling over the record data', () => {
    expect(limitOf({ reduce: [{ var: 'xs' }, { merge: [acc, acc] }, [1]] }, { xs: range(30) })).toBe('array');
    expect(limitOf({ reduce: [{ var: 'xs' }, { merge: [acc, acc] }, [1]] }, { xs: range(16) })).toBeNull(); // 65,536 items
  });

  it('string: cat doubling a text in a loop', () => {
    expect(limitOf({ reduce: [{ var: 'xs' }, { cat: [acc, acc] }, 'abcdefgh'] }, { xs: range(30) })).toBe('string');
  });

  it('an array sharing its items cannot be turned into a text of billions of characters (==, <, +, cat, var, in)', () => {
    // 2^16 items, each the same 2^16-item array: 4 billion numbers as text.
    const wide = { reduce: [{ var: 'xs' }, { merge: [acc, acc] }, [{ reduce: [{ var: 'xs' }, { merge: [acc, acc] }, [1]] }]] };
    for (const use of [
      { '==': [wide, 'x'] },
      { '<': [wide, 1] },
      { '+': [wide, 1] },
      { cat: [wide] },
      { var: [wide] },
      { in: [wide, 'abc'] },
      { substr: [wide, 1] },
      { '-': [wide, 1] },
      { max: [wide, 1] },
      { sum: [{ var: 'ys' }, wide] },
    ]) {
      expect(limitOf(use, { xs: range(16), ys: [{}] }), JSON.stringify(Object.keys(use))).toMatch(/steps|string/);
    }
  });

  it('depth: an array nested in itself a thousand times, turned into text', () => {
    expect(limitOf({ cat: [{ reduce: [{ var: 'xs' }, [acc], 1] }] }, { xs: range(1000) })).toBe('depth');
  });

  it("a result whose JSON would be huge: the rule's whole result is measured", () => {
    // 2^30 leaves through shared halves: a few steps to build, billions of values to store.
    expect(limitOf({ reduce: [{ var: 'xs' }, [acc, acc], 1] }, { xs: range(30) })).toBe('array');
  });

  it('a working-day walk is bounded by the calendar, which lists at most 200 years', () => {
    expect(() => indexCalendar({ id: 'c', years: range(201).map((i) => 1900 + i), holidays: [], workdays: [] })).toThrow(/PLUGIN_INVALID/);
    expect(() => indexCalendar({ id: 'c', years: [2024], holidays: [], workdays: [] })).not.toThrow();
  });
});

describe('a budget per evaluation', () => {
  it('a rule that ran out runs again on small data, and the rules beside it are not charged', () => {
    const doubling = engine.compile({ reduce: [{ var: 'xs' }, { merge: [acc, acc] }, [1]] });
    const other = engine.compile({ map: [{ var: 'xs' }, { '*': [{ var: '' }, 2] }] });
    expect(() => doubling({ xs: range(40) })).toThrow(BudgetExceeded);
    expect(doubling({ xs: range(3) })).toHaveLength(8);
    expect(other({ xs: range(50_000) })).toHaveLength(50_000);
  });

  it('the limits are the documented ones', () => {
    expect(RULE_BUDGET).toMatchObject({
      steps: 1_000_000,
      recordSteps: 5_000_000,
      arrayLength: 100_000,
      stringLength: 1_000_000,
      valueDepth: 100,
    });
  });
});

describe('same results as json-logic-js below the limits', () => {
  const cases: [unknown, unknown][] = [
    [{ '==': [[1, [2, null]], '1,2,'] }, {}],
    [{ '==': [[], false] }, {}],
    [{ '!=': [[1], 1] }, {}],
    [{ '==': [[1], [1]] }, {}],
    [{ '==': [null, []] }, {}],
    [{ '<': [[5], 10] }, {}],
    [{ '<=': [[1], [2], [3]] }, {}],
    [{ '+': [[1, 2], 3] }, {}],
    [{ '*': [['2'], '3'] }, {}],
    [{ '-': [[7]] }, {}],
    [{ '%': [[7], [4]] }, {}],
    [{ min: [[3], 2] }, {}],
    [{ cat: [[1, [2, null]], 'x', null, true, 2.5] }, {}],
    [{ substr: [['abc', 'def'], 2, -1] }, {}],
    [{ in: [['b'], 'abc'] }, {}],
    [{ in: [2, [1, 2]] }, {}],
    [{ var: [{ merge: [] }] }, { '': 7 }],
    [{ var: [['a', 'b']] }, { 'a,b': 5 }],
    [{ missing: [['a', 'b']] }, { a: 1 }],
    [{ missing_some: [[1], ['a', 'b']] }, { a: 1 }],
    [{ reduce: [{ var: 'xs' }, { '+': [acc, { var: 'current' }] }, 0] }, { xs: [1, 2, 3] }],
    [{ all: [{ var: 'xs' }, { '>': [{ var: '' }, 0] }] }, { xs: [1, 2] }],
    [{ none: [[], true] }, {}],
    [{ filter: [{ var: 'xs' }, { '%': [{ var: '' }, 2] }] }, { xs: range(10) }],
    [{ merge: [1, [2, [3]], null] }, {}],
  ];
  it.each(cases.map(([l, d], i) => [i, JSON.stringify(l), l, d] as const))('#%i %s', (_i, _t, logic, data) => {
    expect(engine.compile(logic)(data)).toEqual(jsonLogic.apply(logic as never, data));
  });
});

describe('the form evaluator turns an exceeded budget into a rule error on the record', () => {
  const logic = { reduce: [{ var: 'data.xs' }, { merge: [acc, acc] }, [1]] };
  const rule = (r: Record<string, unknown>) => ({ rule: r, when: null, logic: engine.compile(r.logic) });
  const form = {
    dimensions: [{ id: 'd', title: { 'zh-CN': 'd', en: 'd' } }],
    rules: [
      rule({ id: 'c', kind: 'compute', logic }),
      rule({ id: 'k', kind: 'check', severity: 'block', title: { 'zh-CN': 'k', en: 'k' }, message: { 'zh-CN': '原文', en: 'own' }, logic }),
      rule({ id: 's', kind: 'score', dimension: 'd', max: 5, title: { 'zh-CN': 's', en: 's' }, logic: { length: logic } }),
      rule({ id: 'z', kind: 'classify', logic }),
      rule({ id: 'ok', kind: 'compute', logic: { length: { var: 'data.xs' } } }),
    ],
  } as unknown as FormDefinition;

  it('null, failed, 0 points, null — each with RULE_BUDGET_EXCEEDED naming the rule and the limit', () => {
    const { results } = evaluateForm(form, { data: { xs: range(40) }, params: {}, asOf: '2024-01-01' });
    expect(results.errors?.map((e) => [e.id, e.code, e.limit])).toEqual([
      ['c', 'RULE_BUDGET_EXCEEDED', 'array'],
      ['k', 'RULE_BUDGET_EXCEEDED', 'array'],
      ['s', 'RULE_BUDGET_EXCEEDED', 'array'],
      ['z', 'RULE_BUDGET_EXCEEDED', 'array'],
    ]);
    expect(results.errors?.[0].message.en).toMatch(/^Rule c exceeded its evaluation budget \(an array of more than 100,000 items\)/);
    expect(results.computed).toEqual({ c: null, ok: 40 });
    expect(results.checks[0]).toMatchObject({
      id: 'k',
      passed: false,
      error: 'RULE_BUDGET_EXCEEDED',
      message: results.errors?.[1].message,
    });
    expect(results.blocking).toBe(1);
    expect(results.score?.items[0]).toMatchObject({ id: 's', points: 0 });
    expect(results.classes).toEqual({ z: null });
  });

  it("a record's rules share an allowance: past it, the remaining rules fail with limit `record`", () => {
    // Each rule: 150,000 items × 6 steps = 900,000 steps, just under its own budget.
    const heavy = { reduce: [{ var: 'data.xs' }, { '+': [acc, 1] }, 0] };
    const many = {
      dimensions: [],
      rules: range(8).map((i) => rule({ id: `r${i}`, kind: 'compute', logic: heavy })),
    } as unknown as FormDefinition;
    const { results } = evaluateForm(many, { data: { xs: range(150_000) }, params: {}, asOf: '2024-01-01' });
    expect(results.computed).toMatchObject({ r0: 150_000, r4: 150_000, r5: null, r7: null });
    expect(results.errors?.map((e) => [e.id, e.limit])).toEqual([
      ['r5', 'record'],
      ['r6', 'record'],
      ['r7', 'record'],
    ]);
    expect(results.errors?.[0].message.en).toMatch(/the rules of this record together took more than 5,000,000 steps/);
  });

  it('no `errors` at all when every rule ran (stored results keep their shape)', () => {
    const { results } = evaluateForm(form, { data: { xs: range(3) }, params: {}, asOf: '2024-01-01' });
    expect(results).not.toHaveProperty('errors');
    expect(results.checks[0].passed).toBe(true);
  });
});

describe('JSON error positions (parse errors never quote the file)', () => {
  it('finds the offset of the first error, -1 exactly when JSON.parse accepts the text', () => {
    const r = mulberry32(8).next;
    const samples = ['{"a": [1, 2.5e3, "x\\n", true, null, {}]}', '[]', ' "s" ', '-0.1', '{"a":{"b":[[]]}}'];
    for (let n = 0; n < 2000; n++) {
      const base = samples[Math.floor(r() * samples.length)];
      const cut = Math.floor(r() * (base.length + 1));
      const noise = ['', ',', '}', ']', 'x', ' ', '"', ':', '1', '{'][Math.floor(r() * 10)];
      const text = base.slice(0, cut) + noise + base.slice(cut + (r() < 0.5 ? 1 : 0));
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(jsonErrorOffset(text) === -1, text).toBe(valid);
    }
  });

  it('gives line and column, and copes with deep nesting', () => {
    expect(lineColumn('{\n  "a": x}', jsonErrorOffset('{\n  "a": x}'))).toEqual({ line: 2, column: 8 });
    expect(jsonErrorOffset('['.repeat(100_000))).toBe(100_000);
  });
});
