// How ledger headers compare with field titles (issue 14): brackets dropped (units given to the converter, hints
// just dropped), full-width forms and spaces normalised, the nearest field offered for a column that matches
// nothing; and what the column map gives on a neutral test plugin: title paths, units, ignored columns with the
// nearest field.
import path from 'node:path';
import { expect, it } from 'vitest';
import { headerUnit, nearestField, similarity, strippedHeader } from '../../platform/imports/header-words';
import { mapColumns } from '../../platform/imports/column-map';
import { createPluginLoader } from '../../platform/plugins/loader';
import { TEST_PLUGINS } from '../helpers/paths';

it('drops unit and hint brackets, ASCII or full-width, and normalises spaces and width', () => {
  expect(strippedHeader('成员出资总额（万元）')).toBe('成员出资总额');
  expect(strippedHeader(' 统一社会信用代码 (合作社填写)【必填】')).toBe('统一社会信用代码');
  expect(strippedHeader('ＡＢＣ [备用]')).toBe('abc');
});

it('reads the unit of a header, the leaf title first, and not a hint', () => {
  expect(headerUnit(['成员出资总额(元)'])).toBe('元');
  expect(headerUnit(['成员出资总额（万元）'])).toBe('万元');
  expect(headerUnit(['成员情况', '成员总数(人)'])).toBe('人');
  expect(headerUnit(['金额(单位:万元)', '上年'])).toBe('万元');
  expect(headerUnit(['成员总数(合作社填写)'])).toBeUndefined();
  expect(headerUnit(['名称'])).toBeUndefined();
});

it('offers the most similar field title, and none when nothing is alike', () => {
  const fields = [
    { pointer: '/name', title: { 'zh-CN': '名称', en: 'Name' }, path: { 'zh-CN': '名称', en: 'Name' } },
    { pointer: '/members', title: { 'zh-CN': '成员数', en: 'Members' }, path: { 'zh-CN': '成员数', en: 'Members' } },
  ];
  expect(similarity('成员人数', '成员数')).toBeGreaterThan(0.5);
  expect(similarity('备注', '成员数')).toBe(0);
  expect(nearestField('成员人数', fields)).toEqual({ field: '/members', title: { 'zh-CN': '成员数', en: 'Members' } });
  expect(nearestField('备注', fields)).toBeUndefined();
});

it('maps headers with units and hints and lists unmatched columns with the nearest field', async () => {
  const { plugin } = await createPluginLoader().fromFolder(path.join(TEST_PLUGINS, 'registry-demo'));
  const form = plugin!.forms.get('cooperative')!;
  const header = ['序号', '名称(全称)', '统一社会信用代码', '基本情况/成员数(人)', '社员人数', '手机号'];
  const paths = [['序号'], ['名称(全称)'], ['统一社会信用代码'], ['基本情况', '成员数(人)'], ['社员人数'], ['手机号']];
  const m = mapColumns(plugin!, form, header, undefined, paths);
  expect(m.targets.map((t) => (t.kind === 'field' ? [t.field.pointer, t.headerPath, t.headerUnit] : t.kind))).toEqual([
    'ignored',
    ['/name', ['名称(全称)'], undefined],
    ['/creditCode', ['统一社会信用代码'], undefined],
    ['/members', ['基本情况', '成员数(人)'], '人'],
    'ignored',
    ['/phone', ['手机号'], undefined],
  ]);
  expect(m.ignored).toEqual([
    { column: 0, header: '序号' },
    { column: 4, header: '社员人数', nearest: { field: '/members', title: { 'zh-CN': '成员数', en: expect.any(String) } } },
  ]);
  expect(m.ambiguous).toEqual([]);
});
