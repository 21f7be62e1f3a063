// Where the table of a real ledger starts. Ledgers open with a title line, a unit/date line ("填报单位:… | 填报日期:…")
// and sometimes an instructions sheet; their header may be two rows, a group title ("成员情况") merged over its
// sub-columns ("成员总数 / 出资成员数"). The header is the row — or pair of rows — whose cells best match the
// form's columns (a caller's `matches`), over the first rows of every sheet; the first row with two filled cells
// is the header only when nothing matches at all (then the mapping's refusal says what is missing).
import type { Cell, RawRow } from './raw-rows';

/** Whether a header cell's title path (group titles, then its own) names a column of the target form. */
export type HeaderMatcher = (path: string[]) => boolean;

export interface FoundHeader {
  /** The header rows as read (one or two). */
  rows: RawRow[];
  /** Per kept column, its title path: ['成员情况', '成员总数'], ['序号'], or [] for an empty header cell. */
  paths: string[][];
  /** 0-based indexes in the sheet of the kept columns (hidden ones are left out). */
  columns: number[];
  score: number;
}

export const cellText = (c: Cell | undefined): string =>
  c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim();

/** A header row's texts, a merged group title spread over the columns its range covers. */
function rowTexts(r: RawRow): string[] {
  const t = r.cells.map(cellText);
  for (const [left, right] of r.across ?? []) {
    for (let c = left + 1; c <= right; c++) {
      while (t.length <= c) t.push('');
      if (t[c] === '') t[c] = t[left] ?? '';
    }
  }
  return t;
}

function visibleColumns(rows: RawRow[], width: number): number[] {
  const hidden = rows[0].hiddenColumns;
  const out: number[] = [];
  for (let c = 0; c < width; c++) if (!hidden?.has(c)) out.push(c);
  return out;
}

function build(rows: RawRow[], matches: HeaderMatcher | null): FoundHeader {
  const texts = rows.map(rowTexts);
  let width = Math.max(...texts.map((t) => t.length));
  while (width > 0 && texts.every((t) => (t[width - 1] ?? '') === '')) width--;
  const columns = visibleColumns(rows, width);
  const paths = columns.map((c) => {
    const path: string[] = [];
    for (const t of texts) {
      const v = t[c] ?? '';
      if (v !== '' && path[path.length - 1] !== v) path.push(v);
    }
    return path;
  });
  const score = matches ? paths.filter((p) => p.length > 0 && matches(p)).length : 0;
  return { rows, paths, columns, score };
}

const filledCount = (r: RawRow) => r.cells.filter((c) => cellText(c) !== '').length;

/** Whether row b directly follows row a, only hidden rows between (an empty row in between ends a header). */
function adjacent(seen: RawRow[], a: RawRow, b: RawRow): boolean {
  const between = seen.filter((h) => h.rowNumber > a.rowNumber && h.rowNumber < b.rowNumber);
  return b.rowNumber - a.rowNumber - 1 === between.length && between.every((h) => h.hidden);
}

/**
 * The best header among the first rows of one sheet (hidden rows are never a header), or null. A pair of rows is
 * the header when its top row names columns itself (序号, 名称 merged down beside the groups: a title or unit line
 * names none) and the pair names more than the top row, and at least as many as the second row, alone.
 */
export function bestHeader(seen: RawRow[], matches: HeaderMatcher): FoundHeader | null {
  const rows = seen.filter((r) => !r.hidden);
  const singles = rows.map((r) => (filledCount(r) === 0 ? null : build([r], matches)));
  let best: FoundHeader | null = null;
  rows.forEach((r, i) => {
    const one = singles[i];
    if (!one) return;
    let pick = one;
    const next = rows[i + 1];
    if (next && singles[i + 1] && one.score > 0 && adjacent(seen, r, next)) {
      const two = build([r, next], matches);
      if (two.score > one.score && two.score >= singles[i + 1]!.score) pick = two;
    }
    if (pick.score > 0 && (!best || pick.score > best.score)) best = pick;
  });
  return best;
}

/** The header when nothing matches: the first row with two or more filled cells, else the first filled row. */
export function fallbackHeader(seen: RawRow[]): FoundHeader | null {
  const rows = seen.filter((r) => !r.hidden);
  const r = rows.find((x) => filledCount(x) >= 2) ?? rows.find((x) => filledCount(x) > 0);
  return r ? build([r], null) : null;
}
