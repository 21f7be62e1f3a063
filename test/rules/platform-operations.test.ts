// The platform operations, as data suites whose expectations a person can check by hand. Working-day cases use
// the official 2024 and 2025 holiday notices of the State Council (fixtures/cn-calendar.json); weekdays are
// noted next to the dates (2024-10-01 was a Tuesday, 2025-01-01 a Wednesday).
import { describe, expect, it } from 'vitest';
import { createRuleEngine, type Calendar, type CodeList } from '../../platform/rules';
import cn from './fixtures/cn-calendar.json';
import crops from './fixtures/crops.codelist.json';

interface Case {
  description: string;
  logic: unknown;
  data?: unknown;
  expected: unknown;
}

const engine = createRuleEngine({
  calendars: new Map([['cn', cn as Calendar]]),
  codeLists: new Map([['crops', crops as CodeList]]),
});

function suite(name: string, cases: Case[]) {
  describe(name, () => {
    it.each(cases)('$description', ({ logic, data, expected }) => {
      expect(engine.check(logic)).toEqual([]);
      expect(engine.compile(logic)(data ?? {})).toEqual(expected);
    });
  });
}

suite('date_add', [
  { description: 'days across a year end', logic: { date_add: ['2024-12-25', 10, 'days'] }, expected: '2025-01-04' },
  { description: 'minus one day into a leap day', logic: { date_add: ['2024-03-01', -1, 'days'] }, expected: '2024-02-29' },
  { description: 'one year from a leap day is 02-28', logic: { date_add: ['2024-02-29', 1, 'years'] }, expected: '2025-02-28' },
  { description: 'four years from a leap day is a leap day', logic: { date_add: ['2024-02-29', 4, 'years'] }, expected: '2028-02-29' },
  { description: 'months clamp to the end of a leap February', logic: { date_add: ['2024-01-31', 1, 'months'] }, expected: '2024-02-29' },
  { description: 'months clamp to the end of a common February', logic: { date_add: ['2023-01-31', 1, 'months'] }, expected: '2023-02-28' },
  { description: 'minus one month from 03-31', logic: { date_add: ['2024-03-31', -1, 'months'] }, expected: '2024-02-29' },
  { description: '14 months', logic: { date_add: ['2024-11-30', 14, 'months'] }, expected: '2026-01-30' },
  {
    description: 'the date part of a date-time, as written',
    logic: { date_add: [{ var: 'at' }, 1, 'days'] },
    data: { at: '2024-10-01T23:30:00+08:00' },
    expected: '2024-10-02',
  },
  {
    description: 'a date-time in UTC',
    logic: { date_add: [{ var: 'at' }, 0, 'days'] },
    data: { at: '2024-10-01T00:00:00.000Z' },
    expected: '2024-10-01',
  },
  {
    description: 'n as a numeric string',
    logic: { date_add: ['2024-01-01', { var: 'n' }, 'days'] },
    data: { n: '31' },
    expected: '2024-02-01',
  },
  { description: 'impossible date → null', logic: { date_add: [{ var: 'd' }, 1, 'days'] }, data: { d: '2023-02-29' }, expected: null },
  { description: 'other formats → null', logic: { date_add: [{ var: 'd' }, 1, 'days'] }, data: { d: '2024/01/01' }, expected: null },
  { description: 'a number is not a date → null', logic: { date_add: [{ var: 'd' }, 1, 'days'] }, data: { d: 20240101 }, expected: null },
  { description: 'missing date → null', logic: { date_add: [{ var: 'd' }, 1, 'days'] }, expected: null },
  { description: 'fractional n → null', logic: { date_add: ['2024-01-01', { var: 'n' }, 'days'] }, data: { n: 1.5 }, expected: null },
  {
    description: 'unknown unit from data → null',
    logic: { date_add: ['2024-01-01', 1, { var: 'u' }] },
    data: { u: 'weeks' },
    expected: null,
  },
]);

suite('date_diff', [
  { description: '2022-05-31 → 2024-05-30 is 1 whole year', logic: { date_diff: ['2022-05-31', '2024-05-30', 'years'] }, expected: 1 },
  { description: '2022-05-31 → 2024-05-31 is 2 years', logic: { date_diff: ['2022-05-31', '2024-05-31', 'years'] }, expected: 2 },
  {
    description: 'age the day before the 60th birthday',
    logic: { date_diff: [{ var: 'born' }, '2024-09-30', 'years'] },
    data: { born: '1964-10-01' },
    expected: 59,
  },
  {
    description: 'age on the 60th birthday',
    logic: { date_diff: [{ var: 'born' }, '2024-10-01', 'years'] },
    data: { born: '1964-10-01' },
    expected: 60,
  },
  {
    description: 'born on a leap day: one year on 02-28 of a common year',
    logic: { date_diff: ['2024-02-29', '2025-02-28', 'years'] },
    expected: 1,
  },
  { description: 'days in leap 2024 from 01-01 to 12-31', logic: { date_diff: ['2024-01-01', '2024-12-31', 'days'] }, expected: 365 },
  { description: 'days backwards are negative', logic: { date_diff: ['2024-05-31', '2024-05-01', 'days'] }, expected: -30 },
  { description: '01-31 → 02-29 is one month (month end)', logic: { date_diff: ['2024-01-31', '2024-02-29', 'months'] }, expected: 1 },
  { description: '01-15 → 02-14 is not yet a month', logic: { date_diff: ['2024-01-15', '2024-02-14', 'months'] }, expected: 0 },
  {
    description: 'negative years are floored: 2024-05-30 → 2022-05-31 is -2',
    logic: { date_diff: ['2024-05-30', '2022-05-31', 'years'] },
    expected: -2,
  },
  {
    description: 'exact negative years: 2024-05-31 → 2022-05-31 is -2',
    logic: { date_diff: ['2024-05-31', '2022-05-31', 'years'] },
    expected: -2,
  },
  { description: 'same day is 0', logic: { date_diff: ['2024-05-31', '2024-05-31', 'months'] }, expected: 0 },
  {
    description: 'a bad date → null',
    logic: { date_diff: [{ var: 'd' }, '2024-01-01', 'days'] },
    data: { d: '2024-13-01' },
    expected: null,
  },
]);

suite('is_workday (cn 2024–2025)', [
  { description: '2024-09-29 Sunday, make-up working day', logic: { is_workday: ['2024-09-29', 'cn'] }, expected: true },
  { description: '2024-10-12 Saturday, make-up working day', logic: { is_workday: ['2024-10-12', 'cn'] }, expected: true },
  { description: '2024-10-13 Sunday', logic: { is_workday: ['2024-10-13', 'cn'] }, expected: false },
  { description: '2024-10-07 Monday, 国庆', logic: { is_workday: ['2024-10-07', 'cn'] }, expected: false },
  { description: '2024-10-08 Tuesday', logic: { is_workday: ['2024-10-08', 'cn'] }, expected: true },
  { description: '2024-02-04 Sunday, 春节 make-up', logic: { is_workday: ['2024-02-04', 'cn'] }, expected: true },
  { description: '2024-02-12 Monday, 春节', logic: { is_workday: ['2024-02-12', 'cn'] }, expected: false },
  { description: '2025-04-04 Friday, 清明', logic: { is_workday: ['2025-04-04', 'cn'] }, expected: false },
  { description: '2025-06-02 Monday, 端午', logic: { is_workday: ['2025-06-02', 'cn'] }, expected: false },
  { description: '2025-10-11 Saturday, make-up working day', logic: { is_workday: ['2025-10-11', 'cn'] }, expected: true },
  {
    description: 'a date-time in data uses its date',
    logic: { is_workday: [{ var: 'at' }, 'cn'] },
    data: { at: '2024-10-12T09:00:00+08:00' },
    expected: true,
  },
  { description: '2023 is not in the calendar → null', logic: { is_workday: ['2023-12-29', 'cn'] }, expected: null },
  { description: '2026 is not in the calendar → null', logic: { is_workday: ['2026-01-05', 'cn'] }, expected: null },
  {
    description: 'calendar id from data that does not exist → null',
    logic: { is_workday: ['2024-10-08', { var: 'cal' }] },
    data: { cal: 'xx' },
    expected: null,
  },
]);

suite('workdays_add (cn)', [
  // Mon 09-30; 10-01..07 holidays; Tue 10-08 (1), 10-09 (2), 10-10 (3), Fri 10-11 (4), Sat 10-12 make-up (5).
  {
    description: '5 working days after Mon 2024-09-30 is Sat 2024-10-12 (a make-up day)',
    logic: { workdays_add: ['2024-09-30', 5, 'cn'] },
    expected: '2024-10-12',
  },
  {
    description: '4 working days after 2024-09-30 is Fri 2024-10-11',
    logic: { workdays_add: ['2024-09-30', 4, 'cn'] },
    expected: '2024-10-11',
  },
  {
    description: '1 after Fri 2024-09-27 is the make-up Sunday 09-29',
    logic: { workdays_add: ['2024-09-27', 1, 'cn'] },
    expected: '2024-09-29',
  },
  { description: '2 after Fri 2024-09-27 is Mon 09-30', logic: { workdays_add: ['2024-09-27', 2, 'cn'] }, expected: '2024-09-30' },
  { description: 'n = 0 gives the date itself', logic: { workdays_add: ['2024-10-05', 0, 'cn'] }, expected: '2024-10-05' },
  {
    description: 'across the year end: 2025-01-01 is 元旦, so Thu 2025-01-02',
    logic: { workdays_add: ['2024-12-31', 1, 'cn'] },
    expected: '2025-01-02',
  },
  // Mon 2025-01-27, then 01-28..02-04 春节, Wed 02-05.
  {
    description: '1 after Mon 2025-01-27 is Wed 2025-02-05 (春节)',
    logic: { workdays_add: ['2025-01-27', 1, 'cn'] },
    expected: '2025-02-05',
  },
  {
    description: 'negative n: the working day before Tue 2024-10-08 is Mon 09-30',
    logic: { workdays_add: ['2024-10-08', -1, 'cn'] },
    expected: '2024-09-30',
  },
  { description: 'walking past the last listed year → null', logic: { workdays_add: ['2025-12-31', 1, 'cn'] }, expected: null },
  { description: 'a start outside the listed years → null', logic: { workdays_add: ['2023-12-29', 1, 'cn'] }, expected: null },
  { description: 'a huge n stops at the calendar edge → null', logic: { workdays_add: ['2024-01-02', 1000000, 'cn'] }, expected: null },
]);

suite('workdays_between (cn), counting (from, to]', [
  {
    description: '(2024-09-30, 2024-10-12]: 10-08..10-11 and the make-up 10-12 → 5',
    logic: { workdays_between: ['2024-09-30', '2024-10-12', 'cn'] },
    expected: 5,
  },
  { description: 'reversed → -5', logic: { workdays_between: ['2024-10-12', '2024-09-30', 'cn'] }, expected: -5 },
  { description: 'same day → 0', logic: { workdays_between: ['2024-10-08', '2024-10-08', 'cn'] }, expected: 0 },
  // 262 weekdays − 19 weekday holidays + 8 make-up days = 251 working days in 2024; 01-01 is a holiday anyway.
  { description: 'all of 2024 after 01-01: 251', logic: { workdays_between: ['2024-01-01', '2024-12-31', 'cn'] }, expected: 251 },
  // 261 weekdays − 18 weekday holidays + 5 make-up days = 248 working days in 2025.
  { description: 'all of 2025: 248', logic: { workdays_between: ['2024-12-31', '2025-12-31', 'cn'] }, expected: 248 },
  { description: 'from outside the listed years → null', logic: { workdays_between: ['2023-12-31', '2024-01-05', 'cn'] }, expected: null },
]);

const members = [{ income: 1200 }, { income: '800' }, { income: null }, {}, { income: 'abc' }];
suite('sum, avg, count, length', [
  {
    description: 'sum of a field: 1200 + "800"; null, absent, "abc" add nothing',
    logic: { sum: [{ var: 'members' }, 'income'] },
    data: { members },
    expected: 2000,
  },
  {
    description: 'avg skips non-numbers: (1200 + 800) / 2',
    logic: { avg: [{ var: 'members' }, 'income'] },
    data: { members },
    expected: 1000,
  },
  { description: 'sum of plain items: 1 + 2 + "3"; true and null add nothing', logic: { sum: [[1, 2, '3', true, null]] }, expected: 6 },
  {
    description: 'sum of a nested field',
    logic: { sum: [{ var: 'plots' }, 'area.mu'] },
    data: { plots: [{ area: { mu: 2.5 } }, { area: { mu: 1.5 } }] },
    expected: 4,
  },
  { description: 'sum of a missing list is 0', logic: { sum: [{ var: 'nope' }, 'x'] }, expected: 0 },
  { description: 'avg of an empty list is null', logic: { avg: [[]] }, expected: null },
  { description: 'avg of a list without numbers is null', logic: { avg: [['a', null]] }, expected: null },
  { description: 'count without a condition counts every item', logic: { count: [{ var: 'members' }] }, data: { members }, expected: 5 },
  {
    description: 'count with a condition per item: only 1200 > 1000',
    logic: { count: [{ var: 'members' }, { '>': [{ var: 'income' }, 1000] }] },
    data: { members },
    expected: 1,
  },
  { description: 'count of a missing list is 0', logic: { count: [{ var: 'nope' }, true] }, expected: 0 },
  {
    description: 'length of a Chinese name counts characters',
    logic: { length: [{ var: 'name' }] },
    data: { name: '张三丰' },
    expected: 3,
  },
  { description: 'a character outside the BMP counts once', logic: { length: [{ var: 'name' }] }, data: { name: '王𠀀' }, expected: 2 },
  { description: 'length of an array', logic: { length: [{ var: 'members' }] }, data: { members }, expected: 5 },
  { description: 'length of a missing value is 0', logic: { length: [{ var: 'nope' }] }, expected: 0 },
  { description: 'a number has no length → null', logic: { length: [{ var: 'n' }] }, data: { n: 12345 }, expected: null },
]);

suite('ratio, round, floor', [
  { description: '1 / 4', logic: { ratio: [1, 4] }, expected: 0.25 },
  { description: 'numeric strings', logic: { ratio: [{ var: 'a' }, { var: 'b' }] }, data: { a: '3', b: '4' }, expected: 0.75 },
  { description: 'division by 0 → null', logic: { ratio: [{ var: 'a' }, 0] }, data: { a: 5 }, expected: null },
  { description: 'a missing operand → null', logic: { ratio: [{ var: 'a' }, 2] }, expected: null },
  { description: '1.005 to 2 digits is 1.01 (no float trap)', logic: { round: [1.005, 2] }, expected: 1.01 },
  { description: '2.5 → 3 (half away from zero)', logic: { round: [2.5] }, expected: 3 },
  { description: '-2.5 → -3 (half away from zero)', logic: { round: [-2.5] }, expected: -3 },
  { description: '0.1 + 0.2 to 2 digits is 0.3', logic: { round: [{ '+': [0.1, 0.2] }, 2] }, expected: 0.3 },
  { description: 'negative digits round to hundreds', logic: { round: [1250, -2] }, expected: 1300 },
  { description: 'a numeric string', logic: { round: [{ var: 'x' }, 1] }, data: { x: ' 8.25 ' }, expected: 8.3 },
  { description: 'not a number → null', logic: { round: [{ var: 'x' }] }, data: { x: 'abc' }, expected: null },
  {
    description: 'round of a ratio: share of 1 in 3 as a percentage',
    logic: { round: [{ '*': [{ ratio: [1, 3] }, 100] }, 1] },
    expected: 33.3,
  },
  { description: 'floor to 1 digit: 16.83 → 16.8', logic: { floor: [16.83, 1] }, expected: 16.8 },
  { description: 'floor goes down for negatives: -2.55 → -2.6', logic: { floor: [-2.55, 1] }, expected: -2.6 },
  { description: 'floor without digits: 2.9 → 2', logic: { floor: 2.9 }, expected: 2 },
  { description: 'floor of 0.1 + 0.2 to 1 digit is 0.3 (no float trap)', logic: { floor: [{ '+': [0.1, 0.2] }, 1] }, expected: 0.3 },
  { description: 'floor to hundreds: 1299 → 1200', logic: { floor: [1299, -2] }, expected: 1200 },
  { description: 'floor of -0.4 is -1, of 0.4 is 0 (never -0)', logic: { '+': [{ floor: [-0.4] }, { floor: [0.4] }] }, expected: -1 },
  { description: 'floor of not a number → null', logic: { floor: [{ var: 'x' }] }, data: { x: 'abc' }, expected: null },
]);

suite('lookup, coalesce', [
  { description: 'label by default', logic: { lookup: ['crops', 'RICE'] }, expected: { 'zh-CN': '水稻', en: 'Rice' } },
  { description: 'a dotted field', logic: { lookup: ['crops', { var: 'crop' }, 'label.zh-CN'] }, data: { crop: 'TEA' }, expected: '茶叶' },
  { description: 'another field', logic: { lookup: ['crops', 'TEA', 'subsidy'] }, expected: 80.5 },
  {
    description: 'a number code is looked up as its string',
    logic: { lookup: ['crops', { var: 'c' }, 'label.en'] },
    data: { c: 1 },
    expected: 'Other',
  },
  {
    description: 'an unknown code from data → null',
    logic: { lookup: ['crops', { var: 'crop' }] },
    data: { crop: 'CORN' },
    expected: null,
  },
  { description: 'an unknown field → null', logic: { lookup: ['crops', 'RICE', 'nope'] }, expected: null },
  { description: 'an inherited field → null', logic: { lookup: ['crops', 'RICE', 'constructor'] }, expected: null },
  {
    description: 'coalesce skips null and missing, keeps 0',
    logic: { coalesce: [{ var: 'a' }, { var: 'b' }, 0, 5] },
    data: { a: null },
    expected: 0,
  },
  { description: 'coalesce keeps "" and false', logic: { coalesce: [{ var: 'a' }, 1] }, data: { a: '' }, expected: '' },
  { description: 'coalesce of nothing present → null', logic: { coalesce: [{ var: 'a' }] }, expected: null },
]);

describe('laziness and independence', () => {
  it('coalesce does not evaluate past the first present value', () => {
    // missing_some with a null option list throws, as in json-logic-js; coalesce must never reach it.
    const throws = { missing_some: [1, { var: 'nothing' }] };
    expect(() => engine.apply(throws, {})).toThrow(TypeError);
    expect(engine.apply({ coalesce: [1, throws] }, {})).toBe(1);
  });

  it("count's condition reads each item, not the record", () => {
    expect(engine.apply({ count: [{ var: 'xs' }, { var: 'ok' }] }, { ok: true, xs: [{ ok: false }, { ok: 1 }] })).toBe(1);
  });

  it('engines do not share calendars or code lists', () => {
    const other = createRuleEngine({ calendars: new Map([['cn', { id: 'cn', years: [2024], holidays: ['2024-10-08'], workdays: [] }]]) });
    expect(other.apply({ is_workday: ['2024-10-08', 'cn'] }, {})).toBe(false);
    expect(engine.apply({ is_workday: ['2024-10-08', 'cn'] }, {})).toBe(true);
    expect(other.check({ lookup: ['crops', 'RICE'] })).toHaveLength(1);
  });

  it('a calendar with an invalid date is refused when the engine is made', () => {
    const bad = { id: 'bad', years: [2024], holidays: ['2024-02-30'], workdays: [] };
    expect(() => createRuleEngine({ calendars: new Map([['bad', bad]]) })).toThrow(
      expect.objectContaining({ code: 'PLUGIN_INVALID', details: [expect.objectContaining({ pointer: '/holidays/0' })] }),
    );
  });

  it('a result can be changed by the caller without changing the next result', () => {
    const compiled = engine.compile({ if: [true, { a: [1], b: 2 }, null] });
    const first = compiled({}) as { a: number[] };
    first.a.push(99);
    expect(compiled({})).toEqual({ a: [1], b: 2 });
    const label = engine.apply({ lookup: ['crops', 'RICE'] }, {}) as Record<string, string>;
    label.en = 'changed';
    expect(engine.apply({ lookup: ['crops', 'RICE', 'label.en'] }, {})).toBe('Rice');
  });

  it('lists every operation', () => {
    expect([...engine.operations].sort()).toEqual(
      [
        '!',
        '!!',
        '!=',
        '!==',
        '%',
        '*',
        '+',
        '-',
        '/',
        '<',
        '<=',
        '==',
        '===',
        '>',
        '>=',
        '?:',
        'all',
        'and',
        'cat',
        'filter',
        'if',
        'in',
        'log',
        'map',
        'max',
        'merge',
        'min',
        'missing',
        'missing_some',
        'none',
        'or',
        'reduce',
        'some',
        'substr',
        'var',
        'avg',
        'coalesce',
        'count',
        'date_add',
        'date_diff',
        'is_workday',
        'length',
        'lookup',
        'ratio',
        'round',
        'floor',
        'sum',
        'workdays_add',
        'workdays_between',
      ].sort(),
    );
  });
});
