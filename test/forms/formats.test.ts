import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cnIdCardCheckChar,
  compileForm,
  createFormAjv,
  FIELD_FORMATS,
  fieldFormat,
  FORMAT_VALIDATORS,
  isValidCnIdCard,
  isValidCnMobile,
  isValidUscc,
  usccCheckChar,
} from '../../platform/forms';
import { REPO_ROOT } from '../../platform/boot/config';
import { convertCell } from '../../platform/imports/convert-cell';
import { validator } from '../../web/src/plugin';

interface Case {
  description: string;
  input: string;
  expected: boolean;
}

// Check characters below were computed with an independent script (weights and alphabet of GB 32100-2015 /
// GB 11643-1999), and the published codes were confirmed to compute. A wrong memory of a published code passes
// the check with probability 1/31 (USCC) or 1/11 (ID), so six published USCCs agreeing is strong evidence.
// By hand, Huawei's 914403001922038216: Σ value×weight over the first 17 = 831, 831 mod 31 = 25, 31 − 25 = 6.
const USCC_CASES: Case[] = [
  { description: '华为技术有限公司 (published)', input: '914403001922038216', expected: true },
  { description: '腾讯科技(深圳)有限公司 (published; X inside, check G)', input: '9144030071526726XG', expected: true },
  { description: '小米科技有限责任公司 (published)', input: '91110108551385082Q', expected: true },
  { description: '百度在线网络技术(北京)有限公司 (published)', input: '91110000802100433B', expected: true },
  { description: '阿里巴巴(中国)有限公司 (published)', input: '91330100716105852F', expected: true },
  { description: '中国石油天然气股份有限公司 (published; check X)', input: '91110000710925462X', expected: true },
  { description: 'farmer cooperative 93…, computed check G', input: '93500102MA2Y4K7R8G', expected: true },
  { description: 'sum mod 31 = 0 gives check 0 (31 → 0), computed', input: '93320583MA1MX0D7N0', expected: true },
  {
    description: 'department N (rural collective), computed: positions 1–2 held to the alphabet only',
    input: 'N2330110MF0012345G',
    expected: true,
  },
  { description: 'Huawei with only the check char wrong (7 for 6)', input: '914403001922038217', expected: false },
  { description: 'Tencent with only the check char wrong (H for G)', input: '9144030071526726XH', expected: false },
  { description: 'PetroChina with only the check char wrong (0 for X)', input: '911100007109254620', expected: false },
  { description: 'sum-mod-0 code with check 31 instead of 0 is not a character: Y', input: '93320583MA1MX0D7NY', expected: false },
  { description: '91110000100000000A, often quoted, does not compute (check is R)', input: '91110000100000000A', expected: false },
  { description: 'the same with its computed check R', input: '91110000100000000R', expected: true },
  { description: 'lower case', input: '91330100716105852f', expected: false },
  { description: 'letter I (not in the alphabet)', input: '91330100716105852I', expected: false },
  { description: 'letter O (not in the alphabet)', input: '9144030071526726OG', expected: false },
  { description: 'letters S, V, Z are not in the alphabet', input: '9144030071526726SG', expected: false },
  { description: 'division code with a letter, check char computed for it (A)', input: '91A10000710925462A', expected: false },
  { description: '17 characters', input: '91440300192203821', expected: false },
  { description: '19 characters', input: '9144030019220382166', expected: false },
  { description: 'surrounding space', input: ' 914403001922038216', expected: false },
  { description: 'empty', input: '', expected: false },
];

// GB 11643-1999 gives 11010519491231002X and 440524188001010014 as its examples.
// By hand, 11010519491231002X: Σ digit×weight over the first 17 = 167, 167 mod 11 = 2, "10X98765432"[2] = X.
const ID_CASES: Case[] = [
  { description: 'GB 11643-1999 example, check X', input: '11010519491231002X', expected: true },
  { description: 'computed, check digit', input: '440524198011010017', expected: true },
  { description: 'computed, check 0', input: '310115198506151260', expected: true },
  { description: '2000-02-29 exists (2000 is a leap year), computed', input: '110105200002291235', expected: true },
  { description: 'GB example with only the check char wrong (0 for X)', input: '110105194912310020', expected: false },
  { description: 'computed one with only the check char wrong (8 for 7)', input: '440524198011010018', expected: false },
  { description: 'lower-case x', input: '11010519491231002x', expected: false },
  { description: '1999-02-30 does not exist (check char computed for it)', input: '110105199902301237', expected: false },
  { description: '1900-02-29 does not exist (1900 is not leap; check computed)', input: '110105190002291239', expected: false },
  { description: 'month 13 (check computed)', input: '110105199913011235', expected: false },
  { description: '1899-12-31 is before 1900 (check computed)', input: '110105189912311237', expected: false },
  { description: 'GB example born 1880: its check computes, but it is before 1900', input: '440524188001010014', expected: false },
  { description: 'X not in last position', input: '1101051949123100X2', expected: false },
  { description: '17 characters', input: '11010519491231002', expected: false },
  { description: '15-digit first-generation number', input: '110105491231002', expected: false },
  { description: 'empty', input: '', expected: false },
];

const MOBILE_CASES: Case[] = [
  { description: '13x', input: '13800138000', expected: true },
  { description: '19x', input: '19912345678', expected: true },
  { description: '15x', input: '15012345678', expected: true },
  { description: 'second digit 2', input: '12012345678', expected: false },
  { description: 'second digit 0', input: '10086000000', expected: false },
  { description: '10 digits', input: '1380013800', expected: false },
  { description: '12 digits', input: '138001380000', expected: false },
  { description: 'country code', input: '+8613800138000', expected: false },
  { description: 'dashes', input: '138-0013-8000', expected: false },
  { description: 'full-width digits', input: '１３８００１３８０００', expected: false },
];

describe('isValidUscc', () => {
  it.each(USCC_CASES)('$description: $input → $expected', ({ input, expected }) => {
    expect(isValidUscc(input)).toBe(expected);
  });
  it('usccCheckChar computes the check of the published codes and refuses bad input', () => {
    expect(usccCheckChar('91440300192203821')).toBe('6');
    expect(usccCheckChar('91110000710925462')).toBe('X');
    expect(usccCheckChar('9133010071610585I')).toBeNull();
    expect(usccCheckChar('9133010071610585')).toBeNull();
  });
});

describe('isValidCnIdCard', () => {
  it.each(ID_CASES)('$description: $input → $expected', ({ input, expected }) => {
    expect(isValidCnIdCard(input)).toBe(expected);
  });
  it('cnIdCardCheckChar computes the GB examples, including the pre-1900 one', () => {
    expect(cnIdCardCheckChar('11010519491231002')).toBe('X');
    expect(cnIdCardCheckChar('44052418800101001')).toBe('4');
    expect(cnIdCardCheckChar('4405241880010100X')).toBeNull();
  });
});

describe('isValidCnMobile', () => {
  it.each(MOBILE_CASES)('$description: $input → $expected', ({ input, expected }) => {
    expect(isValidCnMobile(input)).toBe(expected);
  });
});

// The one table (platform/forms/field-formats.ts) is what the server's ajv, its messages, the browser's rjsf
// validator and the import read: each entry is held to its example and counter-example on every one of them.
describe('the field-format table', () => {
  const ajv = createFormAjv();
  const title = { 'zh-CN': '值', en: 'Value' };
  const formOf = (format: string) => ({ type: 'object', properties: { v: { type: 'string', format, title: 'Value' } } });

  it('lists our formats and date, each described in both languages', () => {
    expect(FIELD_FORMATS.map((f) => f.format)).toEqual(['uscc', 'cn-id-card', 'cn-mobile', 'date']);
    expect(Object.keys(FORMAT_VALIDATORS)).toEqual(['uscc', 'cn-id-card', 'cn-mobile']);
    for (const f of FIELD_FORMATS) expect(f.description['zh-CN'] && f.description.en, f.format).toBeTruthy();
    expect(Object.isFrozen(FIELD_FORMATS[0])).toBe(true);
  });

  it.each(FIELD_FORMATS)("$format: the server passes the example, refuses the counter-example with the table's message", (f) => {
    const validate = compileForm(ajv, formOf(f.format), 'f');
    expect(validate({ v: f.example })).toEqual([]);
    const [refusal, ...more] = validate({ v: f.counterExample });
    expect(more).toEqual([]);
    expect(refusal.keyword).toBe('format');
    if (f.message) expect(refusal.message).toEqual({ 'zh-CN': `Value：${f.message['zh-CN']}`, en: `Value: ${f.message.en}` });
  });

  it.each(FIELD_FORMATS)("$format: the browser's rjsf validator agrees", (f) => {
    expect(validator.isValid({ type: 'string', format: f.format }, f.example, {})).toBe(true);
    expect(validator.isValid({ type: 'string', format: f.format }, f.counterExample, {})).toBe(false);
  });

  it.each(FIELD_FORMATS)('$format: the import reads a cell as the table says', (f) => {
    const schema = { type: 'string', format: f.format };
    expect(convertCell(` ${f.example} `, schema, title, {})).toEqual({ value: f.example });
    if (!f.fromCell) {
      expect(convertCell(12, schema, title, {})).toEqual({ value: '12' });
      return;
    }
    if (!f.cellError) return;
    expect(convertCell(new Date(Date.UTC(2024, 2, 5)), schema, title, {})).toEqual({ value: f.fromCell(new Date(Date.UTC(2024, 2, 5))) });
    const refused = convertCell(true, schema, title, {});
    expect(refused && 'error' in refused && refused.error.en).toBe(`"Value" ${f.cellError.en} (got "true")`);
  });

  it('reads date cells, Excel serials and Chinese-style dates', () => {
    expect(fieldFormat('date')!.fromCell!(new Date(Date.UTC(2024, 2, 5)))).toBe('2024-03-05');
    expect(fieldFormat('date')!.fromCell!(45356)).toBe('2024-03-05');
    expect(fieldFormat('date')!.fromCell!('2024年3月5日')).toBe('2024-03-05');
    expect(fieldFormat('date')!.fromCell!('2024/3/5')).toBe('2024-03-05');
    expect(fieldFormat('date')!.fromCell!('March 5')).toBeNull();
    expect(fieldFormat('uscc')!.fromCell!('９１１１００００７１０９２５４６２ｘ')).toBe('91110000710925462X');
    expect(fieldFormat('cn-mobile')!.fromCell!('+86 138-1000-7919')).toBe('13810007919');
    expect(fieldFormat('cn-mobile')!.fromCell!('1381000')).toBeNull();
    expect(fieldFormat('toString')).toBeUndefined();
  });

  it('docs/plugins.md names every format we add', () => {
    const docs = readFileSync(path.join(REPO_ROOT, 'docs/plugins.md'), 'utf8');
    for (const format of Object.keys(FORMAT_VALIDATORS)) expect(docs).toContain(`\`${format}\``);
  });
});
