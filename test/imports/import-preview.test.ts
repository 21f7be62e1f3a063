// The preview without a server: a header two fields share is ambiguous (with both candidates), nearest titles are
// offered for other unmatched headers, a remembered mapping is applied only while it fits the form, and a user's
// mapping by index names one of two columns with the same header.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins/loader';
import { previewImport } from '../../platform/imports/import-preview';
import { mapColumns } from '../../platform/imports/column-map';
import { overriddenHeader, resolveUserMapping } from '../../platform/imports/mapping-override';
import { similarity } from '../../platform/imports/nearest-field';
import { HezuoError } from '../../platform/errors';
import type { RememberedMapping } from '../../platform/store/import-mappings-store';
import { TEST_PLUGINS } from '../helpers/paths';

const dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-preview-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** registry-demo with two nested fields titled 电话 (法定代表人/电话, 联系人/电话): the title 电话 names both. */
async function sharedTitlePlugin() {
  const folder = path.join(dir, 'shared');
  await cp(path.join(TEST_PLUGINS, 'registry-demo'), folder, { recursive: true });
  const file = path.join(folder, 'forms/cooperative.schema.json');
  const schema = JSON.parse(await readFile(file, 'utf8'));
  const phone = { type: 'object', properties: { phone: { type: 'string', title: '电话' } } };
  schema.properties.legal = { ...phone, title: '法定代表人' };
  schema.properties.contact = { ...phone, title: '联系人' };
  await writeFile(file, JSON.stringify(schema));
  const { plugin } = await createPluginLoader().fromFolder(folder);
  return { plugin: plugin!, form: plugin!.forms.get('cooperative')! };
}

const none = async () => null;

it('lists a header two fields share as ambiguous, with both fields, and the key it lacks as a problem', async () => {
  const { plugin, form } = await sharedTitlePlugin();
  const p = await previewImport(
    Buffer.from('电话,社员数\r\n13800000000,3\r\n'),
    { plugin, form, hasDefaultUnit: true, update: false },
    undefined,
    none,
  );
  expect(p.columns.map((c) => c.field)).toEqual([null, null]);
  expect(p.ambiguous).toEqual([
    {
      column: 0,
      header: '电话',
      fields: [
        { field: '/legal/phone', title: { 'zh-CN': '电话', en: '电话' } },
        { field: '/contact/phone', title: { 'zh-CN': '电话', en: '电话' } },
      ],
    },
  ]);
  expect(p.ignored).toEqual([{ column: 1, header: '社员数', nearest: { field: '/members', title: { 'zh-CN': '成员数', en: '成员数' } } }]);
  expect(p.problems.map((d) => d.pointer)).toEqual(['/columns', '/creditCode']);
});

it('applies a remembered mapping that fits and drops one naming a field the form no longer has', async () => {
  const { plugin, form } = await sharedTitlePlugin();
  const saved = (mapping: Record<string, string | null>): RememberedMapping => ({
    orgPath: '/1/',
    signature: 'x',
    header: [],
    mapping,
    savedBy: 'u1',
    savedByName: '经办人',
    savedAt: new Date('2026-11-30T08:00:00Z'),
  });
  const file = Buffer.from('电话,统一社会信用代码\r\n13800000000,x\r\n');
  const target = { plugin, form, hasDefaultUnit: true, update: false };
  const fits = await previewImport(file, target, undefined, async () => saved({ '0': '/contact/phone' }));
  expect(fits.remembered).toEqual({ savedAt: '2026-11-30T08:00:00.000Z', savedBy: '经办人' });
  expect(fits.columns.map((c) => [c.field, c.automatic])).toEqual([
    ['/contact/phone', null],
    ['/creditCode', '/creditCode'],
  ]);
  expect(fits.ambiguous).toEqual([]);
  const stale = await previewImport(file, target, undefined, async () => saved({ '0': '/gone' }));
  expect(stale.remembered).toBeNull();
  expect(stale.columns.map((c) => c.field)).toEqual([null, '/creditCode']);
});

it('maps one of two columns with the same header by its index', async () => {
  const { plugin, form } = await sharedTitlePlugin();
  const header = ['统一社会信用代码', '电话', '电话'];
  const overrides = resolveUserMapping(plugin, form, header, { '1': '/legal/phone', '2': '/contact/phone' });
  const fixed = overriddenHeader(header, overrides);
  expect(fixed.header).toEqual(['统一社会信用代码', '电话〔2〕', '电话〔3〕']);
  const m = mapColumns(plugin, form, fixed.header, fixed.mapping);
  expect(m.targets.map((t) => (t.kind === 'field' ? t.field.pointer : t.kind))).toEqual(['/creditCode', '/legal/phone', '/contact/phone']);
  let refusal: unknown;
  try {
    resolveUserMapping(plugin, form, header, { 电话: '/legal/phone' });
  } catch (e) {
    refusal = e;
  }
  expect(() => resolveUserMapping(plugin, form, header, { ['x'.repeat(201)]: '/name' })).toThrow(HezuoError);
  expect((refusal as HezuoError).details).toEqual([
    expect.objectContaining({
      pointer: '/mapping/电话',
      message: expect.objectContaining({ en: '2 columns are headed "电话"; name the column by its index' }),
    }),
  ]);
});

it('scores titles by shared characters and pairs, brackets aside', () => {
  expect(similarity('成员数(人)', '成员数')).toBe(1);
  expect(similarity('合作社名称', '名称')).toBeCloseTo((4 / 7 + 2 / 5) / 2, 5);
  expect(similarity('备注', '名称')).toBe(0);
});
