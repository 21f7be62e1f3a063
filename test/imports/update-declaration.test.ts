// The update-import parts of a form's `import` block, checked when the plugin loads: value aliases must stand for
// values the field allows, update.states must be states of the form's workflow, an update import needs a key; and
// the aliases as the column mapping and the cell conversion use them.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins/loader';
import { mapColumns } from '../../platform/imports/column-map';
import { convertCell } from '../../platform/imports/convert-cell';
import { REPO_ROOT } from '../../platform/boot/config';

const UPDATE_DEMO = path.join(REPO_ROOT, 'test/imports/plugins/update-demo');
const dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-update-decl-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** update-demo with the member form's import block changed by `edit`. */
async function withImport(edit: (block: any) => void, form = 0) {
  const folder = path.join(dir, `p${Math.random().toString(36).slice(2)}`);
  await cp(UPDATE_DEMO, folder, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(folder, 'plugin.json'), 'utf8'));
  edit(manifest.forms[form].import);
  await writeFile(path.join(folder, 'plugin.json'), JSON.stringify(manifest));
  return createPluginLoader().fromFolder(folder);
}

it('loads the test plugin as it is', async () => {
  const r = await withImport(() => {});
  expect(r.errors).toEqual([]);
  expect(r.plugin!.forms.get('member')!.manifest.import!.update).toEqual({ states: ['confirmed'], roles: ['officer', 'reviewer'] });
});

it('refuses an alias standing for a value the field does not allow, naming the alias', async () => {
  const r = await withImport((b) => {
    b.columns[1].aliases['撤销'] = 'withdrawn';
    b.columns[2].aliases = { 是: true, 否: 'no' };
  });
  expect(r.plugin).toBeUndefined();
  expect(r.errors.map((e) => [e.file, e.pointer])).toEqual([
    ['plugin.json', '/forms/0/import/columns/1/aliases/撤销'],
    ['plugin.json', '/forms/0/import/columns/2/aliases/否'],
  ]);
  expect(r.errors[0].message['zh-CN']).toBe('别名“撤销”对应的值 "withdrawn" 不是字段 /status 允许的值');
});

it('refuses update states the workflow does not have, and an update import of a form without a key', async () => {
  const states = await withImport((b) => {
    b.update.states = ['confirmed', 'approved'];
  });
  expect(states.errors.map((e) => e.pointer)).toEqual(['/forms/0/import/update/states/1']);
  // contact has neither import.key nor a subject: nothing to match rows by.
  const keyless = await withImport((b) => {
    b.update = { only: true };
  }, 1);
  expect(keyless.errors.map((e) => e.pointer)).toEqual(['/forms/1/import/update']);
  const unknownKey = await withImport((b) => {
    b.update.mode = 'patch';
  });
  expect(unknownKey.plugin).toBeUndefined();
});

it('maps a cell through the column aliases first (NFKC, spaces and case aside), then as usual', async () => {
  const { plugin } = await withImport(() => {});
  const form = plugin!.forms.get('member')!;
  const m = mapColumns(plugin!, form, ['编号', '登记状态', '名称']);
  const status = m.targets[1];
  if (status.kind !== 'field') throw new Error('登记状态 should map to a field');
  expect(status.field.pointer).toBe('/status');
  const conv = (cell: string) => convertCell(cell, status.field.schema, status.field.title, {}, status.aliases);
  // The file's full-width brackets and ASCII comma against the declaration's ASCII brackets and full-width comma.
  expect(conv('存续（在营、开业、在册）')).toEqual({ value: 'active' });
  expect(conv('吊销,未注销')).toEqual({ value: 'revoked' });
  expect(conv(' 注 销 ')).toEqual({ value: 'closed' });
  // Not an alias: the value itself or its label still convert; anything else is left to validation.
  expect(conv('吊销')).toEqual({ value: 'revoked' });
  expect(conv('active')).toEqual({ value: 'active' });
  expect(conv('停业')).toEqual({ value: '停业' });
  const name = m.targets[2];
  expect(name.kind === 'field' && name.aliases).toBeUndefined();
});

it('refuses an item pointer outside the list’s objects, keyOf naming no form, and keyOf on a reference to another form', async () => {
  const r = await withImport((b) => {
    b.columns[0].keyOf = 'contact'; // /member refers to member
    b.columns[1].item = '/nope';
    b.columns[1].keyOf = 'ghost';
  }, 1);
  expect(r.errors.map((e) => e.pointer)).toEqual([
    '/forms/1/import/columns/0/keyOf',
    '/forms/1/import/columns/1/keyOf',
    '/forms/1/import/columns/1/item',
  ]);
});
