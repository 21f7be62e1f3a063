// Stored results keep ids and outcomes only; expanding them with the plugin version's form gives back exactly what
// the evaluation returned. Checked on every fixture case of the bundled plugins (the inputs and dates are the
// fixtures' own), on rule errors, and on the size a record stores.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPluginLoader, findPluginFolders } from '../../platform/plugins';
import { mergePatch } from '../../platform/fixtures/merge-patch';
import { evaluateForm, type Mark, type RuleResults } from '../../platform/evaluation';
import { compactResults, isStoredResults, outcomeOf } from '../../platform/evaluation/compact-results';
import { expandResults } from '../../platform/evaluation/expand-results';
import { createRuleEngine } from '../../platform/rules';
import { REPO_ROOT } from '../../platform/boot/config';
import type { FixtureCase, FixtureSuite, FormDefinition, PluginDefinition } from '../../platform/plugins/types';

const loader = createPluginLoader();
const folders = await findPluginFolders(path.join(REPO_ROOT, 'plugins'));
const loaded: PluginDefinition[] = [];
for (const dir of folders) {
  const { plugin } = await loader.fromFolder(dir);
  if (plugin) loaded.push(plugin);
}
/** The policy plugins: one of shared data only (no forms, e.g. a calendar) has nothing to evaluate. */
const plugins = loaded.filter((p) => p.manifest.forms.length > 0);

/** A fixture case evaluated as the fixture runner does (platform/fixtures/run-fixtures.ts). */
function evaluateCase(plugin: PluginDefinition, suite: FixtureSuite, c: FixtureCase): RuleResults {
  const form = plugin.forms.get(suite.form)!;
  const data = mergePatch(suite.base ?? {}, c.input) as Record<string, unknown>;
  const marks: Mark[] = (c.marks ?? []).map((m) => ({ kind: m.kind, from: m.from, until: m.until ?? null }));
  const params = { ...plugin.parameterDefaults, ...(c.params ?? {}) };
  return evaluateForm(form, { data, params, asOf: (c.asOf ?? suite.asOf)!, marks, record: { period: c.period } }).results;
}

/** What the database keeps: jsonb text (key order is its own, which expanding must not depend on). */
const stored = (r: RuleResults) => JSON.parse(JSON.stringify(compactResults(r)));

// Every folder under plugins/ loads (none silently skipped) and brings fixtures; the list grows with each county.
it('finds every bundled plugin, each with fixtures', () => {
  expect(loaded.map((p) => p.id).sort()).toEqual(folders.map((f) => path.basename(f)).sort());
  expect(plugins.map((p) => p.id)).toEqual(expect.arrayContaining(['beibei-pilot', 'guangzhou-demonstration']));
  for (const p of plugins) expect(p.fixtures.length, p.id).toBeGreaterThan(0);
});

describe.each(plugins.map((p) => [p.id, p] as const))('%s', (_id, plugin) => {
  const cases = plugin.fixtures.flatMap((suite) => suite.cases.map((c) => [`${suite.file}: ${c.description}`, suite, c] as const));

  it.each(cases)('%s: compact → expand gives the evaluation back', (_name, suite, c) => {
    const full = evaluateCase(plugin, suite, c);
    const compact = stored(full);
    expect(isStoredResults(compact)).toBe(true);
    expect(expandResults(plugin.forms.get(suite.form)!, compact)).toEqual(full);
    // The paths reports and plugins read keep their place and value in the stored form.
    expect(compact.score?.total).toEqual(full.score?.total);
    expect(compact.score?.mandatoryFailed).toEqual(full.score?.mandatoryFailed);
    expect(compact.classes).toEqual(full.classes);
    expect(compact.failed).toEqual(full.failed);
    expect(compact.blocking).toBe(full.blocking);
    // The fixture's own expectations read off the stored maps directly (same vocabulary).
    for (const [id, passed] of Object.entries(c.expected.checks ?? {}))
      expect([compact.passed.includes(id), compact.failed.includes(id)]).toEqual([passed, !passed]);
    for (const [id, points] of Object.entries(c.expected.score?.items ?? {})) expect(compact.score.items[id]).toBeCloseTo(points, 9);
    for (const [id, score] of Object.entries(c.expected.score?.dimensions ?? {}))
      expect(compact.score.dimensions[id]).toBeCloseTo(score, 9);
  });

  it('a recompute compares outcomes keyed by check id, the same from either shape', () => {
    const [, suite, c] = cases[0];
    const full = evaluateCase(plugin, suite, c);
    const outcome = outcomeOf(full);
    expect(outcomeOf(stored(full))).toEqual(outcome);
    expect(outcome.checks).toEqual(Object.fromEntries(full.checks.map((x) => [x.id, x.passed])));
    expect(outcome).not.toHaveProperty('passed');
  });

  it('compacting twice changes nothing; results in the old full shape expand to themselves', () => {
    const [, suite, c] = cases[0];
    const full = evaluateCase(plugin, suite, c);
    const once = stored(full);
    expect(compactResults(once)).toEqual(once);
    const oldShape = JSON.parse(JSON.stringify(full));
    expect(expandResults(plugin.forms.get(suite.form)!, oldShape)).toBe(oldShape);
  });
});

describe('size of the stored results', () => {
  const gz = plugins.find((p) => p.id === 'guangzhou-demonstration')!;
  const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
  const sizes = gz.fixtures
    .filter((s) => s.form === 'application')
    .flatMap((suite) => suite.cases.map((c) => evaluateCase(gz, suite, c)))
    .map((full) => ({ full: bytes(full), stored: bytes(compactResults(full)) }));

  it('≤ 3 KB per application of the Guangzhou plugin (every fixture case)', () => {
    expect(sizes.length).toBeGreaterThan(0);
    const max = Math.max(...sizes.map((s) => s.stored));
    const mean = (k: 'full' | 'stored') => Math.round(sizes.reduce((n, s) => n + s[k], 0) / sizes.length);
    console.info(
      `guangzhou application results: ${mean('full')} bytes full, ${mean('stored')} bytes stored (mean of ${sizes.length} cases; largest stored ${max})`,
    );
    expect(max).toBeLessThanOrEqual(3 * 1024);
  });

  it('smaller for every form of every bundled plugin', () => {
    for (const plugin of plugins) {
      for (const suite of plugin.fixtures) {
        const all = suite.cases
          .map((c) => evaluateCase(plugin, suite, c))
          .map((full) => ({ full: bytes(full), stored: bytes(compactResults(full)) }));
        const mean = (k: 'full' | 'stored') => Math.round(all.reduce((n, s) => n + s[k], 0) / all.length);
        console.info(`${plugin.id} ${suite.file}: ${mean('full')} → ${mean('stored')} bytes of results per record (mean of ${all.length})`);
        for (const s of all) expect(s.stored).toBeLessThan(s.full);
      }
    }
  });
});

describe('rule errors (RULE_BUDGET_EXCEEDED) come back with their messages', () => {
  const engine = createRuleEngine();
  const blowUp = { reduce: [{ var: 'data.xs' }, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]] };
  const t = (s: string) => ({ 'zh-CN': s, en: s });
  const rule = (r: Record<string, unknown>) => ({ rule: r, when: null, logic: engine.compile(r.logic) });
  const form = {
    dimensions: [
      { id: 'd', title: t('D') },
      { id: 'e', title: t('E') },
    ],
    rules: [
      rule({ id: 'z', kind: 'classify', title: t('Z'), group: 'g', logic: blowUp }),
      rule({ id: 'c', kind: 'compute', logic: blowUp }),
      rule({ id: 'k', kind: 'check', severity: 'block', title: t('K'), message: t('own'), reference: '§1', logic: blowUp }),
      rule({ id: 'w', kind: 'check', severity: 'warn', title: t('W'), message: t('w'), pointer: '/xs', group: 'g', logic: true }),
      rule({ id: 's', kind: 'score', dimension: 'e', max: 5, mandatory: true, title: t('S'), logic: { length: blowUp } }),
      rule({ id: 'p', kind: 'score', dimension: 'd', max: 2, title: t('P'), logic: 1.5 }),
      rule({ id: 'y', kind: 'classify', logic: { var: 'results.score.total' } }),
    ],
  } as unknown as FormDefinition;

  it('errors of every kind, in the evaluator order, and the checks they failed', () => {
    const { results } = evaluateForm(form, { data: { xs: Array.from({ length: 40 }, (_, i) => i) }, params: {}, asOf: '2024-01-01' });
    expect(results.errors?.map((e) => e.id)).toEqual(['c', 'k', 's', 'z']);
    const compact = stored(results);
    expect(compact.errors).toEqual({ c: 'array', k: 'array', s: 'array', z: 'array' });
    expect(expandResults(form, compact)).toEqual(results);
  });
});

// A classify rule naming a code list shows its value's label, live and read back alike: an officer reads 限期整改.
it('gives a class its code-list label, the same live and expanded from storage', () => {
  const beibei = plugins.find((p) => p.id === 'beibei-pilot')!;
  const suite = beibei.fixtures.find((s) => s.form === 'survey')!;
  const form = beibei.forms.get('survey')!;
  const byClass = new Map<unknown, RuleResults>();
  for (const c of suite.cases) {
    const r = evaluateCase(beibei, suite, c);
    byClass.set(r.classes['improvement-class'], r);
  }
  const labels = { improve: '规范提升', rectify: '限期整改', 'clean-up': '清理注销' };
  for (const [code, zh] of Object.entries(labels)) {
    const live = byClass.get(code)!;
    expect(live, code).toBeDefined();
    const entry = live.classList.find((c) => c.id === 'improvement-class')!;
    expect(entry.label?.['zh-CN']).toBe(zh);
    const back = expandResults(form, stored(live)) as RuleResults;
    expect(back.classList.find((c) => c.id === 'improvement-class')).toEqual(entry);
  }
  // A class without a code list (a count) has no label.
  const count = byClass.get('rectify')!.classList.find((c) => c.id === 'problem-count')!;
  expect(count.label).toBeUndefined();
});
