// The one table of string formats a form field may declare with special meaning: what each means, how it is
// checked, what an officer is told when a value fails, and how the import reads it from a spreadsheet cell. The
// server's ajv (ajv.ts) and its messages (messages.ts), the browser's rjsf validator (web/src/plugin.ts) and the
// import (platform/imports/convert-cell.ts) all read it, so a new format is one entry here. Pure: it runs in the
// browser unchanged.
import { text, type LocalText } from '../errors';
import { dateFromCell, type CellValue } from './date-cell';
import { isValidCnIdCard, isValidCnMobile, isValidUscc } from './formats';

export interface FieldFormat {
  format: string;
  /** What the format means, for plugin authors. */
  description: LocalText;
  /** Our check, registered with ajv on both sides; absent for ajv-formats' own formats (ajv-formats checks them). */
  validate?: (value: string) => boolean;
  /** What the officer reads (after the field's title) when a value fails; absent: ajv's own wording. */
  message?: LocalText;
  /** A value that passes, and one that does not: documentation, and what test/forms/formats.test.ts holds each side to. */
  example: string;
  counterExample: string;
  /** How the import turns a spreadsheet cell into the value (null: the cell cannot be read so); absent: its text. */
  fromCell?: (cell: CellValue) => string | null;
  /** The import's refusal of a cell fromCell cannot read (text included), shown with what was typed. */
  cellError?: LocalText;
  /**
   * A code Excel may have turned into a number (an 18-digit ID keeps 15 digits): a number cell of 12 digits or
   * more, or text in exponent form (4.40106E+17), is refused with this message instead of being stored.
   */
  numberCellError?: LocalText;
}

/** Excel keeps 15 significant digits: what it has stored as a number has lost the end of a long code. */
const DIGITS_LOST = text(
  'Excel 已把号码存为数字,后几位已丢失,请把该列设为文本后重新填写',
  'Excel stored the number as a number and lost its last digits; set the column to text and fill it in again',
);

/** A code as typed: full-width characters as ASCII, spaces gone, letters upper case ("９１４４ａｂ" → "9144AB"). */
const codeFromCell = (c: CellValue): string | null =>
  typeof c === 'string' ? c.normalize('NFKC').replace(/\s+/g, '').toUpperCase() : null;

/** A mobile number as typed: 138-1000-7919, 138 1000 7919, +86 13810007919, 0086-13810007919, or a number cell. */
function mobileFromCell(c: CellValue): string | null {
  const raw = typeof c === 'number' && Number.isInteger(c) ? String(c) : typeof c === 'string' ? c.normalize('NFKC') : null;
  if (raw === null) return null;
  const digits = raw.replace(/[\s\-()（）]/g, '').replace(/^(\+86|0086)/, '');
  return /^\d{11}$/.test(digits) ? digits : null;
}

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};

export const FIELD_FORMATS: readonly FieldFormat[] = deepFreeze([
  {
    format: 'uscc',
    description: text('统一社会信用代码（GB 32100-2015）', 'Unified social credit code (GB 32100-2015)'),
    validate: isValidUscc,
    message: text('统一社会信用代码格式或校验位不正确', 'not a valid unified social credit code (format or check character)'),
    example: '91110000710925462X',
    counterExample: '91110000710925462Y',
    fromCell: codeFromCell,
    numberCellError: DIGITS_LOST,
  },
  {
    format: 'cn-id-card',
    description: text('18 位公民身份号码（GB 11643-1999）', '18-character citizen identity number (GB 11643-1999)'),
    validate: isValidCnIdCard,
    message: text(
      '居民身份证号码格式、出生日期或校验位不正确',
      'not a valid citizen identity number (format, birth date or check character)',
    ),
    example: '11010519491231002X',
    counterExample: '110105194912310020',
    fromCell: codeFromCell,
    numberCellError: DIGITS_LOST,
  },
  {
    format: 'cn-mobile',
    description: text('中国大陆手机号码（11 位）', 'Mainland China mobile number (11 digits)'),
    validate: isValidCnMobile,
    message: text('手机号码格式不正确（应为 11 位中国大陆手机号）', 'not a valid mainland China mobile number (11 digits)'),
    example: '13800138000',
    counterExample: '12012345678',
    fromCell: mobileFromCell,
  },
  {
    format: 'date',
    description: text('日期（YYYY-MM-DD，ajv-formats）', 'Calendar date (YYYY-MM-DD, ajv-formats)'),
    example: '2024-03-05',
    counterExample: '2023-02-29',
    fromCell: dateFromCell,
    cellError: text('应为日期', 'must be a date'),
  },
]);

const byName = new Map(FIELD_FORMATS.map((f) => [f.format, f]));

/** The table's entry for a schema's `format`, if any. */
export function fieldFormat(format: unknown): FieldFormat | undefined {
  return typeof format === 'string' ? byName.get(format) : undefined;
}

/** Format name → check, for the formats we add to ajv-formats' (ajv.addFormat, rjsf's customFormats). */
export const FORMAT_VALIDATORS: Readonly<Record<string, (value: string) => boolean>> = Object.freeze(
  Object.fromEntries(FIELD_FORMATS.flatMap((f) => (f.validate ? [[f.format, f.validate]] : []))),
);

/** Format name → our message for a failing value. */
export const FORMAT_MESSAGES: Readonly<Record<string, LocalText>> = Object.freeze(
  Object.fromEntries(FIELD_FORMATS.flatMap((f) => (f.message ? [[f.format, f.message]] : []))),
);
