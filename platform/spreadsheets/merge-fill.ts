// Merged cells as a person reads them. Excel stores a merged range's value only in its top-left cell; a district
// merged down B4:B23 means "every one of these rows is in this district", so a range spanning several rows fills
// every cell it covers. A range within one row (a group title over its sub-columns, a note across the sheet) is
// only reported: the header reader spreads a group title over its columns, data cells are left as typed.
import type { Cell } from './raw-rows';
import type { MergeRange } from './sheet-scan';
import { invalidFile } from './table-limits';

const MAX_ACTIVE = 1000;
const isEmpty = (c: Cell | undefined) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/**
 * A function called with each row in increasing row order: fills the row's cells (in place) from the multi-row
 * ranges covering it and returns the 0-based [left, right] spans of its single-row ranges.
 */
export function mergeFiller(merges: readonly MergeRange[]): (rowNumber: number, cells: Cell[]) => [number, number][] {
  let next = 0; // merges are sorted by top row
  let active: { range: MergeRange; value: Cell }[] = [];
  return (rowNumber, cells) => {
    active = active.filter((a) => a.range.bottom >= rowNumber);
    const across: [number, number][] = [];
    // Ranges whose top row was never emitted (an empty top row) start here with no value.
    while (next < merges.length && merges[next].top <= rowNumber) {
      const range = merges[next++];
      if (range.bottom < rowNumber) continue;
      if (range.top === range.bottom) {
        if (range.top === rowNumber) across.push([range.left - 1, range.right - 1]);
        continue;
      }
      active.push({ range, value: range.top === rowNumber ? (cells[range.left - 1] ?? null) : null });
      // Ranges Excel writes never overlap, so no more cover one row than it has columns: more is a hostile file
      // that would make every row cost every range.
      if (active.length > MAX_ACTIVE)
        throw invalidFile(`第 ${rowNumber} 行被过多的合并单元格覆盖`, `Row ${rowNumber} is covered by too many merged ranges`);
    }
    for (const { range, value } of active) {
      if (range.top === rowNumber || isEmpty(value)) continue;
      for (let c = range.left - 1; c <= range.right - 1; c++) {
        while (cells.length <= c) cells.push(null);
        if (isEmpty(cells[c])) cells[c] = value;
      }
    }
    // The top row of a multi-row range also spreads across when the range is wider than one column.
    for (const { range, value } of active) {
      if (range.top !== rowNumber || range.left === range.right || isEmpty(value)) continue;
      across.push([range.left - 1, range.right - 1]);
    }
    return across;
  };
}
