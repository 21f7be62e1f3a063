// Fixture cases state overridden outcomes (issue 11) as a stored record keeps them: the runner hands them to the
// evaluator, so later rules read the chosen value, and `expected.overrides` compares what the rule computed with what
// was chosen. A case overriding a rule that allows no override, or without a reason, refuses the plugin at load.
// On the neutral override-demo plugin: severity is high at 3 or more defects (officers may override it), the
// disposition is rectify when severity is high, else close (reviewers may override it).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { runFixtureCase, runFixtures } from '../../platform/fixtures/run-fixtures';
import { demoCases } from '../../platform/demo/demo-cases';
import { REPO_ROOT } from '../../platform/boot/config';

const DEMO = path.join(REPO_ROOT, 'test/records/plugins/override-demo');
const FIXTURES = 'fixtures/inspection.json';
const loader = createPluginLoader();
let root: string;

/** The demo plugin with its fixture suite changed. */
async function variant(name: string, change: (suite: any) => void): Promise<string> {
  const dir = path.join(root, name);
  await cp(DEMO, dir, { recursive: true });
  const file = path.join(dir, FIXTURES);
  const v = JSON.parse(await readFile(file, 'utf8'));
  change(v);
  await writeFile(file, JSON.stringify(v));
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-fixture-overrides-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fixture cases with overrides', () => {
  it('run with the chosen value read by later rules: every case of the demo passes', async () => {
    const r = await loader.fromFolder(DEMO);
    expect(r.errors).toEqual([]);
    expect(runFixtures(r.plugin!).map((o) => [o.description, o.mismatches])).toEqual(
      r.plugin!.fixtures[0].cases.map((c) => [c.description, []]),
    );
  });

  it('fail when the computed or chosen value is not the one expected, or nothing was overridden', async () => {
    const { plugin } = await loader.fromFolder(DEMO);
    const suite = plugin!.fixtures[0];
    const lowered = suite.cases[1];
    const wrong = { ...lowered, expected: { overrides: { severity: { computed: 'low', chosen: 'high' } } } };
    expect(runFixtureCase(plugin!, suite, wrong).mismatches).toEqual([
      'overrides.severity.computed: expected "low", got "high"',
      'overrides.severity.chosen: expected "high", got "low"',
    ]);
    const plain = { ...suite.cases[0], expected: { overrides: { severity: { chosen: 'low' } } } };
    expect(runFixtureCase(plugin!, suite, plain).mismatches).toEqual(['overrides.severity: expected {"chosen":"low"}, got "not overridden"']);
    // At 2 defects, highAt 3: the rule computes low, the chosen high makes the warning fail.
    const raised = { ...lowered, input: { defects: 2 }, overrides: { severity: { value: 'high', reason: '隐患集中' } } };
    expect(
      runFixtureCase(plugin!, suite, { ...raised, expected: { failed: ['high-noted'], overrides: { severity: { computed: 'low' } } } })
        .mismatches,
    ).toEqual([]);
  });

  it('are not picked as demo records unless marked', async () => {
    const { plugin } = await loader.fromFolder(DEMO);
    expect(demoCases(plugin!, 'inspection').map((c) => c.description)).toEqual(['4 defects, nothing overridden: high, rectify']);
  });
});

describe('fixture overrides refused at load', () => {
  it('a rule the form does not have', async () => {
    const { errors } = await loader.fromFolder(await variant('unknown', (s) => (s.cases[1].overrides = { severty: { value: 'low', reason: '复核' } })));
    expect(errors).toEqual([
      expect.objectContaining({ file: FIXTURES, pointer: '/cases/1/overrides/severty', code: 'PLUGIN_INVALID', params: { rule: 'severty' } }),
    ]);
  });

  it('a rule that declares no override', async () => {
    const { errors } = await loader.fromFolder(
      await variant('not-overridable', (s) => (s.cases[1].overrides = { 'defect-count': { value: 0, reason: '复核' } })),
    );
    expect(errors).toEqual([expect.objectContaining({ file: FIXTURES, pointer: '/cases/1/overrides/defect-count', code: 'PLUGIN_INVALID' })]);
    expect(errors[0].message.en).toBe('Rule defect-count declares no override');
  });

  it('a blank reason, and a value that is no code of the class’s list', async () => {
    const { errors } = await loader.fromFolder(
      await variant('blank', (s) => {
        s.cases[1].overrides.severity.reason = '  ';
        s.cases[2].overrides.disposition.value = 'archive';
      }),
    );
    expect(errors).toEqual([
      expect.objectContaining({ file: FIXTURES, pointer: '/cases/1/overrides/severity/reason', code: 'PLUGIN_INVALID' }),
      expect.objectContaining({ file: FIXTURES, pointer: '/cases/2/overrides/disposition/value', code: 'PLUGIN_INVALID' }),
    ]);
  });

  it('a reason left out, by the fixture schema', async () => {
    const { errors } = await loader.fromFolder(await variant('no-reason', (s) => delete s.cases[1].overrides.severity.reason));
    expect(errors).toEqual([expect.objectContaining({ file: FIXTURES, pointer: '/cases/1/overrides/severity/reason', keyword: 'required' })]);
  });
});
