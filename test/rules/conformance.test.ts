// The official JsonLogic test suite, every case through compile(). Strings in the file are section headings.
import { describe, expect, it } from 'vitest';
import { createRuleEngine } from '../../platform/rules';
import official from './fixtures/jsonlogic-official-tests.json';

type Case = [logic: unknown, data: unknown, expected: unknown];

function sections(entries: unknown[]): { heading: string; cases: Case[] }[] {
  const out: { heading: string; cases: Case[] }[] = [{ heading: '(before any heading)', cases: [] }];
  for (const e of entries) {
    if (typeof e === 'string') out.push({ heading: e.replace(/^#\s*/, ''), cases: [] });
    else out[out.length - 1].cases.push(e as Case);
  }
  return out.filter((s) => s.cases.length > 0);
}

const engine = createRuleEngine();
const all = sections(official as unknown[]);

it('runs all 280 official cases', () => {
  expect(all.reduce((n, s) => n + s.cases.length, 0)).toBe(280);
});

describe.each(all)('$heading', ({ cases }) => {
  it.each(cases.map((c, i) => [i, JSON.stringify(c[0]), c] as const))('#%i %s', (_i, _text, [logic, data, expected]) => {
    expect(engine.check(logic)).toEqual([]);
    const compiled = engine.compile(logic);
    expect(compiled(data)).toEqual(expected);
    // A second run sees the same result: nothing of the first one is kept.
    expect(compiled(data)).toEqual(expected);
  });
});
