// A plugin's code lists as the studio edits them: codelists/*.json (schemas/codelist.schema.json), each a list of
// items {code, label: {zh-CN, en}, ...} where plugins add flat properties of their own (number, priority, group…).
// Pure functions: a list in, a new list out; properties the studio does not know are carried along untouched.
import type { DraftFiles } from './studio-api';
import { formatJson } from './draft-files';

export type Item = Record<string, unknown> & { code?: unknown; label?: unknown };
export interface CodeList {
  id?: unknown;
  title?: unknown;
  items: Item[];
  [key: string]: unknown;
}
export type Lang = 'zh-CN' | 'en';
/** A problem of one cell (row index, column) or of the list as a whole (row -1), in zh-CN and en. */
export interface ListProblem {
  row: number;
  column: string;
  message: [string, string];
}

const isObj = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);
/** The schema's id pattern (common.schema.json) and item property names (codelist.schema.json). */
export const LIST_ID_PATTERN = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;
const PROPERTY_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The code list files the manifest names, in its order. */
export function codeListPaths(values: Record<string, unknown>): string[] {
  const lists = (values['plugin.json'] as { codeLists?: unknown } | undefined)?.codeLists;
  return Array.isArray(lists) ? lists.filter((p): p is string => typeof p === 'string') : [];
}

/** The parsed file as a list the table can show (null when it is not an object). */
export function readCodeList(value: unknown): CodeList | null {
  if (!isObj(value)) return null;
  return { ...value, items: Array.isArray(value.items) ? value.items.map((i) => (isObj(i) ? i : {})) : [] };
}

export const labelOf = (item: Item, lang: Lang): string =>
  isObj(item.label) && typeof item.label[lang] === 'string' ? item.label[lang] : '';

/** The extra columns the list's items use (number, priority…), in order of first appearance. */
export function extraColumns(list: CodeList): string[] {
  const seen: string[] = [];
  for (const item of list.items) for (const k of Object.keys(item)) if (k !== 'code' && k !== 'label' && !seen.includes(k)) seen.push(k);
  return seen;
}

const replaceAt = (list: CodeList, index: number, item: Item): CodeList => ({
  ...list,
  items: list.items.map((it, i) => (i === index ? item : it)),
});

export const setCode = (list: CodeList, index: number, code: string) => replaceAt(list, index, { ...list.items[index], code });

export function setLabel(list: CodeList, index: number, lang: Lang, text: string): CodeList {
  const item = list.items[index];
  const label = isObj(item.label) ? item.label : {};
  // zh-CN first, as every bundled list writes it (and the schema needs both).
  const next = { 'zh-CN': label['zh-CN'] ?? '', ...label, [lang]: text };
  return replaceAt(list, index, { ...item, label: next });
}

/**
 * An extra property typed as text: empty removes it; a column whose other values are numbers (or true/false) takes
 * the text as a number (boolean) when it reads as one, so `"priority": 2` stays a number after an edit.
 */
export function setExtra(list: CodeList, index: number, column: string, text: string): CodeList {
  const { [column]: _old, ...rest } = list.items[index];
  if (text === '') return replaceAt(list, index, rest);
  const others = list.items
    .filter((it, i) => i !== index && it[column] !== undefined && it[column] !== null)
    .map((it) => typeof it[column]);
  const numeric = others.length ? others.every((t) => t === 'number') : typeof _old === 'number';
  const boolean = others.length ? others.every((t) => t === 'boolean') : typeof _old === 'boolean';
  let value: unknown = text;
  if (numeric && text.trim() !== '' && Number.isFinite(Number(text))) value = Number(text);
  else if (boolean && (text === 'true' || text === 'false')) value = text === 'true';
  return replaceAt(list, index, { ...list.items[index], [column]: value });
}

/** A new empty row after `index` (at the end when -1 or omitted). */
export function addItem(list: CodeList, index = list.items.length - 1): CodeList {
  const items = [...list.items];
  items.splice(index + 1, 0, { code: '', label: { 'zh-CN': '', en: '' } });
  return { ...list, items };
}

export const removeItem = (list: CodeList, index: number): CodeList => ({ ...list, items: list.items.filter((_, i) => i !== index) });

/** The row moved one place up (-1) or down (+1); unchanged at either end. */
export function moveItem(list: CodeList, index: number, by: -1 | 1): CodeList {
  const to = index + by;
  if (to < 0 || to >= list.items.length) return list;
  const items = [...list.items];
  [items[index], items[to]] = [items[to], items[index]];
  return { ...list, items };
}

/** What the loader would refuse, cell by cell: as one types, before the check. */
export function codeListProblems(list: CodeList): ListProblem[] {
  const out: ListProblem[] = [];
  if (typeof list.id !== 'string' || !LIST_ID_PATTERN.test(list.id))
    out.push({
      row: -1,
      column: 'id',
      message: ['代码表编号须为小写字母开头的 a-z、0-9、- 或 _', 'The list id is lower-case a-z, 0-9, - or _, starting with a letter'],
    });
  if (!isObj(list.title) || !list.title['zh-CN'] || !list.title.en)
    out.push({ row: -1, column: 'title', message: ['代码表名称须有中文和英文', 'The list title needs Chinese and English'] });
  if (list.items.length === 0)
    out.push({ row: -1, column: 'items', message: ['代码表至少要有一行', 'A code list needs at least one row'] });
  const firstRow = new Map<string, number>();
  list.items.forEach((item, row) => {
    const code = typeof item.code === 'string' ? item.code : '';
    if (code.trim() === '') out.push({ row, column: 'code', message: ['代码不能为空', 'The code is empty'] });
    else if (code.length > 64) out.push({ row, column: 'code', message: ['代码不能超过 64 个字符', 'A code has at most 64 characters'] });
    else if (firstRow.has(code))
      out.push({
        row,
        column: 'code',
        message: [`代码 ${code} 与第 ${firstRow.get(code)! + 1} 行重复`, `Code ${code} repeats row ${firstRow.get(code)! + 1}`],
      });
    else firstRow.set(code, row);
    for (const lang of ['zh-CN', 'en'] as const)
      if (labelOf(item, lang).trim() === '')
        out.push({
          row,
          column: lang,
          message: [lang === 'en' ? '英文名称不能为空' : '中文名称不能为空', `The ${lang === 'en' ? 'English' : 'Chinese'} label is empty`],
        });
    for (const k of Object.keys(item))
      if (k !== 'code' && k !== 'label' && !PROPERTY_PATTERN.test(k))
        out.push({ row, column: k, message: [`属性名 ${k} 不合规`, `Property name ${k} is not allowed`] });
  });
  return out;
}

/** The files with the list written back at its path, formatted as the plugin files are (a readable diff). */
export const writeCodeList = (files: DraftFiles, path: string, list: CodeList): DraftFiles => ({ ...files, [path]: formatJson(list) });

/** A new code list file, codelists/<id>.json, with one empty row, named in the manifest. */
export function newCodeList(
  files: DraftFiles,
  values: Record<string, unknown>,
  id: string,
  title: { 'zh-CN': string; en: string },
): { files: DraftFiles; path: string } {
  if (!LIST_ID_PATTERN.test(id)) throw new Error(`bad code list id ${id}`);
  const manifest = values['plugin.json'];
  if (!isObj(manifest)) throw new Error('plugin.json does not parse');
  const path = `codelists/${id}.json`;
  if (path in files) throw new Error(`${path} exists`);
  const list = { id, title, items: [{ code: '', label: { 'zh-CN': '', en: '' } }] };
  return {
    path,
    files: { ...files, [path]: formatJson(list), 'plugin.json': formatJson({ ...manifest, codeLists: [...codeListPaths(values), path] }) },
  };
}

/** Ids of the draft's code lists (a new one must not repeat them: the loader keys lists by id). */
export function codeListIds(values: Record<string, unknown>): string[] {
  return codeListPaths(values)
    .map((p) => (isObj(values[p]) ? values[p].id : undefined))
    .filter((id): id is string => typeof id === 'string');
}
