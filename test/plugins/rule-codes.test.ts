// Problem codes and categories on check rules: carried into the compiled definition, a code unique within the
// plugin version (across forms), a category a code of the list its rule file names; each refusal names file and
// pointer.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { TEST_PLUGINS } from '../helpers/paths';

const loader = createPluginLoader();
let root: string;

async function editJson(file: string, change: (v: any) => void) {
  const v = JSON.parse(await readFile(file, 'utf8'));
  change(v);
  await writeFile(file, JSON.stringify(v));
}

/** registry-demo with a code list of problem kinds, its checks given codes and categories, then `edit`. */
async function variant(name: string, edit: (dir: string) => Promise<void> = async () => {}): Promise<string> {
  const dir = path.join(root, name);
  await cp(path.join(TEST_PLUGINS, 'registry-demo'), dir, { recursive: true });
  await writeFile(
    path.join(dir, 'kinds.json'),
    JSON.stringify({
      id: 'kinds',
      title: { 'zh-CN': '类别', en: 'Kinds' },
      items: [
        { code: 'size', label: { 'zh-CN': '规模', en: 'Size' } },
        { code: 'contact', label: { 'zh-CN': '联系', en: 'Contact' } },
      ],
    }),
  );
  await editJson(path.join(dir, 'plugin.json'), (m) => {
    m.codeLists = ['kinds.json'];
  });
  await editJson(path.join(dir, 'rules/cooperative.json'), (f) => {
    f.categoryList = 'kinds';
    Object.assign(f.rules[1], { code: 'CO-01', category: 'size' });
    Object.assign(f.rules[2], { code: 'CO-02', category: 'contact' });
  });
  await editJson(path.join(dir, 'rules/household.json'), (f) => {
    Object.assign(f.rules[1], { code: 'HH-01' });
  });
  await edit(dir);
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-rule-codes-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('problem codes and categories on checks', () => {
  it('are carried, as written, into the compiled rules; a check without a code has none', async () => {
    const r = await loader.fromFolder(await variant('ok'));
    expect(r.errors).toEqual([]);
    const coop = r.plugin!.forms.get('cooperative')!.rules.map((x) => x.rule);
    expect(coop.find((x) => x.id === 'min-members')).toMatchObject({ code: 'CO-01', category: 'size' });
    expect(coop.find((x) => x.id === 'has-phone')).toMatchObject({ code: 'CO-02', category: 'contact' });
    const eligibility = coop.find((x) => x.id === 'not-barred') as { code?: string };
    expect(eligibility.code).toBeUndefined();
  });

  it('refuses a code used twice, even on another form, pointing at the second use', async () => {
    const dir = await variant('duplicate', (d) =>
      editJson(path.join(d, 'rules/household.json'), (f) => {
        f.rules[2].code = 'CO-01';
      }),
    );
    const r = await loader.fromFolder(dir);
    expect(r.plugin).toBeUndefined();
    expect(r.errors).toEqual([expect.objectContaining({ file: 'rules/household.json', pointer: '/rules/2/code', code: 'PLUGIN_INVALID' })]);
    expect(r.errors[0].message.en).toContain('CO-01');
  });

  it('refuses a code that is not upper-case words joined by hyphens', async () => {
    const dir = await variant('pattern', (d) =>
      editJson(path.join(d, 'rules/cooperative.json'), (f) => {
        f.rules[1].code = 'co-01';
      }),
    );
    const r = await loader.fromFolder(dir);
    expect(r.plugin).toBeUndefined();
    expect(r.errors).toContainEqual(expect.objectContaining({ file: 'rules/cooperative.json', pointer: '/rules/1/code' }));
  });

  it('refuses a category outside the named code list, and a code list that does not exist', async () => {
    const outside = await variant('outside', (d) =>
      editJson(path.join(d, 'rules/cooperative.json'), (f) => {
        f.rules[2].category = 'finance';
      }),
    );
    const a = await loader.fromFolder(outside);
    expect(a.errors).toEqual([expect.objectContaining({ file: 'rules/cooperative.json', pointer: '/rules/2/category', code: 'PLUGIN_INVALID' })]);

    const unknown = await variant('unknown-list', (d) =>
      editJson(path.join(d, 'rules/household.json'), (f) => {
        Object.assign(f.rules[1], { category: 'size', categoryList: 'no-such-list' });
      }),
    );
    const b = await loader.fromFolder(unknown);
    expect(b.errors).toEqual([expect.objectContaining({ file: 'rules/household.json', pointer: '/rules/1/categoryList' })]);
  });

  it('accepts any category id when no code list is named', async () => {
    const dir = await variant('free', (d) =>
      editJson(path.join(d, 'rules/household.json'), (f) => {
        f.rules[1].category = 'anything-goes';
      }),
    );
    expect((await loader.fromFolder(dir)).errors).toEqual([]);
  });
});
