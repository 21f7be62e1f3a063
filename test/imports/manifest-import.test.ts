// The form manifest's `import` block: checked when the plugin loads (meta-schema and pointers into the form), and
// used by the column mapping with header aliases, an org-unit column, and the titles and pointers of the form.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins/loader';
import { mapColumns } from '../../platform/imports/column-map';
import { convertCell } from '../../platform/imports/convert-cell';
import { TEST_PLUGINS } from '../helpers/paths';

const dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-manifest-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function withImport(block: unknown) {
  const folder = path.join(dir, `p${Math.random().toString(36).slice(2)}`);
  await cp(path.join(TEST_PLUGINS, 'registry-demo'), folder, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(folder, 'plugin.json'), 'utf8'));
  manifest.forms[0].import = block;
  await writeFile(path.join(folder, 'plugin.json'), JSON.stringify(manifest));
  return createPluginLoader().fromFolder(folder);
}

it('refuses an import block naming fields the form does not have, or with unknown keys', async () => {
  const r = await withImport({ key: ['/nope'], columns: [{ header: 'x', pointer: '/alsoNope' }] });
  expect(r.plugin).toBeUndefined();
  expect(r.errors.map((e) => [e.file, e.pointer])).toEqual([
    ['plugin.json', '/forms/0/import/key/0'],
    ['plugin.json', '/forms/0/import/columns/0/pointer'],
  ]);
  const bad = await withImport({ keys: ['/creditCode'] });
  expect(bad.plugin).toBeUndefined();
  expect(bad.errors[0].file).toBe('plugin.json');
});

it('maps declared aliases, the org-unit column, titles and pointers; ignores the rest', async () => {
  const { plugin } = await withImport({
    key: ['/creditCode'],
    columns: [
      { header: ['信用代码', 'Credit code'], pointer: '/creditCode' },
      { header: '社员人数', pointer: '/members' },
    ],
    orgUnitColumn: ['所属乡镇', 'Township'],
  });
  const form = plugin!.forms.get('cooperative')!;
  const m = mapColumns(plugin!, form, ['Credit code', '名 称', '社员人数', 'TOWNSHIP', '/phone', '规模', '备注']);
  expect(m.targets.map((t) => (t.kind === 'field' ? t.field.pointer : t.kind))).toEqual([
    '/creditCode',
    '/name',
    '/members',
    'orgUnit',
    '/phone',
    'ignored',
    'ignored',
  ]);
  // 规模 is memberLabel, written by a compute rule: never imported.
  expect(m.ignored.map((c) => c.header)).toEqual(['规模', '备注']);
  expect(() => mapColumns(plugin!, form, ['名称', '名称 '])).toThrow(/columns/);
});

it('converts cells by the field type', () => {
  const title = { 'zh-CN': '字段', en: 'Field' };
  const v = (cell: any, schema: object) => convertCell(cell, schema, title, {});
  expect(v('1,234', { type: 'integer' })).toEqual({ value: 1234 });
  expect(v('85%', { type: 'number' })).toEqual({ value: 0.85 });
  expect(v('85%', { type: 'number', 'x-unit': '%' })).toEqual({ value: 85 });
  expect(v('十', { type: 'integer' })).toMatchObject({ keyword: 'type' });
  expect(v('✓', { type: 'boolean' })).toEqual({ value: true });
  expect(v('否', { type: 'boolean' })).toEqual({ value: false });
  expect(v('也许', { type: 'boolean' })).toMatchObject({ keyword: 'type' });
  expect(v(45356, { type: 'string', format: 'date' })).toEqual({ value: '2024-03-05' });
  expect(v('2024年3月5日', { type: 'string', format: 'date' })).toEqual({ value: '2024-03-05' });
  expect(v(new Date(Date.UTC(2024, 2, 5)), { type: 'string', format: 'date' })).toEqual({ value: '2024-03-05' });
  expect(v('甲;乙、丙', { type: 'array', items: { type: 'string' } })).toEqual({ value: ['甲', '乙', '丙'] });
  expect(v('联合社', { type: 'string', enum: ['cooperative', 'union'], enumNames: ['合作社', '联合社'] })).toEqual({ value: 'union' });
  expect(v(13800138000, { type: 'string' })).toEqual({ value: '13800138000' });
  expect(v('  ', { type: 'string' })).toBeUndefined();
});
