// The studio's code list edits: rows edited, added, moved and removed with a plugin's own item properties kept,
// problems found as one types (what the loader would refuse), a new list named in the manifest, files written back
// formatted as the bundled plugins write them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addItem,
  codeListProblems,
  extraColumns,
  moveItem,
  newCodeList,
  readCodeList,
  removeItem,
  setCode,
  setExtra,
  setLabel,
  writeCodeList,
  type CodeList,
} from '../../web/src/studio/codelist-edit';
import { BUNDLED_PLUGINS } from '../helpers/paths';

const levels = (): CodeList =>
  readCodeList({
    id: 'levels',
    title: { 'zh-CN': '等级', en: 'Levels' },
    items: [
      { code: 'a', label: { 'zh-CN': '甲', en: 'A' }, priority: 1 },
      { code: 'b', label: { 'zh-CN': '乙', en: 'B' }, priority: 2, group: 'x' },
    ],
  })!;

describe('code lists in the studio', () => {
  it('edits a code and a label in place, keeping the properties it does not show', () => {
    let list = setCode(levels(), 1, 'bb');
    list = setLabel(list, 1, 'en', 'Bee');
    expect(list.items[1]).toEqual({ code: 'bb', label: { 'zh-CN': '乙', en: 'Bee' }, priority: 2, group: 'x' });
    expect(levels().items[1].code).toBe('b');
    expect(extraColumns(list)).toEqual(['priority', 'group']);
  });

  it('keeps a numeric column numeric, and an emptied extra removes the property', () => {
    expect(setExtra(levels(), 0, 'priority', '7').items[0].priority).toBe(7);
    expect(setExtra(levels(), 0, 'priority', 'high').items[0].priority).toBe('high');
    expect(setExtra(levels(), 1, 'group', '12').items[1].group).toBe('12');
    expect(setExtra(levels(), 1, 'group', '').items[1]).toEqual({ code: 'b', label: { 'zh-CN': '乙', en: 'B' }, priority: 2 });
  });

  it('adds a row below another or at the end, moves rows one place, removes one', () => {
    const added = addItem(levels(), 0);
    expect(added.items.map((i) => i.code)).toEqual(['a', '', 'b']);
    expect(addItem(levels()).items.map((i) => i.code)).toEqual(['a', 'b', '']);
    expect(moveItem(levels(), 1, -1).items.map((i) => i.code)).toEqual(['b', 'a']);
    expect(moveItem(levels(), 1, 1)).toEqual(levels());
    expect(moveItem(levels(), 0, -1)).toEqual(levels());
    expect(removeItem(levels(), 0).items.map((i) => i.code)).toEqual(['b']);
  });

  it('finds an empty code, a repeated code and empty labels at their cells, in Chinese and English', () => {
    expect(codeListProblems(levels())).toEqual([]);
    const list = setLabel(setCode(addItem(setCode(levels(), 1, 'a')), 2, ''), 2, 'zh-CN', '丙');
    expect(codeListProblems(list)).toEqual([
      { row: 1, column: 'code', message: ['代码 a 与第 1 行重复', 'Code a repeats row 1'] },
      { row: 2, column: 'code', message: ['代码不能为空', 'The code is empty'] },
      { row: 2, column: 'en', message: ['英文名称不能为空', 'The English label is empty'] },
    ]);
    expect(codeListProblems(removeItem(removeItem(levels(), 0), 0))).toEqual([
      { row: -1, column: 'items', message: ['代码表至少要有一行', 'A code list needs at least one row'] },
    ]);
  });

  it('writes the file back as the bundled lists are written, so an unchanged list is byte for byte the same', () => {
    const file = 'codelists/counsellor-levels.json';
    const text = readFileSync(path.join(BUNDLED_PLUGINS, 'beibei-pilot', file), 'utf8');
    const list = readCodeList(JSON.parse(text))!;
    expect(writeCodeList({}, file, list)[file]).toBe(text);
    const edited = writeCodeList({}, file, setLabel(list, 0, 'en', 'District level'))[file];
    // One line differs: a readable diff.
    const diff = edited.split('\n').filter((line, i) => line !== text.split('\n')[i]);
    expect(diff).toEqual(['        "en": "District level"']);
  });

  it('starts a new list with one empty row and names it in plugin.json after the others', () => {
    const files = { 'plugin.json': JSON.stringify({ id: 'p', codeLists: ['codelists/a.json'] }), 'codelists/a.json': '{}' };
    const values = { 'plugin.json': JSON.parse(files['plugin.json']), 'codelists/a.json': {} };
    const made = newCodeList(files, values, 'grades', { 'zh-CN': '档次', en: 'Grades' });
    expect(made.path).toBe('codelists/grades.json');
    expect(JSON.parse(made.files['plugin.json']).codeLists).toEqual(['codelists/a.json', 'codelists/grades.json']);
    const list = readCodeList(JSON.parse(made.files['codelists/grades.json']))!;
    expect(list.items).toEqual([{ code: '', label: { 'zh-CN': '', en: '' } }]);
    expect(codeListProblems(list).map((p) => p.column)).toEqual(['code', 'zh-CN', 'en']);
    expect(() => newCodeList(files, values, 'Grades', { 'zh-CN': '档次', en: 'Grades' })).toThrow(/bad code list id/);
  });
});
