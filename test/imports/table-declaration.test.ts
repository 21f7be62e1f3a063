// The `import.tables` block, checked when the plugin loads: each entry names a table field (a list of objects) and
// its column pointers name fields of one table row.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins/loader';
import { REPO_ROOT } from '../../platform/boot/config';

const TABLE_DEMO = path.join(REPO_ROOT, 'test/imports/table-plugins/table-demo');
const dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-table-decl-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function withTables(tables: unknown) {
  const folder = path.join(dir, `p${Math.random().toString(36).slice(2)}`);
  await cp(TABLE_DEMO, folder, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(folder, 'plugin.json'), 'utf8'));
  manifest.forms[0].import.tables = tables;
  await writeFile(path.join(folder, 'plugin.json'), JSON.stringify(manifest));
  return createPluginLoader().fromFolder(folder);
}

it('loads the declared tables', async () => {
  const r = await withTables([{ pointer: '/harvests', sheet: '收成明细', columns: [{ header: '收获年份', pointer: '/year' }] }]);
  expect(r.errors).toEqual([]);
});

it('refuses a field that is no table and a column no table row has, naming each', async () => {
  const r = await withTables([
    { pointer: '/members', sheet: '成员' },
    { pointer: '/harvests', columns: [{ header: '品种', pointer: '/variety' }] },
  ]);
  expect(r.plugin).toBeUndefined();
  expect(r.errors.map((e) => e.pointer)).toEqual(['/forms/0/import/tables/0/pointer', '/forms/0/import/tables/1/columns/0/pointer']);
});
