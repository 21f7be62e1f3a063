// Random JsonLogic expressions over JsonLogic's own operations, for the cross-check against json-logic-js and
// for the bench. Paths read only own data properties, where both engines must agree.
import type { Rng } from './prng';

export const DATA_SETS: unknown[] = [
  {
    a: 1,
    b: 2,
    s: 'apple',
    n: '3.5',
    z: 0,
    e: '',
    t: true,
    f: false,
    nil: null,
    arr: [1, 2, 3],
    nums: [4, 0, -2, 7.5],
    words: ['a', 'b', 'pple'],
    items: [{ x: 1, y: 'a' }, { x: 5, y: '' }, { x: -3 }],
    obj: { x: 10, y: 'ten', deep: { k: [1] } },
  },
  { a: '10', b: -1, s: '', n: 'abc', z: 0.5, e: 'e', t: 1, f: [], nil: 0, arr: [], nums: [1], words: [], items: [], obj: { x: null } },
  { a: 3, b: 3, s: 'ppl', n: 2, nums: [1, 2, 3, 4, 5, 6], items: [{ x: 2, y: 'b' }], arr: ['1', 2, [3]] },
  {},
];

const PATHS = [
  'a',
  'b',
  's',
  'n',
  'z',
  'e',
  't',
  'f',
  'nil',
  'arr',
  'arr.0',
  'arr.1',
  'arr.length',
  'nums',
  'words',
  'items',
  'items.0.x',
  'obj',
  'obj.x',
  'obj.y',
  'obj.deep.k.0',
  's.length',
  's.0',
  'missing',
  'missing.deeper',
  '',
];
const ITEM_PATHS = ['', 'x', 'y', 'nope'];
const LITERALS: unknown[] = [0, 1, 2, -1, 3.5, 10, '', '0', '1', '2.5', 'abc', 'a', 'pple', true, false, null];

export function generateLogic(r: Rng, depth: number, scoped = false): unknown {
  if (depth <= 0 || r.chance(0.25)) return leaf(r, scoped);
  const sub = (d = depth - 1) => generateLogic(r, d, scoped);
  const args = (lo: number, hi: number) => Array.from({ length: r.int(lo, hi) }, () => sub());
  const list = () => (r.chance(0.7) ? { var: r.pick(['nums', 'arr', 'items', 'words', 'missing', 'a']) } : [sub(), sub()]);
  const scopedLogic = () => generateLogic(r, depth - 1, true);
  switch (r.int(0, 27)) {
    case 0:
      return { [r.pick(['==', '===', '!=', '!=='])]: args(2, 2) };
    case 1:
      return { [r.pick(['>', '>='])]: args(2, 2) };
    case 2:
      return { [r.pick(['<', '<='])]: args(2, 3) };
    case 3:
      return { [r.pick(['!', '!!'])]: r.chance(0.5) ? sub() : [sub()] };
    case 4:
      return { [r.pick(['and', 'or'])]: args(0, 4) };
    case 5:
      return { [r.pick(['if', '?:'])]: args(0, 6) };
    case 6:
      return { '+': args(0, 3) };
    case 7:
      return { '-': args(1, 2) };
    case 8:
      return { '*': args(1, 3) };
    case 9:
      return { [r.pick(['/', '%'])]: args(2, 2) };
    case 10:
      return { [r.pick(['min', 'max'])]: args(0, 3) };
    case 11:
      return { cat: args(0, 3) };
    case 12:
      return { substr: args(2, 3) };
    case 13:
      return { in: [sub(), r.chance(0.5) ? list() : sub()] };
    case 14:
      return { merge: args(0, 3) };
    case 15:
      return { missing: r.chance(0.5) ? [r.pick(PATHS), r.pick(PATHS)] : [[r.pick(PATHS), r.pick(PATHS)]] };
    case 16:
      return { missing_some: [r.int(0, 3), [r.pick(PATHS), r.pick(PATHS), r.pick(PATHS)]] };
    case 17:
      return { map: [list(), scopedLogic()] };
    case 18:
      return { filter: [list(), scopedLogic()] };
    case 19:
      return { [r.pick(['all', 'none', 'some'])]: [list(), scopedLogic()] };
    case 20:
      return {
        reduce: [
          list(),
          { [r.pick(['+', '*', 'max', 'cat', 'merge'])]: [{ var: 'accumulator' }, { var: 'current' }] },
          ...(r.chance(0.7) ? [sub()] : []),
        ],
      };
    case 21:
      return { var: [{ cat: [r.pick(['a', 'ob', 'arr', 'item']), r.pick(['', 'j.x', '.0', 's'])] }, ...(r.chance(0.5) ? [sub()] : [])] };
    case 22:
      return { var: [r.pick(PATHS), sub()] };
    case 23:
      return { log: sub() };
    case 24:
      return { '-': sub() };
    case 25:
      return { '+': sub() };
    default:
      return args(1, 3);
  }
}

function leaf(r: Rng, scoped: boolean): unknown {
  const k = r.int(0, 9);
  if (k < 4) return r.pick(LITERALS);
  if (k < 5) return [r.pick(LITERALS), r.pick(LITERALS)];
  if (scoped) return r.chance(0.5) ? { var: r.pick(ITEM_PATHS) } : { var: r.pick(['current', 'accumulator', 'current.x']) };
  return r.chance(0.7) ? { var: r.pick(PATHS) } : { var: [r.pick(PATHS), r.pick(LITERALS)] };
}
