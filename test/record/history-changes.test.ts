// A record's history in words: field titles from the form, values as the form shows them (labels, 是/否, numbers
// with separators, decimals and unit), a recompute's rule outcomes counted apart from its field changes.
import { describe, expect, it } from 'vitest';
import { changeLines } from '../../web/src/record/history-changes';
import { formatValue } from '../../web/src/values/format-value';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: '名称' },
    capital: { type: 'number', title: '出资总额', 'x-unit': '万元', 'x-decimals': 2 },
    members: { type: 'integer', title: '成员数', 'x-unit': '人' },
    certified: { type: 'boolean', title: '是否认证' },
    kind: { type: 'string', title: '类型', enum: ['coop', 'farm'], enumNames: ['合作社', '家庭农场'] },
    governance: {
      type: 'object',
      title: '民主管理',
      properties: { meetings: { type: 'integer', title: '成员大会次数' } },
    },
    crops: { type: 'array', title: '作物', items: { type: 'string', enum: ['rice', 'tea'], enumNames: ['水稻', '茶叶'] } },
  },
};
const zh = { locale: 'zh-CN' as const, yes: '是', no: '否', none: '—' };

describe('values in words', () => {
  it('numbers carry separators, the declared decimals and unit; yes/no, labels and lists read as words', () => {
    expect(formatValue(schema.properties.capital, {}, 1234567.5, zh)).toBe('1,234,567.50 万元');
    expect(formatValue(schema.properties.members, {}, 1200, zh)).toBe('1,200 人');
    expect(formatValue(schema.properties.certified, {}, false, zh)).toBe('否');
    expect(formatValue(schema.properties.kind, {}, 'farm', zh)).toBe('家庭农场');
    expect(formatValue(schema.properties.crops, {}, ['rice', 'tea'], zh)).toBe('水稻、茶叶');
    expect(formatValue(schema.properties.name, {}, undefined, zh)).toBe('—');
    // A value the form no longer offers is shown as stored, not hidden.
    expect(formatValue(schema.properties.kind, {}, 'gone', zh)).toBe('gone');
  });
});

describe('history changes', () => {
  it('an update lists each field by its title with before → after in words', () => {
    const { lines, outcomes } = changeLines(
      'update',
      [
        { pointer: '/capital', from: 30, to: 45.5 },
        { pointer: '/certified', from: false, to: true },
        { pointer: '/governance/meetings', to: 2 },
        { pointer: '/kind', from: 'coop', to: 'farm' },
      ],
      schema,
      zh,
    );
    expect(outcomes).toBe(0);
    expect(lines.map((l) => `${l.field}: ${l.before} → ${l.after}`)).toEqual([
      '出资总额: 30.00 万元 → 45.50 万元',
      '是否认证: 否 → 是',
      '成员大会次数: — → 2',
      '类型: 合作社 → 家庭农场',
    ]);
  });

  it('a recompute shows its field changes and counts the rule outcomes apart', () => {
    const { lines, outcomes } = changeLines(
      'recompute',
      [
        { pointer: '/data/members', from: 10, to: 12 },
        { pointer: '/results/checks/c1', from: 'fail', to: 'pass' },
        { pointer: '/results/score/total', from: 70, to: 75 },
      ],
      schema,
      zh,
    );
    expect(lines).toEqual([{ pointer: '/members', field: '成员数', before: '10 人', after: '12 人' }]);
    expect(outcomes).toBe(2);
  });

  it('a field the form no longer has keeps its pointer as its name; garbage in the audit is skipped, not a crash', () => {
    const { lines } = changeLines('update', [{ pointer: '/legacy', from: 'a', to: 'b' }, null, { nope: 1 }], schema, zh);
    expect(lines).toEqual([{ pointer: '/legacy', field: '/legacy', before: 'a', after: 'b' }]);
    expect(changeLines('update', 'not a list', schema, zh).lines).toEqual([]);
  });
});
