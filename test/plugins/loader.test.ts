// A bad plugin is refused with every error listed (file and JSON pointer), installs nothing, and never stops
// the good plugins beside it from loading.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { TEST_PLUGINS } from '../helpers/paths';

const loader = createPluginLoader();
let root: string;

async function variant(name: string, edit: (dir: string) => Promise<void>): Promise<string> {
  const dir = path.join(root, name);
  await cp(path.join(TEST_PLUGINS, 'registry-demo'), dir, { recursive: true });
  await edit(dir);
  return dir;
}
async function editJson(file: string, change: (v: any) => void) {
  const v = JSON.parse(await readFile(file, 'utf8'));
  change(v);
  await writeFile(file, JSON.stringify(v));
}

beforeAll(async () => { root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-plugins-')); });
afterAll(async () => { await rm(root, { recursive: true, force: true }); });

describe('plugin loader', () => {
  it('refuses a plugin.json dependency whose range is not a semver range, with file and pointer', async () => {
    const dir = await variant('dependency-range', (d) =>
      editJson(path.join(d, 'plugin.json'), (v) => { v.dependencies = [{ id: 'work-calendar', range: 'two' }]; }));
    const r = await loader.fromFolder(dir);
    expect(r.errors).toContainEqual(expect.objectContaining({ file: 'plugin.json', pointer: '/dependencies/0/range' }));
  });

  it.each([
    [{ from: '2024-05-01', until: '2024-04-30' }, '/effective/until'],
    [{ from: '2024-02-30' }, '/effective/from'],
    [{ until: '2024-4-30' }, '/effective/until'],
    [{}, '/effective'],
  ])('refuses effective dates %j that are not days or end before they start, at %s', async (effective, pointer) => {
    const dir = await variant(`effective-${pointer.replaceAll('/', '-')}-${Object.keys(effective).length}`, (d) =>
      editJson(path.join(d, 'plugin.json'), (v) => { v.effective = effective; }));
    const r = await loader.fromFolder(dir);
    expect(r.plugin).toBeUndefined();
    expect(r.errors).toContainEqual(expect.objectContaining({ file: 'plugin.json', pointer }));
  });

  it('reports an unknown key anywhere, with file and pointer', async () => {
    const dir = await variant('unknown-key', (d) => editJson(path.join(d, 'rules/cooperative.json'), (v) => { v.rules[1].severty = 'block'; }));
    const r = await loader.fromFolder(dir);
    expect(r.plugin).toBeUndefined();
    expect(r.errors).toContainEqual(expect.objectContaining({ file: 'rules/cooperative.json', pointer: '/rules/1/severty', keyword: 'additionalProperties' }));
  });

  it('refuses an unknown JsonLogic operation at load, pointing into the rule', async () => {
    const dir = await variant('unknown-op', (d) => editJson(path.join(d, 'rules/cooperative.json'), (v) => { v.rules[1].logic = { and: [true, { eval: ['1'] }] }; }));
    const r = await loader.fromFolder(dir);
    expect(r.errors).toContainEqual(expect.objectContaining({ file: 'rules/cooperative.json', pointer: '/rules/1/logic/and/1', code: 'RULE_INVALID' }));
  });

  it('lists a missing file, a platform range it does not fit, and a guard that does not exist', async () => {
    const missing = await variant('missing', async (d) => { await rm(path.join(d, 'forms/weekly.schema.json')); });
    expect((await loader.fromFolder(missing)).errors).toContainEqual(expect.objectContaining({ file: 'forms/weekly.schema.json', code: 'FILE_MISSING' }));

    const old = await variant('old', (d) => editJson(path.join(d, 'plugin.json'), (v) => { v.platform = '^9.0.0'; }));
    expect((await loader.fromFolder(old)).errors).toEqual([expect.objectContaining({ file: 'plugin.json', pointer: '/platform', code: 'PLUGIN_INCOMPATIBLE' })]);

    const guard = await variant('guard', (d) => editJson(path.join(d, 'workflows/review.json'), (v) => { v.transitions[2].guards = ['no-such-guard']; }));
    const g = await loader.fromFolder(guard);
    expect(g.errors).toContainEqual(expect.objectContaining({ file: 'workflows/review.json', pointer: '/transitions/2/guards/0' }));
  });

  it('refuses a form schema ajv cannot compile and a compute field the form lacks', async () => {
    const dir = await variant('schema', async (d) => {
      await editJson(path.join(d, 'forms/weekly.schema.json'), (v) => { v.properties.visits.minimun = 0; });
      await editJson(path.join(d, 'rules/cooperative.json'), (v) => { v.rules[0].field = '/nowhere'; });
    });
    const r = await loader.fromFolder(dir);
    expect(r.errors.map((e) => e.file)).toEqual(expect.arrayContaining(['forms/weekly.schema.json', 'rules/cooperative.json']));
    expect(r.errors).toContainEqual(expect.objectContaining({ file: 'rules/cooperative.json', pointer: '/rules/0/field' }));
  });

  it('turns a bad plugin into an error record and still loads the good one beside it', async () => {
    const both = await mkdtemp(path.join(os.tmpdir(), 'hezuo-root-'));
    await cp(path.join(TEST_PLUGINS, 'registry-demo'), path.join(both, 'good'), { recursive: true });
    await cp(path.join(TEST_PLUGINS, 'registry-demo'), path.join(both, 'bad'), { recursive: true });
    await writeFile(path.join(both, 'bad/plugin.json'), '{ not json');
    const r = await loader.fromRoot(both);
    expect(r.plugins.map((p) => p.id)).toEqual(['registry-demo']);
    expect(r.failures).toEqual([expect.objectContaining({ source: 'bad', errors: [expect.objectContaining({ file: 'plugin.json', code: 'PARSE_ERROR' })] })]);
    await rm(both, { recursive: true, force: true });
  });

  it('gives a frozen definition', async () => {
    const r = await loader.fromFolder(path.join(TEST_PLUGINS, 'registry-demo'));
    expect(Object.isFrozen(r.plugin)).toBe(true);
    expect(Object.isFrozen(r.plugin!.forms.get('cooperative'))).toBe(true);
  });
});
