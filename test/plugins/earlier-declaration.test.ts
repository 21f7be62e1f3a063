// A form's `earlier` declaration is checked at load with file and pointer: `by` must be the form's subject or one
// of its x-ref fields, the periods must have an order, and the limit is bounded by the meta-schema. And the fixture
// runner gives a case's stated earlier records to the rules (the neutral earlier-demo plugin's own fixtures).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { runFixtureCase } from '../../platform/fixtures/run-fixtures';
import { REPO_ROOT } from '../../platform/boot/config';
import { checkRuleFields } from '../../platform/plugins/check-rule-fields';

const DEMO = path.join(REPO_ROOT, 'test/records/plugins/earlier-demo');
const loader = createPluginLoader();
let root: string;

/** The earlier-demo plugin with its weekly form (forms/1 in plugin.json) changed. */
async function variant(name: string, change: (form: any) => void): Promise<string> {
  const dir = path.join(root, name);
  await cp(DEMO, dir, { recursive: true });
  const file = path.join(dir, 'plugin.json');
  const v = JSON.parse(await readFile(file, 'utf8'));
  change(v.forms[1]);
  await writeFile(file, JSON.stringify(v));
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-earlier-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('earlier records: the declaration', () => {
  it('loads the demo plugin and its fixture cases pass with the earlier weeks they state (5 before, 10 in all)', async () => {
    const r = await loader.fromFolder(DEMO);
    expect(r.errors).toEqual([]);
    const suite = r.plugin!.fixtures[0];
    expect(suite.cases.map((c) => runFixtureCase(r.plugin!, suite, c).mismatches)).toEqual([[], []]);
  });

  it('refuses `by` naming a field that is neither the subject nor an x-ref field', async () => {
    const r = await loader.fromFolder(await variant('by-amount', (f) => (f.earlier.by = '/amount')));
    expect(r.errors).toContainEqual(expect.objectContaining({ file: 'plugin.json', pointer: '/forms/1/earlier/by' }));
  });

  it('refuses periods without an order (a campaign)', async () => {
    const r = await loader.fromFolder(await variant('campaign', (f) => (f.period.kind = 'campaign')));
    expect(r.errors).toContainEqual(expect.objectContaining({ file: 'plugin.json', pointer: '/forms/1/earlier' }));
  });

  it('refuses a limit above 260', async () => {
    const r = await loader.fromFolder(await variant('limit', (f) => (f.earlier.limit = 261)));
    expect(r.errors).toContainEqual(expect.objectContaining({ file: 'plugin.json', pointer: '/forms/1/earlier/limit' }));
  });
});

describe('earlier records: rules reading them name the form’s own fields', () => {
  const schema = { type: 'object', additionalProperties: false, properties: { site: { type: 'string' }, amount: { type: 'number' } } };
  const unknown = (logic: unknown) => checkRuleFields(logic, '/logic', { schema, file: 'rules/tally.json' }).map((e) => e.params?.path);

  it('accepts the items’ data, period and results, and flags a misspelt field in an item or by index', () => {
    const sum = (path: string) => ({ reduce: [{ var: 'earlier' }, { '+': [{ var: 'accumulator' }, { var: path }] }, 0] });
    expect(unknown(sum('current.data.amount'))).toEqual([]);
    expect(unknown(sum('current.results.computed.total'))).toEqual([]);
    expect(unknown({ map: [{ var: 'earlier' }, { var: 'period' }] })).toEqual([]);
    expect(unknown(sum('current.data.amout'))).toEqual(['current.data.amout']);
    expect(unknown({ var: 'earlier.0.data.amout' })).toEqual(['earlier.0.data.amout']);
    expect(unknown({ var: 'earlier.0.data.amount' })).toEqual([]);
  });
});
