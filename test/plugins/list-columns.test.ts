// A form's declared list columns are checked when the plugin loads: each names a field of the form or an outcome
// of one of its rules, ids are unique, and a column names exactly one of the two — every refusal with file and pointer.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { TEST_PLUGINS } from '../helpers/paths';

const loader = createPluginLoader();
let root: string;
const title = { 'zh-CN': '列', en: 'Column' };

async function withColumns(name: string, columns: unknown[]) {
  const dir = path.join(root, name);
  await cp(path.join(TEST_PLUGINS, 'registry-demo'), dir, { recursive: true });
  const file = path.join(dir, 'plugin.json');
  const manifest = JSON.parse(await readFile(file, 'utf8'));
  manifest.forms[0].listColumns = columns;
  await writeFile(file, JSON.stringify(manifest));
  return loader.fromFolder(dir);
}

beforeAll(async () => { root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-columns-')); });
afterAll(async () => { await rm(root, { recursive: true, force: true }); });

describe('declared list columns', () => {
  it('loads data fields and rule outcomes of the form', async () => {
    const r = await withColumns('good', [
      { id: 'members', title, pointer: '/members' },
      { id: 'label', title, result: '/computed/member-label' },
      { id: 'blocking', title, result: '/blocking' },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.plugin!.forms.get('cooperative')!.manifest.listColumns!.map((c) => c.id)).toEqual(['members', 'label', 'blocking']);
  });

  it('refuses a field the form lacks, an outcome no rule produces, a repeated id', async () => {
    const r = await withColumns('bad', [
      { id: 'nowhere', title, pointer: '/nowhere' },
      { id: 'score', title, result: '/score/total' }, // the form has no score rules
      { id: 'class', title, result: '/classes/member-label' }, // a compute rule, not a classify rule
      { id: 'checks', title, result: '/checks' },
      { id: 'nowhere', title, pointer: '/members' },
    ]);
    expect(r.plugin).toBeUndefined();
    const at = (e: { file?: string; pointer: string }) => `${e.file} ${e.pointer}`;
    expect(r.errors.map(at).sort()).toEqual([
      'plugin.json /forms/0/listColumns/0/pointer', 'plugin.json /forms/0/listColumns/1/result', 'plugin.json /forms/0/listColumns/2/result',
      'plugin.json /forms/0/listColumns/3/result', 'plugin.json /forms/0/listColumns/4/id',
    ]);
    for (const e of r.errors) expect(e.message['zh-CN'] && e.message.en).toBeTruthy();
  });

  it('refuses a column naming both a field and an outcome, or neither', async () => {
    const both = await withColumns('both', [{ id: 'x', title, pointer: '/members', result: '/blocking' }]);
    expect(both.errors).toContainEqual(expect.objectContaining({ file: 'plugin.json', pointer: '/forms/0/listColumns/0' }));
    const neither = await withColumns('neither', [{ id: 'x', title }]);
    expect(neither.errors).toContainEqual(expect.objectContaining({ file: 'plugin.json', pointer: '/forms/0/listColumns/0' }));
  });
});
