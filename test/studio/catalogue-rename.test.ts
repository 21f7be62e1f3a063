// A field's Chinese title retyped in the studio carries its English along and leaves no orphaned catalogue key.
import { describe, expect, it } from 'vitest';
import { renameInCatalogue } from '../../web/src/studio/catalogue-rename';

const EN = 'i18n/en.json';
const files = (title: string, en: Record<string, string>, other = ''): Record<string, string> => ({
  'forms/a.schema.json': JSON.stringify({ properties: { x: { title } } }),
  'rules/a.json': other,
  [EN]: JSON.stringify(en),
});
const catalogue = (f: Record<string, string>) => JSON.parse(f[EN]);

describe('renameInCatalogue', () => {
  it('moves the English to the new title, letter by letter, and drops the old key', () => {
    let f = files('成员数', { 成员数: 'Members', 其他: 'Other' });
    f = renameInCatalogue(
      { ...f, 'forms/a.schema.json': JSON.stringify({ properties: { x: { title: '成员总' } } }) },
      EN,
      '成员数',
      '成员总',
    );
    f = renameInCatalogue(
      { ...f, 'forms/a.schema.json': JSON.stringify({ properties: { x: { title: '成员总数' } } }) },
      EN,
      '成员总',
      '成员总数',
    );
    expect(catalogue(f)).toEqual({ 成员总数: 'Members', 其他: 'Other' });
  });

  it('keeps the old key while another file still says it, and never overwrites the new text own English', () => {
    const f = renameInCatalogue(files('人数', { 成员数: 'Members', 人数: 'Head count' }, '{"title":"成员数"}'), EN, '成员数', '人数');
    expect(catalogue(f)).toEqual({ 成员数: 'Members', 人数: 'Head count' });
  });

  it('keeps the English while the title is emptied to be retyped', () => {
    const f = files('', { 成员数: 'Members' });
    expect(renameInCatalogue(f, EN, '成员数', '')).toBe(f);
  });

  it('leaves a catalogue that does not parse, or has no entry for the old title, as it is', () => {
    const broken = { ...files('乙', {}), [EN]: '{ not json' };
    expect(renameInCatalogue(broken, EN, '甲', '乙')).toBe(broken);
    const none = files('乙', { 丙: 'C' });
    expect(renameInCatalogue(none, EN, '甲', '乙')).toBe(none);
  });
});
