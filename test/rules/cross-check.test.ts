// Our compiled closures against json-logic-js itself, on generated expressions: same value (or both throw).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import jsonLogic from 'json-logic-js';
import { createRuleEngine } from '../../platform/rules';
import { mulberry32 } from './prng';
import { DATA_SETS, generateLogic } from './generate';

const engine = createRuleEngine();

function outcome(run: () => unknown): { value?: unknown; threw?: true } {
  try {
    return { value: run() };
  } catch {
    return { threw: true };
  }
}

const r = mulberry32(20240930);
const expressions = Array.from({ length: 500 }, () => generateLogic(r, 4));

/** Hand-picked corners of json-logic-js, on top of the generated ones. */
const corners: unknown[] = [
  { '*': ['3'] },
  { '*': [['2'], '3'] },
  { '+': [] },
  { '+': ['1e3', '2px'] },
  { '+': [[1, 2]] },
  { '-': [] },
  { '-': '5' },
  { and: [] },
  { or: [] },
  { and: [1, [], 2] },
  { or: [0, '', [], 'x'] },
  { if: [] },
  { if: [false, 1] },
  { if: true },
  { if: [0, 1, '', 2, [], 3] },
  { if: [0, 1, '', 2, [], 3, 4] },
  { '?:': [[0], 'y', 'n'] },
  { '<': [1, 2, null] },
  { '<': [1, 2, 3, 0] },
  { '<=': ['a', 'b', 'b'] },
  { '<': ['10', '9'] },
  { '<': ['10', 9] },
  { '==': [[], false] },
  { '==': [[1], 1] },
  { '==': [null, 0] },
  { '==': [null, { var: 'nothing' }] },
  { '===': [[], []] },
  { '!': [[]] },
  { '!': [] },
  { '!!': [[0]] },
  { '!!': ['0'] },
  { '/': [1, 0] },
  { '%': [-7, 3] },
  { min: [] },
  { max: [] },
  { min: ['3', 2] },
  { max: [[5], 1] },
  { cat: [] },
  { cat: [null, [1, [2]], true, 2.5] },
  { cat: 'x' },
  { substr: ['jsonlogic', -5] },
  { substr: ['jsonlogic', 1, -3] },
  { substr: ['jsonlogic', -5, -2] },
  { substr: [12345, '1', '2'] },
  { substr: [null, 0] },
  { in: ['Spring', 'Springfield'] },
  { in: [1, '10'] },
  { in: ['1', [1]] },
  { in: [1, { var: 'obj' }] },
  { in: [[], null] },
  { merge: [] },
  { merge: [1, [2, [3]], null] },
  { merge: { var: 'arr' } },
  { var: [] },
  { var: null },
  { var: ['', 1] },
  { var: ['nil', 5] },
  { var: ['missing', { var: 'a' }] },
  { var: 1 },
  { var: 'arr.1.x' },
  { missing: [] },
  { missing: [['a', 'nope']] },
  { missing: ['e', 'nil', 'z'] },
  { missing: { merge: ['a', 'zz'] } },
  { missing: [['zz', 1]] },
  { missing_some: [0, []] },
  { missing_some: [1, ['a', 'zz']] },
  { missing_some: [2, ['a', 'zz']] },
  { missing_some: [1, 'a'] },
  { missing_some: [1, { var: 'nothing' }] },
  { map: [{ var: 'nums' }] },
  { map: [{ var: 'a' }, 1] },
  { filter: [[0, 1, [], '', 'x'], { var: '' }] },
  { reduce: [{ var: 'nums' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }] },
  { reduce: [5, 1, 7] },
  { reduce: [[], 1] },
  { all: [[], true] },
  { none: [[], true] },
  { some: [[], true] },
  { all: [[1, [], 2], { var: '' }] },
  { some: [{ var: 'items' }, { '<': [{ var: 'x' }, 0] }] },
  ['a', { var: 'a' }, [{ var: 'b' }]],
  {},
  { a: 1, b: { var: 'a' } },
];

// json-logic-js's `log` writes to the console; ours is silent by design. Keep the test output clean.
beforeAll(() => void vi.spyOn(console, 'log').mockImplementation(() => undefined));
afterAll(() => vi.restoreAllMocks());

describe('cross-check with json-logic-js on hand-picked corners and 500 generated expressions × 4 data sets', () => {
  it('generates varied expressions (the check would prove little otherwise)', () => {
    const ops = new Set<string>();
    const walk = (l: unknown): void => {
      if (Array.isArray(l)) l.forEach(walk);
      else if (l && typeof l === 'object')
        for (const [k, v] of Object.entries(l)) {
          ops.add(k);
          walk(v);
        }
    };
    walk(expressions);
    expect(ops.size).toBeGreaterThanOrEqual(30);
    const distinct = new Set(expressions.map((e) => JSON.stringify(e)));
    expect(distinct.size).toBeGreaterThan(400);
  });

  it('refuses only the few generated expressions whose iterations are nested three deep', () => {
    const refused = expressions.filter((e) => engine.check(e).length > 0);
    expect(refused.length).toBeLessThan(10);
    for (const e of refused)
      expect(engine.check(e).map((i) => i.message.en)).toEqual([expect.stringMatching(/Iterations .* nested more than 2 deep/)]);
  });

  const accepted = [...corners, ...expressions].filter((e) => engine.check(e).length === 0);
  it.each(accepted.map((e, i) => [i, JSON.stringify(e), e] as const))('#%i %s', (_i, _text, logic) => {
    const compiled = engine.compile(logic);
    for (const data of DATA_SETS) {
      const ours = outcome(() => compiled(data));
      const reference = outcome(() => jsonLogic.apply(logic as never, data));
      expect(ours, `data ${JSON.stringify(data)}`).toEqual(reference);
    }
  });
});
