// The compile-time specialisations (constant folding, `var` readers by segment count, comparisons and equality
// against a literal, `and`/`or` by argument count, literal `missing`) give the same answers as the generic
// closures, and the budget counts the same steps. The generic path is reached by hiding a literal behind an
// operation (`{"if": [true, x]}`, `{"cat": [path]}`), which the specialisations do not recognise.
import { describe, expect, it } from 'vitest';
import jsonLogic from 'json-logic-js';
import { BudgetExceeded, createRuleEngine, type Allowance } from '../../platform/rules';
import { parseDate } from '../../platform/rules/dates';

const engine = createRuleEngine();
const hidden = (x: unknown) => ({ if: [true, x] });

function outcome(logic: unknown, data: unknown): { value?: unknown; threw?: string } {
  try {
    return { value: engine.compile(logic)(data) };
  } catch (e) {
    return { threw: e instanceof BudgetExceeded ? e.limit : 'error' };
  }
}

/** Steps one evaluation spends, read from a record allowance. */
function spent(logic: unknown, data: unknown): number {
  const allowance: Allowance = { remaining: 1e9 };
  engine.compile(logic)(data, allowance);
  return 1e9 - allowance.remaining;
}

const data = {
  n: 5,
  zero: 0,
  f: false,
  empty: '',
  s: 'abc',
  num: '5',
  nul: null,
  arr: [1, 2, [3]],
  none: [],
  a: { b: { c: { d: 'deep', z: 0 }, nul: null, arr: ['x', 'y'] }, s: 'text' },
};
const sources = [data, null, undefined, 7, 'text', [1, 2], [], { a: null }, { a: { b: null } }, { a: [{ b: 1 }] }, Object.create({ n: 9 })];

const paths = [
  '',
  'n',
  'zero',
  'f',
  'empty',
  's',
  'nul',
  'arr',
  'none',
  'nothing',
  's.length',
  's.0',
  's.9',
  'arr.length',
  'arr.2',
  'arr.2.0',
  'arr.9',
  'a.b',
  'a.s',
  'a.s.length',
  'a.b.c',
  'a.b.nul',
  'a.b.nul.x',
  'a.b.arr.1',
  'a.b.c.d',
  'a.b.c.z',
  'a.b.c.d.length',
  'a.b.c.d.0',
  'a.nothing.c',
  'a.b.c.nothing',
  'n.x',
  'constructor',
  'a.constructor',
  'a.b.toString',
  'a.b.c.hasOwnProperty',
  'arr.push',
  's.toUpperCase',
  '__proto__',
  'a.__proto__.x',
  0,
  1,
];

describe('var with a literal path, 0 to 5 segments', () => {
  it.each(paths.map((p) => [String(p), p] as const))('%s', (_name, path) => {
    for (const d of sources) {
      const generic = outcome({ var: [{ cat: [path] }] }, d);
      expect(outcome({ var: path }, d)).toEqual(generic);
      expect(outcome({ var: [path] }, d)).toEqual(generic);
      // With a literal default, and a computed one.
      expect(outcome({ var: [path, 'dflt'] }, d)).toEqual(outcome({ var: [{ cat: [path] }, 'dflt'] }, d));
      expect(outcome({ var: [path, { var: 'n' }] }, d)).toEqual(outcome({ var: [{ cat: [path] }, { var: 'n' }] }, d));
    }
  });

  it('matches json-logic-js on plain data (where inherited properties do not come into it)', () => {
    for (const path of paths.filter((p) => !/constructor|toString|hasOwnProperty|push|toUpperCase|__proto__/.test(String(p)))) {
      for (const d of sources.slice(0, -1)) {
        expect(outcome({ var: path }, d)).toEqual({ value: jsonLogic.apply({ var: path } as jsonLogic.RulesLogic, d as object) });
      }
    }
  });
});

const operands: unknown[] = [null, 0, 1, -1, 5, '5', '', 'abc', '1', true, false, [], [5], [1, 2], ['5'], { a: 1 }];
const literals: unknown[] = [null, 0, 1, 5, '5', '', 'abc', true, false];

describe('comparisons against a literal operand', () => {
  const ops = ['==', '!=', '===', '!==', '>', '>=', '<', '<='];
  it.each(ops)('%s, literal on either side, against every kind of value', (op) => {
    for (const value of operands) {
      for (const lit of literals) {
        const d = { v: value };
        expect(outcome({ [op]: [{ var: 'v' }, lit] }, d)).toEqual(outcome({ [op]: [{ var: 'v' }, hidden(lit)] }, d));
        expect(outcome({ [op]: [lit, { var: 'v' }] }, d)).toEqual(outcome({ [op]: [hidden(lit), { var: 'v' }] }, d));
        expect(outcome({ [op]: [{ var: 'v' }, lit] }, d)).toEqual({
          value: jsonLogic.apply({ [op]: [{ var: 'v' }, lit] } as jsonLogic.RulesLogic, d),
        });
      }
    }
  });

  it('a missing value compares as null, an array as its text', () => {
    expect(engine.apply({ '==': [{ var: 'nothing' }, null] }, {})).toBe(true);
    expect(engine.apply({ '!=': [null, { var: 'nothing' }] }, {})).toBe(false);
    expect(engine.apply({ '==': [{ var: 'v' }, '1,2'] }, { v: [1, 2] })).toBe(true);
    expect(engine.apply({ '<': [{ var: 'v' }, 3] }, { v: [2] })).toBe(true);
    expect(engine.apply({ '>=': ['10', { var: 'v' }] }, { v: '9' })).toBe(false); // strings compare as strings
  });
});

describe('arithmetic on two operands', () => {
  it.each(['+', '-', '*', '/', '%'])('%s matches json-logic-js on every kind of value', (op) => {
    for (const x of operands) {
      for (const y of [...operands, undefined]) {
        const d = { x, y };
        const logic = { [op]: [{ var: 'x' }, y === undefined ? { or: [] } : { var: 'y' }] };
        expect(outcome(logic, d)).toEqual({ value: jsonLogic.apply(logic as jsonLogic.RulesLogic, d) });
      }
    }
  });
});

describe('and / or / missing by argument count', () => {
  const values: unknown[] = [0, 1, '', 'x', [], [0], null, true, false];
  it.each([2, 3, 4, 5])('and/or of %i operands return the deciding operand', (n) => {
    for (let k = 0; k < 60; k++) {
      const vs = Array.from({ length: n }, (_, i) => values[(k * 7 + i * (k + 3)) % values.length]);
      const args = vs.map((_, i) => ({ var: `v.${i}` }));
      for (const op of ['and', 'or']) {
        expect(outcome({ [op]: args }, { v: vs })).toEqual({ value: jsonLogic.apply({ [op]: args } as jsonLogic.RulesLogic, { v: vs }) });
      }
    }
  });

  it('missing with literal keys, one or several, against null, "" and absent values', () => {
    for (const d of [data, {}, null, { a: { b: '' } }, { n: '' }]) {
      for (const keys of [['n'], ['nothing'], ['a.b'], ['n', 'empty', 'nul', 'a.b.c.d', 'a.b.nul', 'zero', 'f']]) {
        expect(outcome({ missing: keys }, d)).toEqual(outcome({ missing: [{ merge: keys }] }, d));
        expect(outcome({ missing: keys }, d)).toEqual({ value: jsonLogic.apply({ missing: keys }, d) });
      }
    }
  });
});

describe('constant folding', () => {
  it('a folded result is a fresh copy on every evaluation', () => {
    // A data object (two keys, so not an operation) inside the folded array.
    const run = engine.compile({ merge: [[1, 2], [{ a: [3], b: 0 }]] });
    const first = run({}) as unknown[];
    (first[2] as { a: number[] }).a.push(4);
    first.push(5);
    expect(run({})).toEqual([1, 2, { a: [3], b: 0 }]);
  });

  it('costs the steps the subtree would have cost (only the node counts differ)', () => {
    // `cat` pays for the text it makes: folded or not, the same; the second rule has one JSON node more.
    expect(spent({ cat: [{ var: 's' }, 'defg'] }, { s: 'abc' }) - spent({ cat: ['abc', 'defg'] }, {})).toBe(1);
    expect(spent({ map: [{ var: 'xs' }, 1] }, { xs: [1, 2, 3] }) - spent({ map: [[1, 2, 3], 1] }, {})).toBe(1 - 3);
    expect(spent({ in: ['x', { var: 'xs' }] }, { xs: ['a', 'b', 'x'] }) - spent({ in: ['x', ['a', 'b', 'x']] }, {})).toBe(1 - 3);
  });

  it('a constant subtree that overspends is not folded: it fails when it runs, with the same limit', () => {
    const range = (n: number) => Array.from({ length: n }, (_, i) => i);
    const inner = { map: [range(1000), { cat: ['a', 'b'] }] };
    expect(outcome({ map: [range(2000), inner] }, {})).toEqual(outcome({ map: [{ var: 'xs' }, inner] }, { xs: range(2000) }));
    expect(outcome({ map: [range(2000), inner] }, {}).threw).toBe('steps');
    // A branch that is never taken costs nothing, folded or not.
    expect(outcome({ if: [{ var: 'no' }, { map: [range(2000), inner] }, 1] }, {})).toEqual({ value: 1 });
  });

  it('an operation that throws on its literal arguments still throws when the rule runs', () => {
    // json-logic-js's missing_some throws on a null option list; check() refuses the form that always does.
    expect(outcome({ missing_some: [1, { if: [true, null] }] }, {})).toEqual(outcome({ missing_some: [1, { var: 'o' }] }, { o: null }));
  });
});

describe('dates written YYYY-MM-DD are read without the regular expression', () => {
  it('gives the day the general reader gives (the same date with a time), or null where it does', () => {
    const dates = [
      '2024-02-29',
      '2023-02-29',
      '2024-12-31',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-04-30',
      '0000-01-01',
      '9999-12-31',
      '1970-01-01',
      '1969-12-31',
      '2024-01-00',
      '2024-1-010',
      '2024/01/01',
      'abcd-ef-gh',
      '2024-01-1 ',
      ' 2024-01-1',
      '２０２４-01-01',
      '2024-0a-01',
      '2024--1-01',
      '20240-1-01',
      '2024-01-1a',
    ];
    for (const s of dates) {
      expect(s).toHaveLength(10);
      expect([s, parseDate(s)]).toEqual([s, parseDate(`${s}T00:00`)]);
    }
    expect(parseDate('2024-02-29')).not.toBeNull();
    expect(parseDate('2023-02-29')).toBeNull();
  });
});
