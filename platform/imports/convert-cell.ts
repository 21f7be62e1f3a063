// A spreadsheet cell as the value a field's JSON Schema type wants. What a person types in Excel is accepted:
//   integer/number  numeric cells; text with thousands separators ("1,234"); "85%" is 85 for a field whose
//                   x-unit is "%", else 0.85; units and 万/亿 scaled to the field's x-unit (typed-number.ts):
//                   "30万元" into a field in 元 is 300000, "103人" is 103, 30 under a (万元) header is 300000
//   boolean         是/否, 有/无, 对/错, true/false, yes/no, y/n, 1/0, ✓/✗/√/×
//   string          as text; a format may read cells its own way (platform/forms/field-formats.ts): date takes
//                   date cells and Excel date serials as YYYY-MM-DD, also 2024/3/5, 2024.3.5, 2024年3月5日; codes
//                   are upper-cased from full-width or lower case; mobiles lose dashes, spaces and +86; a code
//                   Excel stored as a number (4.40106E+17) is refused: its last digits are gone
//   array           one cell, items split on 、 ; ； or line breaks, each converted by `items`
//   enum            the value itself, or its label (enumNames, zh-CN or the plugin's English)
//   aliases         a column's declared value aliases come first ("吊销,未注销" → "revoked"), for a list per item;
//                   compared as headers are (NFKC, no spaces, any case)
// An empty cell gives undefined (the field is left out). A cell that cannot be converted is a row error that shows
// the value typed; what converts but breaks the schema (a minimum, a format) is left to the form's validation.
import type { LocalText } from '../errors';
import { fieldFormat } from '../forms/field-formats';
import { isoDay as ymd } from '../forms/date-cell';
import type { Cell } from '../spreadsheets/read-table';
import { normHeader } from './column-map';
import { parseUnit, scaled, typedNumber } from './typed-number';

type Schema = Record<string, any>;
export type Converted = { value: unknown } | { error: LocalText; keyword: string };

const TRUE = new Set(['是', '有', '对', '真', 'true', 'yes', 'y', '1', '✓', '√', '✔']);
const FALSE = new Set(['否', '无', '错', '假', 'false', 'no', 'n', '0', '✗', '×', '✘']);
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** Text Excel shows for a long number in a General cell, e.g. 4.40106E+17. */
const EXPONENT_TEXT = /^\d(\.\d+)?E\+\d+$/i;
// The value as the person saw it in Excel: long numbers as Excel's General format shows them (4.40106E+17).
const show = (c: Cell) =>
  c instanceof Date
    ? ymd(c)
    : typeof c === 'number' && Math.abs(c) >= 1e11
      ? c
          .toExponential(5)
          .replace(/\.?0+e/, 'e')
          .replace('e', 'E')
      : String(c);

function primaryType(s: Schema): string | undefined {
  const t = s.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null');
  return typeof t === 'string' ? t : undefined;
}

function enumMatch(s: Schema, text: string, en: Readonly<Record<string, string>>): { value: unknown } | null {
  if (!Array.isArray(s.enum)) return null;
  const names: unknown[] = Array.isArray(s.enumNames) ? s.enumNames : [];
  for (let i = 0; i < s.enum.length; i++) {
    const v = s.enum[i];
    const label = typeof names[i] === 'string' ? (names[i] as string) : undefined;
    if (String(v) === text || (label !== undefined && (label === text || en[label] === text))) return { value: v };
  }
  return null;
}

const fail = (title: LocalText, raw: Cell, zh: string, en: string): Converted => ({
  error: { 'zh-CN': `“${title['zh-CN']}”${zh}(填写的是“${show(raw)}”)`, en: `"${title.en}" ${en} (got "${show(raw)}")` },
  keyword: 'type',
});

/** The items of a list cell: split on 、 ; ； or line breaks. */
export const splitList = (text: string): string[] =>
  text
    .split(/[、;；\r\n]+/)
    .map((p) => p.trim())
    .filter(Boolean);

const withUnitError = (title: LocalText, raw: Cell, e: LocalText): Converted => ({
  error: { 'zh-CN': `“${title['zh-CN']}”${e['zh-CN']}(填写的是“${show(raw)}”)`, en: `"${title.en}": ${e.en} (got "${show(raw)}")` },
  keyword: 'unit',
});

/** A number of 12 digits or more, or its exponent text: a code whose last digits Excel has already dropped. */
const cutByExcel = (c: Cell) => (typeof c === 'number' && Math.abs(c) >= 1e11) || (typeof c === 'string' && EXPONENT_TEXT.test(c.trim()));

function number(cell: Cell, text: string, s: Schema, title: LocalText, headerUnit?: string): Converted {
  const unit = typeof s['x-unit'] === 'string' ? (s['x-unit'] as string) : undefined;
  if (typeof cell === 'number') {
    const v = scaled(cell, parseUnit(headerUnit), unit);
    return v && 'error' in v ? withUnitError(title, cell, v.error) : { value: v ? v.value : cell };
  }
  if (typeof cell !== 'string') return fail(title, cell, '应为数字', 'must be a number');
  let t = text.normalize('NFKC').replace(/[,\s]/g, '');
  if (t.endsWith('%')) {
    t = t.slice(0, -1);
    if (!NUMBER.test(t)) return fail(title, cell, '应为数字', 'must be a number');
    // 0.01 scaling leaves binary noise (85% → 0.8500000000000001); 12 significant digits are plenty.
    return { value: unit === '%' ? Number(t) : Number((Number(t) * 0.01).toPrecision(12)) };
  }
  const v = typedNumber(t, unit, headerUnit);
  if (v === null) return fail(title, cell, '应为数字', 'must be a number');
  return 'error' in v ? withUnitError(title, cell, v.error) : v;
}

export function convertCell(
  cell: Cell,
  s: Schema,
  title: LocalText,
  en: Readonly<Record<string, string>>,
  aliases?: ReadonlyMap<string, unknown>,
  /** The unit the column's header names ("成员出资总额(万元)" → 万元), applied to cells without one of their own. */
  headerUnit?: string,
): Converted | undefined {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return undefined;
  const text = typeof cell === 'string' ? cell.trim() : cell instanceof Date ? ymd(cell) : String(cell);
  const alias = aliases && primaryType(s) !== 'array' ? aliases.get(normHeader(text)) : undefined;
  if (alias !== undefined) return { value: alias };
  const type = primaryType(s);
  const labelled = typeof cell === 'string' ? enumMatch(s, text, en) : null;
  if (labelled) return labelled;
  switch (type) {
    case 'integer':
    case 'number':
      return number(cell, text, s, title, headerUnit);
    case 'boolean': {
      if (typeof cell === 'boolean') return { value: cell };
      const k = text.normalize('NFKC').toLowerCase();
      if (TRUE.has(k)) return { value: true };
      if (FALSE.has(k)) return { value: false };
      return fail(title, cell, '应为“是”或“否”', 'must be yes or no');
    }
    case 'array': {
      const items: Schema = s.items && typeof s.items === 'object' && !Array.isArray(s.items) ? s.items : {};
      const parts = typeof cell === 'string' ? splitList(text) : [cell];
      const out: unknown[] = [];
      for (const p of parts) {
        const c = convertCell(p, items, title, en, aliases, headerUnit);
        if (c && 'error' in c) return c;
        if (c) out.push(c.value);
      }
      return { value: out };
    }
    case 'string': {
      // A format may read cells its own way (a date from a date cell, a serial or 2024/3/5): field-formats.ts.
      const format = fieldFormat(s.format);
      if (format?.numberCellError && cutByExcel(cell))
        return {
          error: {
            'zh-CN': `“${title['zh-CN']}”:${format.numberCellError['zh-CN']}(填写的是“${show(cell)}”)`,
            en: `"${title.en}": ${format.numberCellError.en} (got "${show(cell)}")`,
          },
          keyword: 'excelNumber',
        };
      if (format?.fromCell) {
        const v = format.fromCell(cell);
        if (v !== null) return { value: v };
        if (format.cellError) return fail(title, cell, format.cellError['zh-CN'], format.cellError.en);
      }
      if (typeof cell === 'number' && Number.isInteger(cell)) return { value: cell.toFixed(0) };
      return { value: text };
    }
    default:
      return { value: typeof cell === 'string' ? text : cell instanceof Date ? ymd(cell) : cell };
  }
}
