// Rules read `record.periodStart` / `record.periodEnd` wherever they run without the database: the fixture runner,
// the evaluator the browser runs, and "why" — on the neutral earlier-demo plugin (test/records/plugins/earlier-demo),
// whose weekly tally has `week-start` and `week-end` compute rules reading them. Days worked by hand: 4 January 2024
// is a Thursday, so 2024-W01 begins on Monday 1 January and 2024-W03 runs 15–21 January.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { evaluateForm, explainRule } from '../../platform/evaluation';
import { runFixtureCase } from '../../platform/fixtures/run-fixtures';
import { createRuleEngine } from '../../platform/rules';
import { REPO_ROOT } from '../../platform/boot/config';
import type { FormDefinition, PeriodKind } from '../../platform/plugins/types';

const { plugin, errors } = await createPluginLoader().fromFolder(path.join(REPO_ROOT, 'test/records/plugins/earlier-demo'));
const form = plugin!.forms.get('tally')!;
const input = (period: string | undefined) => ({
  data: { site: 'site-1', amount: 5 },
  params: {},
  asOf: '2024-02-01',
  ...(period === undefined ? {} : { record: { period } }),
});
const bounds = (f: FormDefinition, period: string | undefined) => {
  const { computed } = evaluateForm(f, input(period)).results;
  return [computed['week-start'], computed['week-end']];
};
/** The same form declaring another period kind: the kind, not the text, says what the period's days are. */
const asKind = (kind: PeriodKind): FormDefinition => ({ ...form, manifest: { ...form.manifest, period: { kind } } });

describe('rules reading the period bounds', () => {
  it('the fixture cases of the plugin pass: 2024-W03 runs 2024-01-15 to 2024-01-21', () => {
    expect(errors).toEqual([]);
    const suite = plugin!.fixtures[0];
    expect(suite.cases.map((c) => runFixtureCase(plugin!, suite, c).mismatches)).toEqual([[], []]);
  });

  it('the evaluator gives the bounds of the form’s period kind', () => {
    expect(bounds(form, '2020-W53')).toEqual(['2020-12-28', '2021-01-03']);
    expect(bounds(asKind('month'), '2024-02')).toEqual(['2024-02-01', '2024-02-29']);
    expect(bounds(asKind('year'), '2023')).toEqual(['2023-01-01', '2023-12-31']);
    expect(bounds(asKind('campaign'), '2023')).toEqual([null, null]);
    // No period known (the studio preview): null, not a crash.
    expect(bounds(form, undefined)).toEqual([null, null]);
  });

  it('"why" traces the value the rule read', () => {
    const e = explainRule(form, createRuleEngine(), input('2021-W01'), 'week-start')!;
    expect(e.logic!.trace.value).toBe('2021-01-04');
  });
});
