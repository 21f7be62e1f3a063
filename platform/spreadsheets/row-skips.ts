// Rows of a ledger that are not records: they are skipped with a reason and counted, never rejected. A county
// ledger ends in a 合计 row and a signature block (填报人:… 审核人:… 联系电话:…), carries notes (注:…, 说明),
// keeps template rows where only 序号 was filled in, and sometimes repeats its header after a page break.
import type { LocalText } from '../errors';
import type { Cell } from './raw-rows';

export const SKIP_REASON_CODES = ['empty', 'hidden', 'total', 'signature', 'note', 'numberOnly', 'header'] as const;
export type SkipReason = (typeof SKIP_REASON_CODES)[number];

export const SKIP_REASONS: Record<SkipReason, LocalText> = {
  empty: { 'zh-CN': '空行', en: 'empty row' },
  hidden: { 'zh-CN': '隐藏的行', en: 'hidden row' },
  total: { 'zh-CN': '合计/小计行', en: 'total or subtotal row' },
  signature: { 'zh-CN': '签字栏(填报人、审核人、联系电话等)', en: 'signature block (reporter, reviewer, phone…)' },
  note: { 'zh-CN': '注释或说明', en: 'note or instructions' },
  numberOnly: { 'zh-CN': '只填了序号的空白行', en: 'template row with only the sequence number' },
  header: { 'zh-CN': '重复的表头', en: 'repeated header' },
};

// Matched at the start of the first filled cell, after NFKC and without spaces ("合 计" is 合计).
const TOTAL = /^(?:本页|本表|全区|全县|全镇|全市)?(?:合计|小计|总计|共计|累计|总合计)/;
const SIGNATURE =
  /^(?:填报人|填表人|制表人|统计人|经办人|审核人|审批人|复核人|负责人|单位负责人|主要负责人|分管领导|联系人|联系电话|电话|填报日期|填表日期|报送日期|签字|签名|盖章|单位盖章|单位\(盖章\))/;
const NOTE = /^(?:注(?:[:、.]|\d|[一二三四五六七八九十]|$)|说明|填表说明|备注[:])/;
const SEQUENCE_HEADERS = new Set(['序号', '编号', '序', 'no', 'no.', '#']);

const text = (c: Cell): string =>
  c === null ? '' : c instanceof Date ? c.toISOString() : String(c).normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** The 0-based column of a ledger's sequence-number column (序号), or null. */
export function sequenceColumn(header: readonly string[]): number | null {
  const i = header.findIndex((h) => SEQUENCE_HEADERS.has(text(h)));
  return i < 0 ? null : i;
}

/** Why a data row (cells aligned with the header) is not a record, or null when it is one. */
export function skipReason(cells: readonly Cell[], header: readonly string[], sequence: number | null): SkipReason | null {
  const filled: number[] = [];
  cells.forEach((c, i) => {
    if (text(c) !== '') filled.push(i);
  });
  if (!filled.length) return 'empty';
  const first = text(cells[filled[0]]);
  if (TOTAL.test(first)) return 'total';
  if (SIGNATURE.test(first)) return 'signature';
  if (NOTE.test(first)) return 'note';
  if (filled.length === 1 && filled[0] === sequence) return 'numberOnly';
  if (filled.length >= 2 && filled.every((i) => text(cells[i]) === text(header[i] ?? ''))) return 'header';
  return null;
}
