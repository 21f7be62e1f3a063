// check() and compile(): what refuses a rule, and where the pointer points.
import { describe, expect, it } from 'vitest';
import { createRuleEngine } from '../../platform/rules';
import { HezuoError } from '../../platform/errors';

const engine = createRuleEngine({
  calendars: new Map([['cn', { id: 'cn', years: [2024], holidays: [], workdays: [] }]]),
  codeLists: new Map([['crops', { id: 'crops', items: [{ code: 'RICE', label: { 'zh-CN': '水稻', en: 'Rice' } }] }]]),
});
const pointers = (logic: unknown, at = '') => engine.check(logic, at).map((i) => i.pointer);

describe('unknown operations', () => {
  it('point at the object holding the unknown operation, under the caller pointer', () => {
    expect(pointers({ and: [true, { foo: 1 }] }, '/rules/3/logic')).toEqual(['/rules/3/logic/and/1']);
  });
  it('are found deep inside scoped logic', () => {
    expect(pointers({ if: [{ var: 'a' }, { map: [{ var: 'xs' }, { bogus: [] }] }, 0] })).toEqual(['/if/1/map/1']);
  });
  it('in the single-argument form the argument sits at the operation key', () => {
    expect(pointers({ '!': { bogus: 1 } })).toEqual(['/!']);
  });
  it('escape "/" and "~" in pointers', () => {
    expect(pointers({ '/': [1, { 'a/b~c': 1 }] })).toEqual(['/~1/1']);
    expect(pointers({ 'x/y': [1, { z: 2 }] })).toEqual(['', '/x~1y/1']);
  });
  it('every one is reported, with a message in both languages', () => {
    const issues = engine.check([{ foo: 1 }, { bar: [{ baz: 2 }] }]);
    expect(issues.map((i) => i.pointer)).toEqual(['/0', '/1', '/1/bar/0']);
    expect(issues[0].message['zh-CN']).toMatch(/^未知的运算:foo。/);
    expect(issues[0].message.en).toMatch(/^Unknown operation: foo\. /);
  });
  it('list every operation of the closed table, and the closest ones first', () => {
    const [issue] = engine.check({ date_ad: ['2024-01-01', 1, 'days'] });
    expect(issue.message.en).toMatch(/^Unknown operation: date_ad\. Did you mean date_add\? Allowed operations: /);
    expect(issue.message['zh-CN'].startsWith('未知的运算:date_ad。是否想用 date_add?可用的运算:')).toBe(true);
    expect(issue.params).toEqual({ operation: 'date_ad', allowed: [...engine.operations], closest: ['date_add'] });
    // The list is the engine's table: JsonLogic's operations and the platform's, nothing else.
    for (const name of ['var', 'if', 'map', 'reduce', 'round', 'workdays_add', 'lookup']) expect(issue.message.en).toContain(` ${name}`);
    expect(issue.message.en.split('Allowed operations: ')[1].split(' ')).toEqual([...engine.operations]);
  });
  it('give the list once per rule: many unknown names do not multiply it', () => {
    const issues = engine.check({ and: [{ roun: [1] }, { flor: [1] }] });
    expect(issues.map((i) => i.message.en)).toEqual([
      expect.stringMatching(/^Unknown operation: roun\. Did you mean round\? Allowed operations: /),
      'Unknown operation: flor. Did you mean floor?',
    ]);
    expect(issues[1].params).toEqual({ operation: 'flor', closest: ['floor'] });
  });
  it('with nothing close, name no guess', () => {
    const [issue] = engine.check({ javascript: ['1'] });
    expect(issue.message.en).toMatch(/^Unknown operation: javascript\. Allowed operations: var /);
    expect(issue.params).not.toHaveProperty('closest');
  });
  it('objects with 0 or 2+ keys are data, never run, as in json-logic-js', () => {
    expect(engine.check({ '==': [{ a: { foo: 1 }, b: 2 }, {}] })).toEqual([]);
    expect(engine.apply({ if: [true, { a: { foo: 1 }, b: 2 }, 0] }, {})).toEqual({ a: { foo: 1 }, b: 2 });
  });
  it('a dotted name is unknown too (json-logic-js would look into nested operations)', () => {
    expect(pointers({ 'var.x': 1 })).toEqual(['']);
  });
});

describe('argument counts', () => {
  it.each([
    [{ date_add: ['2024-01-01', 1] }, '/date_add', 'date_add takes 3 arguments, got 2'],
    [{ length: [1, 2, 3] }, '/length', 'length takes 1 arguments, got 3'],
    [{ ratio: [1] }, '/ratio', 'ratio takes 2 arguments, got 1'],
    [{ round: [1, 2, 3] }, '/round', 'round takes 1–2 arguments, got 3'],
    [{ lookup: ['crops'] }, '/lookup', 'lookup takes 2–3 arguments, got 1'],
    [{ coalesce: [] }, '/coalesce', 'coalesce takes ≥ 1 arguments, got 0'],
    [{ is_workday: '2024-01-02' }, '/is_workday', 'is_workday takes 2 arguments, got 1'],
    [{ '*': [] }, '/*', '* takes ≥ 1 arguments, got 0'],
    [{ missing_some: [1] }, '/missing_some', 'missing_some takes ≥ 2 arguments, got 1'],
  ])('%j', (logic, pointer, en) => {
    expect(engine.check(logic)).toEqual([{ pointer, message: expect.objectContaining({ en: `Operation ${en}` }) }]);
  });
  it('the single-argument form counts as one argument', () => {
    expect(engine.check({ length: { var: 'xs' } })).toEqual([]);
    expect(engine.check({ sum: { var: 'xs' } })).toEqual([]);
  });
  it("JsonLogic's own operations accept any count, as json-logic-js does", () => {
    expect(engine.check({ '==': [1, 2, 3] })).toEqual([]);
    expect(engine.check({ if: [] })).toEqual([]);
  });
});

describe('literal arguments', () => {
  it.each([
    [{ is_workday: ['2024-01-02', 'nope'] }, '/is_workday/1', 'Unknown calendar: "nope"'],
    [{ workdays_add: ['2024-01-02', 1, 'nope'] }, '/workdays_add/2', 'Unknown calendar: "nope"'],
    [{ workdays_between: ['2024-01-02', '2024-01-09', 7] }, '/workdays_between/2', 'Unknown calendar: 7'],
    [{ lookup: ['nope', 'RICE'] }, '/lookup/0', 'Unknown code list: "nope"'],
    [{ lookup: ['crops', 'CORN'] }, '/lookup/1', 'Code list crops has no code CORN'],
    [{ date_add: ['2024-01-01', 1, 'weeks'] }, '/date_add/2', 'The unit must be one of days, months, years: "weeks"'],
    [{ date_add: ['2024-02-30', 1, 'days'] }, '/date_add/0', 'Not a valid date (YYYY-MM-DD): "2024-02-30"'],
    [{ date_diff: ['2024-01-01', '01/02/2024', 'days'] }, '/date_diff/1', 'Not a valid date (YYYY-MM-DD): "01/02/2024"'],
    [{ date_add: ['2024-01-01', 1.5, 'days'] }, '/date_add/1', 'Expected a whole number: 1.5'],
  ])('%j', (logic, pointer, en) => {
    expect(engine.check(logic)).toEqual([{ pointer, message: expect.objectContaining({ en }) }]);
  });
  it('computed arguments are only known at run time, so they pass', () => {
    expect(engine.check({ is_workday: [{ var: 'd' }, { var: 'cal' }] })).toEqual([]);
    expect(engine.check({ lookup: [{ var: 'list' }, { var: 'code' }] })).toEqual([]);
    expect(engine.check({ date_add: [{ var: 'd' }, { var: 'n' }, { var: 'unit' }] })).toEqual([]);
  });
  it('an engine without the environment knows no calendar', () => {
    expect(createRuleEngine().check({ is_workday: ['2024-01-02', 'cn'] })).toHaveLength(1);
  });
});

describe('non-JSON values', () => {
  const cyclic: unknown[] = [1];
  cyclic.push({ '+': cyclic });
  it.each([
    ['undefined', { '==': [undefined, 1] }, '/==/0'],
    ['a function', { '==': [() => 1, 1] }, '/==/0'],
    ['NaN', { '+': [NaN] }, '/+/0'],
    ['Infinity', { '+': [1, Infinity] }, '/+/1'],
    ['a Date', { '==': [new Date(0), 1] }, '/==/0'],
    ['a Map', { if: [true, new Map(), 1] }, '/if/1'],
    ['a bigint', [1n], '/0'],
    ['a symbol', { cat: [Symbol('x')] }, '/cat/0'],
    ['a cycle', cyclic, '/1/+'],
    ['a hole', [1, , 3], '/1'], // eslint-disable-line no-sparse-arrays
    ['inside a data object', { if: [true, { a: undefined, b: 1 }, 0] }, '/if/1/a'],
  ])('%s', (_name, logic, pointer) => {
    expect(pointers(logic, '')).toEqual([pointer]);
  });
  it('a subtree used twice is fine (not a cycle)', () => {
    const shared = { var: 'a' };
    expect(engine.check({ '+': [shared, shared] })).toEqual([]);
    expect(engine.apply({ '+': [shared, shared] }, { a: 2 })).toBe(4);
  });
  it('depth and size are bounded', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 300; i++) deep = { '!': [deep] };
    expect(engine.check(deep)[0].message.en).toMatch(/nested too deeply/);
    const wide = Array.from({ length: 200_000 }, () => 1);
    expect(engine.check(wide)).toEqual([
      { pointer: '/99999', message: expect.objectContaining({ en: expect.stringMatching(/too large/) }) },
    ]);
  });
});

describe('compile', () => {
  it('throws RULE_INVALID with every issue as a detail', () => {
    let error: unknown;
    try {
      engine.compile({ and: [{ foo: 1 }, { is_workday: ['2024-01-02', 'nope'] }] }, '/rules/0/logic');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HezuoError);
    expect((error as HezuoError).code).toBe('RULE_INVALID');
    expect((error as HezuoError).details).toEqual([
      { pointer: '/rules/0/logic/and/0', message: expect.objectContaining({ en: expect.stringMatching(/^Unknown operation: foo\. /) }) },
      { pointer: '/rules/0/logic/and/1/is_workday/1', message: expect.objectContaining({ en: 'Unknown calendar: "nope"' }) },
    ]);
  });
  it('does not follow later changes to the logic object', () => {
    const logic = { and: [{ in: [{ var: 'a' }, ['x', 'y']] }, { var: 'ok' }] };
    const compiled = engine.compile(logic);
    (logic.and[0] as { in: unknown[] }).in[1] = ['z'];
    (logic.and[1] as { var: string }).var = 'other';
    expect(compiled({ a: 'x', ok: 'yes', other: 0 })).toBe('yes');
    expect(compiled({ a: 'z', ok: 'yes' })).toBe(false);
  });
});
