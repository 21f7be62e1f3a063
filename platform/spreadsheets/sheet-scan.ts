// What a worksheet's XML says about its layout but exceljs's streaming reader drops: hidden rows (<row hidden="1">),
// hidden columns (<col min max hidden="1">) and merged ranges (<mergeCells>, written AFTER the rows). One streaming
// pass over the sheet part before its rows are read; tags are found with linear-time regexes on latin1 text (the
// attributes we read are ASCII), and a tag cut by a chunk boundary is carried into the next chunk.
import type { Readable } from 'node:stream';
import { invalidFile } from './table-limits';

/** A merged range, 1-based inclusive, as Excel's A1:B2 names it. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetLayout {
  hiddenRows: Set<number>;
  /** 0-based column indexes. */
  hiddenColumns: Set<number>;
  merges: MergeRange[];
}

// Ledgers merge a district down a few hundred rows; a file with more ranges than this is not a ledger.
const MAX_MERGES = 100_000;
const MAX_CARRY = 1024 * 1024;
const EXCEL_COLUMNS = 16384;
const MAX_COLUMN_WORK = 10 * EXCEL_COLUMNS;
const TAG = /<(row|col|mergeCell)\b([^>]*)>/g;
const HIDDEN = /\bhidden="(?:1|true)"/;

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseRef(ref: string): MergeRange | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/.exec(ref);
  if (!m) return null;
  const a = { c: columnNumber(m[1]), r: Number(m[2]) };
  const b = m[3] ? { c: columnNumber(m[3]), r: Number(m[4]) } : a;
  return { top: Math.min(a.r, b.r), bottom: Math.max(a.r, b.r), left: Math.min(a.c, b.c), right: Math.max(a.c, b.c) };
}

export async function scanSheetLayout(stream: Readable): Promise<SheetLayout> {
  const layout: SheetLayout = { hiddenRows: new Set(), hiddenColumns: new Set(), merges: [] };
  let carry = '';
  let colWork = 0;
  const take = (kind: string, attrs: string) => {
    if (kind === 'row') {
      if (HIDDEN.test(attrs)) {
        const r = /\br="(\d+)"/.exec(attrs);
        if (r) layout.hiddenRows.add(Number(r[1]));
      }
    } else if (kind === 'col') {
      if (HIDDEN.test(attrs)) {
        const min = Number(/\bmin="(\d+)"/.exec(attrs)?.[1] ?? 0);
        // Excel has 16384 columns; a file repeating <col> tags past that much work is not a spreadsheet.
        const max = Math.min(Number(/\bmax="(\d+)"/.exec(attrs)?.[1] ?? min), EXCEL_COLUMNS);
        colWork += Math.max(0, max - min + 1);
        if (colWork > MAX_COLUMN_WORK) throw invalidFile('工作表的列定义过多', 'The worksheet defines too many columns');
        for (let c = min; c >= 1 && c <= max; c++) layout.hiddenColumns.add(c - 1);
      }
    } else {
      const ref = /\bref="([^"]*)"/.exec(attrs)?.[1];
      const range = ref ? parseRef(ref) : null;
      if (range) {
        if (layout.merges.length >= MAX_MERGES)
          throw invalidFile(`工作表中合并单元格超过 ${MAX_MERGES} 处`, `The worksheet has more than ${MAX_MERGES} merged ranges`);
        layout.merges.push(range);
      }
    }
  };
  try {
    for await (const chunk of stream) {
      const text = carry + (chunk as Buffer).toString('latin1');
      const cut = text.lastIndexOf('<');
      const body = cut >= 0 && text.indexOf('>', cut) < 0 ? text.slice(0, cut) : text;
      carry = text.slice(body.length);
      if (carry.length > MAX_CARRY) throw invalidFile('工作表中有过长的标记', 'The worksheet has an over-long tag');
      for (const m of body.matchAll(TAG)) take(m[1], m[2]);
    }
  } finally {
    stream.destroy();
  }
  layout.merges.sort((a, b) => a.top - b.top || a.left - b.left);
  return layout;
}
