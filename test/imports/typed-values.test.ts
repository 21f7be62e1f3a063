// Values as people type them in a ledger, each converted (or refused) the way a person checking by hand expects:
// the cell, the field's schema (its x-unit), the unit in the column's header, and what is stored or which error.
import { describe, expect, it } from 'vitest';
import { convertCell } from '../../platform/imports/convert-cell';
import { parseUnit } from '../../platform/imports/typed-number';

const title = { 'zh-CN': '字段', en: 'Field' };
const yuan = { type: 'number', 'x-unit': '元' };
const wanYuan = { type: 'number', 'x-unit': '万元' };
const people = { type: 'integer', 'x-unit': '人' };
const count = { type: 'integer' };
const mu = { type: 'number', 'x-unit': '亩' };
const uscc = { type: 'string', format: 'uscc' };
const idCard = { type: 'string', format: 'cn-id-card' };
const mobile = { type: 'string', format: 'cn-mobile' };
const date = { type: 'string', format: 'date' };
const DIGITS_LOST = 'Excel 已把号码存为数字,后几位已丢失,请把该列设为文本后重新填写';

const stored: [string, unknown, object, string | undefined, unknown][] = [
  ['万元 into 元', '30万元', yuan, undefined, 300000],
  ['万 alone into 元', '3.6万', yuan, undefined, 36000],
  ['full-width digits with 万元', '３０万元', yuan, undefined, 300000],
  ['元 into 元', '1,200元', yuan, undefined, 1200],
  ['亿元 into 元', '1.2亿元', yuan, undefined, 120000000],
  ['元 into 万元', '300000元', wanYuan, undefined, 30],
  ['a plain number under a (万元) header', 30, yuan, '万元', 300000],
  ['plain text under a (万元) header', '2.5', yuan, '万元', 25000],
  ['a cell unit wins over the header', '30万元', yuan, '万元', 300000],
  ['a (元) header into 元', 1200, yuan, '元', 1200],
  ['a header that is no unit is ignored', 30, yuan, '合作社填写', 30],
  ['人 into 人', '103人', people, undefined, 103],
  ['人 into a field without a unit', '103人', count, undefined, 103],
  ['户 into a field without a unit', '45户', count, undefined, 45],
  ['亩 into 亩', '12.5亩', mu, undefined, 12.5],
  ['台 into a field without a unit', '7台', count, undefined, 7],
  ['个 into a field without a unit', '3个', count, undefined, 3],
  ['万 into a field without a unit', '1.5万', count, undefined, 15000],
  ['a (人) header into 人', 88, people, '人', 88],
  ['percent into a % field', '85%', { type: 'number', 'x-unit': '%' }, undefined, 85],
  ['percent into a plain number', '85%', { type: 'number' }, undefined, 0.85],
  ['mobile with dashes', '138-1000-7919', mobile, undefined, '13810007919'],
  ['mobile with spaces', '138 1000 7919', mobile, undefined, '13810007919'],
  ['mobile with +86', '+86 13810007919', mobile, undefined, '13810007919'],
  ['mobile with 0086', '0086-138-1000-7919', mobile, undefined, '13810007919'],
  ['mobile as a number cell', 13810007919, mobile, undefined, '13810007919'],
  ['credit code in lower case', '91110000710925462x', uscc, undefined, '91110000710925462X'],
  ['credit code in full width', '９１１１００００７１０９２５４６２Ｘ', uscc, undefined, '91110000710925462X'],
  ['credit code with spaces', '9111 0000 7109 2546 2X', uscc, undefined, '91110000710925462X'],
  ['ID number with a lower-case x', '11010519491231002x', idCard, undefined, '11010519491231002X'],
  ['a date written in Chinese', '2024年3月5日', date, undefined, '2024-03-05'],
  ['a date with slashes', '2024/2/29', date, undefined, '2024-02-29'],
];

const refused: [string, unknown, object, string | undefined, string, string][] = [
  ['人 into a field in 元', '103人', yuan, undefined, 'unit', '“字段”单位“人”与该项的单位“元”不符(填写的是“103人”)'],
  ['a (人) header over a field in 元', 30, yuan, '人', 'unit', '“字段”单位“人”与该项的单位“元”不符(填写的是“30”)'],
  ['words into a number', '三十', yuan, undefined, 'type', '“字段”应为数字(填写的是“三十”)'],
  ['an unknown unit', '30吨位', yuan, undefined, 'type', '“字段”应为数字(填写的是“30吨位”)'],
  [
    'an ID Excel stored as a number (15 digits kept)',
    440106199001011000,
    idCard,
    undefined,
    'excelNumber',
    `“字段”:${DIGITS_LOST}(填写的是“4.40106E+17”)`,
  ],
  ['an ID as exponent text from a CSV', '4.40106E+17', idCard, undefined, 'excelNumber', `“字段”:${DIGITS_LOST}(填写的是“4.40106E+17”)`],
  [
    'a credit code of 12 digits stored as a number',
    911100007109,
    uscc,
    undefined,
    'excelNumber',
    `“字段”:${DIGITS_LOST}(填写的是“9.111E+11”)`,
  ],
  ['not yes or no', '也许', { type: 'boolean' }, undefined, 'type', '“字段”应为“是”或“否”(填写的是“也许”)'],
  ['a day that does not exist', '2019年13月45日', date, undefined, 'type', '“字段”应为日期(填写的是“2019年13月45日”)'],
  ['29 February of a common year', '2023/2/29', date, undefined, 'type', '“字段”应为日期(填写的是“2023/2/29”)'],
  ['words into a date', '待定', date, undefined, 'type', '“字段”应为日期(填写的是“待定”)'],
];

describe('typed values', () => {
  it.each(stored)('%s: %s is stored as expected', (_, cell, schema, headerUnit, value) => {
    expect(convertCell(cell as never, schema, title, {}, undefined, headerUnit)).toEqual({ value });
  });

  it.each(refused)('%s: %s is refused, showing the value typed', (_, cell, schema, headerUnit, keyword, zh) => {
    const c = convertCell(cell as never, schema, title, {}, undefined, headerUnit);
    expect(c).toMatchObject({ keyword });
    expect(c && 'error' in c && c.error['zh-CN']).toBe(zh);
    // The English message names the field and the value too.
    expect(c && 'error' in c && c.error.en).toMatch(/^"Field".*\(got ".+"\)$/);
  });

  it('reads unit words as a magnitude and a base word', () => {
    expect(parseUnit('万元')).toEqual({ magnitude: 10000, base: '元' });
    expect(parseUnit('人')).toEqual({ magnitude: 1, base: '人' });
    expect(parseUnit('万')).toEqual({ magnitude: 10000, base: '' });
    expect(parseUnit('%')).toBeNull();
    expect(parseUnit('合作社填写')).toBeNull();
    expect(parseUnit(undefined)).toBeNull();
  });
});
