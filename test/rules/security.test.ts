// Rules come from plugins of other counties: `var` sees only own data properties, and no operation can reach
// or change a prototype.
import { afterEach, describe, expect, it } from 'vitest';
import { createRuleEngine } from '../../platform/rules';

const engine = createRuleEngine({
  codeLists: new Map([['l', { id: 'l', items: [{ code: 'a', label: { 'zh-CN': '甲', en: 'A' } }] }]]),
});
const data = { a: { b: 1 }, arr: [10, 20, 30], s: 'abc', n: 5, list: [{ x: 1 }, { x: 2 }] };

afterEach(() => {
  // Whatever a test tried, nothing may have landed on the shared prototypes.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
});

describe('var reads own properties only', () => {
  const inherited = [
    '__proto__',
    'constructor',
    'constructor.prototype',
    'constructor.name',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '__defineGetter__',
    'a.__proto__',
    'a.constructor',
    'arr.constructor',
    'arr.map',
    'arr.push',
    's.toUpperCase',
    's.constructor',
    'n.toFixed',
    'list.0.constructor',
    'a.b.constructor',
  ];
  it.each(inherited)('%s → null', (path) => {
    expect(engine.apply({ var: path }, data)).toBeNull();
  });
  it.each(inherited)('%s → the default', (path) => {
    expect(engine.apply({ var: [path, 'fallback'] }, data)).toBe('fallback');
  });
  it('a path computed at run time is held to the same rule', () => {
    expect(engine.apply({ var: { cat: ['const', 'ructor'] } }, data)).toBeNull();
    expect(engine.apply({ missing: ['constructor', 'toString', 'a'] }, data)).toEqual(['constructor', 'toString']);
  });
  it('own properties still work: nested keys, array indices and length, string length', () => {
    expect(engine.apply({ var: 'a.b' }, data)).toBe(1);
    expect(engine.apply({ var: 'arr.1' }, data)).toBe(20);
    expect(engine.apply({ var: 'arr.length' }, data)).toBe(3);
    expect(engine.apply({ var: 's.length' }, data)).toBe(3);
    expect(engine.apply({ var: 's.0' }, data)).toBe('a');
  });
  it('inherited data of a non-plain object is invisible', () => {
    const sneaky = Object.create({ secret: 'inherited' });
    sneaky.own = 'mine';
    expect(engine.apply({ var: 'secret' }, sneaky)).toBeNull();
    expect(engine.apply({ var: 'own' }, sneaky)).toBe('mine');
  });
  it('an own "__proto__" key of parsed JSON is plain data', () => {
    const parsed = JSON.parse('{"__proto__": {"x": 1}}');
    expect(engine.apply({ var: '__proto__.x' }, parsed)).toBe(1);
  });
  it('platform operations that read fields follow it too', () => {
    expect(engine.apply({ sum: [{ var: 'list' }, 'constructor'] }, data)).toBe(0);
    expect(engine.apply({ count: [{ var: 'list' }, { var: 'constructor' }] }, data)).toBe(0);
    expect(engine.apply({ lookup: ['l', 'a', 'constructor'] }, data)).toBeNull();
    expect(engine.apply({ lookup: ['l', { var: 'c' }] }, { c: '__proto__' })).toBeNull();
    expect(engine.apply({ lookup: ['l', { var: 'c' }] }, { c: 'toString' })).toBeNull();
  });
});

describe('no operation can pollute a prototype', () => {
  const payload = () => JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}');
  const attempts: [string, unknown][] = [
    ['merge with a __proto__ object', { merge: [{ var: 'p' }, [{ var: 'p.__proto__' }], { var: '__proto__' }] }],
    [
      'reduce with the accumulator named __proto__',
      { reduce: [{ var: 'keys' }, { merge: [{ var: 'accumulator' }, { var: 'current' }] }, { var: 'p' }] },
    ],
    ['reduce over payloads', { reduce: [[{ var: 'p' }, { var: 'p' }], { var: 'current.__proto__' }, { var: '__proto__' }] }],
    ['map returning payloads', { map: [[{ var: 'p' }], { var: '__proto__' }] }],
    ['filter and some over payloads', { some: [{ filter: [[{ var: 'p' }], true] }, { var: 'constructor.prototype.polluted' }] }],
    ['missing with a __proto__ key', { missing: ['__proto__.polluted', 'constructor.prototype'] }],
    ['sum over a __proto__ field', { sum: [[{ var: 'p' }], '__proto__.polluted'] }],
    ['cat of payloads', { cat: [{ var: 'p' }, { var: 'p.__proto__' }] }],
  ];
  it.each(attempts)('%s', (_name, logic) => {
    expect(engine.check(logic)).toEqual([]);
    engine.apply(logic, { p: payload(), keys: ['__proto__', 'constructor', 'prototype'] });
  });

  it('a literal object with a __proto__ key stays data', () => {
    const logic = JSON.parse('{"if": [true, {"__proto__": {"polluted": "yes"}, "a": 1}, 0]}');
    const result = engine.apply(logic, {}) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(result.polluted).toBeUndefined();
    expect(Object.keys(result)).toEqual(['__proto__', 'a']);
  });

  it('operation names that are Object.prototype members are unknown', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const logic = JSON.parse(`{"${name}": [1]}`);
      expect(engine.check(logic)).toEqual([
        {
          pointer: '',
          message: expect.objectContaining({ en: expect.stringMatching(new RegExp(`^Unknown operation: ${name}\\. `)) }),
          params: expect.objectContaining({ operation: name }),
        },
      ]);
      expect(() => engine.compile(logic)).toThrow(expect.objectContaining({ code: 'RULE_INVALID' }));
    }
  });
});
