// 「存为测试用例」: a case saved from the studio preview is a fixture the platform's own runner passes, it stays
// the preview's exact data when the suite has a base, and it fails once a rule edit changes the outcome it recorded.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { createPluginLoader } from '../../platform/plugins/loader';
import { folderSource, readPluginFiles } from '../../platform/plugins/read-folder';
import { memorySource } from '../../platform/packs/memory-source';
import { evaluateForm } from '../../platform/evaluation';
import { runFixtures } from '../../platform/fixtures/run-fixtures';
import { mergePatch } from '../../platform/fixtures/merge-patch';
import { mergePatchFrom, previewCase, withPreviewCase } from '../../web/src/studio/preview-case';

const DEMO = path.join(__dirname, '..', 'plugins', 'authoring', 'authoring-demo');
const loader = createPluginLoader();
const ASOF = '2024-06-01';

// On the boundary the policy sets (minMembers defaults to 5): five members pass; one member has no name.
const TYPED = {
  name: '乙合作社',
  kind: 'farming',
  membership: { memberCount: 5, memberCoops: 0 },
  members: [{ name: '王五', capital: 300 }, { capital: 200 }],
};

async function demoTexts() {
  const { texts, errors } = await readPluginFiles(folderSource(DEMO));
  expect(errors).toEqual([]);
  return texts;
}
const parse = (texts: Record<string, string>) => Object.fromEntries(Object.entries(texts).map(([p, t]) => [p, JSON.parse(t)]));
const load = async (texts: Record<string, string>) => (await loader.fromSource(memorySource(new Map(Object.entries(texts))))).plugin!;

async function savedCase(texts: Record<string, string>) {
  const plugin = await load(texts);
  const form = plugin.forms.get('coop')!;
  const { data, results } = evaluateForm(form, { data: TYPED, params: plugin.parameterDefaults, asOf: ASOF, record: {} });
  const c = previewCase(TYPED, results, form.validate(data).length === 0, { description: '五名成员,一名未填姓名', asOf: ASOF });
  return { c, next: withPreviewCase(texts, parse(texts), { id: 'coop', title: '合作社' }, c) };
}

describe('a test case saved from the studio preview', () => {
  it('expects what the rules give now, by hand: enough members, one unnamed, capital 500', async () => {
    const { c } = await savedCase(await demoTexts());
    expect(c.expected).toMatchObject({
      valid: true,
      blocking: 0,
      failed: ['all-named', 'county-level'],
      computed: { 'member-total': 500 },
      classes: { stage: 'open' },
    });
  });

  it('joins the form suite as a patch over its base, and the runner passes it with the others', async () => {
    const texts = await demoTexts();
    const { next } = await savedCase(texts);
    expect(next.path).toBe('fixtures/coop.json');
    const suite = JSON.parse(next.files['fixtures/coop.json']);
    const added = suite.cases.at(-1);
    expect(mergePatch(suite.base, added.input)).toEqual(TYPED);
    const outcomes = runFixtures(await load(next.files));
    expect(outcomes).toHaveLength(JSON.parse(texts['fixtures/coop.json']).cases.length + 1);
    expect(outcomes.filter((o) => o.mismatches.length)).toEqual([]);
  });

  it('fails once the rule it recorded changes (five members no longer enough)', async () => {
    const { next } = await savedCase(await demoTexts());
    const stricter = next.files['rules/coop.json'].replace(
      '{ ">=": [{ "var": "data.membership.memberCount" }',
      '{ ">": [{ "var": "data.membership.memberCount" }',
    );
    expect(stricter).not.toBe(next.files['rules/coop.json']);
    const outcomes = runFixtures(await load({ ...next.files, 'rules/coop.json': stricter }));
    const saved = outcomes.find((o) => o.description === '五名成员,一名未填姓名')!;
    expect(saved.differences.map((d) => d.pointer)).toEqual(expect.arrayContaining(['/failed', '/blocking']));
  });

  it('starts fixtures/<form>.json and lists it in plugin.json when the form has no suite', async () => {
    const texts = await demoTexts();
    const manifest = JSON.parse(texts['plugin.json']);
    const bare = { ...texts, 'plugin.json': JSON.stringify({ ...manifest, fixtures: [] }) };
    delete (bare as Record<string, string>)['fixtures/coop.json'];
    const { next } = await savedCase(bare);
    expect(next.path).toBe('fixtures/coop.json');
    expect(JSON.parse(next.files['plugin.json']).fixtures).toEqual(['fixtures/coop.json']);
    const suite = JSON.parse(next.files['fixtures/coop.json']);
    expect(suite.cases[0].input).toEqual(TYPED);
    expect(runFixtures(await load(next.files)).map((o) => o.mismatches)).toEqual([[]]);
  });
});

describe('mergePatchFrom', () => {
  it('gives the patch that turns one object into the other', () => {
    const from = { a: 1, b: { c: 2, d: 3 }, e: [1, 2], f: 'x' };
    const to = { a: 1, b: { c: 4 }, e: [1], g: true };
    const patch = mergePatchFrom(from, to);
    expect(patch).toEqual({ b: { c: 4, d: null }, e: [1], f: null, g: true });
    expect(mergePatch(from, patch)).toEqual(to);
  });
});
