// A code list whose code repeats is refused at load, pointing at the second item: before, the later label silently
// won everywhere the code was shown (the studio's code-list tab flags the same while typing).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { TEST_PLUGINS } from '../helpers/paths';

const DEMO = path.join(TEST_PLUGINS, '../records/plugins/override-demo');
const LIST = 'codelists/dispositions.json';
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-codelist-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('duplicate codes in a code list', () => {
  it('the bundled list loads clean', async () => {
    expect((await createPluginLoader().fromFolder(DEMO)).errors).toEqual([]);
  });

  it('a repeated code is PLUGIN_INVALID at the second item, in both languages', async () => {
    const dir = path.join(root, 'dup');
    await cp(DEMO, dir, { recursive: true });
    const list = JSON.parse(await readFile(path.join(dir, LIST), 'utf8'));
    list.items.push({ code: 'rectify', label: { 'zh-CN': '整改', en: 'Fix' } });
    await writeFile(path.join(dir, LIST), JSON.stringify(list));
    const { errors } = await createPluginLoader().fromFolder(dir);
    expect(errors).toEqual([expect.objectContaining({ file: LIST, pointer: '/items/3/code', code: 'PLUGIN_INVALID' })]);
    expect(errors[0].message).toEqual({ 'zh-CN': '代码表中代码重复:rectify', en: 'Code rectify appears twice in the code list' });
  });
});
