// The web app's choices about steps (issue 15, safe steps), as pure functions: which steps a selection is offered
// and on which records, when a dialog asks first, what it focuses first, and how many names it lists.
import { describe, expect, it } from 'vitest';
import { bulkOffers, firstFocus, namesShown, needsDialog, recordName } from '../../web/src/steps/step-offers';
import type { RecordSummary } from '../../web/src/api-types';

const text = (zh: string, en = zh) => ({ 'zh-CN': zh, en });
const step = (id: string, over: Partial<RecordSummary['transitions'][number]> = {}): RecordSummary['transitions'][number] => ({
  id,
  title: text(id),
  to: `${id}-to`,
  toTitle: text(`${id}后`),
  commentRequired: false,
  danger: false,
  confirm: false,
  ...over,
});
const record = (id: string, transitions: RecordSummary['transitions'], subjectTitle: string | null = `${id}社`) =>
  ({ id, subject: `code-${id}`, subjectTitle, transitions }) as unknown as RecordSummary;

describe('step offers', () => {
  it('a selection is offered every step some record allows, each with the records it applies to, in first-seen order', () => {
    const a = record('a', [step('approve'), step('return', { commentRequired: true })]);
    const b = record('b', [step('bar', { danger: true, confirm: true, confirmText: text('三年内不能再申报') })]);
    const c = record('c', [step('return', { commentRequired: true }), step('approve')]);
    const offers = bulkOffers([a, b, c]);
    expect(offers.map((o) => [o.id, o.records.map((r) => r.id)])).toEqual([
      ['approve', ['a', 'c']],
      ['return', ['a', 'c']],
      ['bar', ['b']],
    ]);
    expect(offers[2]).toMatchObject({ danger: true, confirmTexts: [text('三年内不能再申报')], toTitles: [text('bar后')] });
    expect(offers[1]).toMatchObject({ danger: false, commentRequired: true, confirmTexts: [], toTitles: [text('return后')] });
    expect(bulkOffers([])).toEqual([]);
  });

  it('the same step id of two workflows: destructive or needing a comment if either is, both targets named once each', () => {
    const x = record('x', [step('reject', { to: 'rejected', toTitle: text('未通过') })]);
    const y = record('y', [step('reject', { danger: true, commentRequired: true, to: 'void', toTitle: text('已作废') })]);
    const z = record('z', [step('reject', { to: 'rejected', toTitle: text('未通过') })]);
    const [o] = bulkOffers([x, y, z]);
    expect(o).toMatchObject({ danger: true, commentRequired: true, toTitles: [text('未通过'), text('已作废')] });
    expect(o.records).toHaveLength(3);
  });

  it('a dialog asks first for confirmed steps, and for a comment step while no comment is written', () => {
    expect(needsDialog({ confirm: true, commentRequired: false }, '')).toBe(true);
    expect(needsDialog({ confirm: true, commentRequired: false }, '已核实')).toBe(true);
    expect(needsDialog({ confirm: false, commentRequired: true }, '  ')).toBe(true);
    expect(needsDialog({ confirm: false, commentRequired: true }, '请补充')).toBe(false);
    expect(needsDialog({ confirm: false, commentRequired: false }, '')).toBe(false);
  });

  it('the confirm button is never the first focus of a destructive step', () => {
    expect(firstFocus({ danger: true, commentRequired: false })).toBe('cancel');
    expect(firstFocus({ danger: true, commentRequired: true })).toBe('comment');
    expect(firstFocus({ danger: false, commentRequired: true })).toBe('comment');
    expect(firstFocus({ danger: false, commentRequired: false })).toBe('ok');
  });

  it('ten names are listed, the rest counted; a record without a subject title goes by its code', () => {
    const names = Array.from({ length: 12 }, (_, i) => `社${i + 1}`);
    expect(namesShown(names)).toEqual({ shown: names.slice(0, 10), more: 2 });
    expect(namesShown(names.slice(0, 3))).toEqual({ shown: names.slice(0, 3), more: 0 });
    expect(recordName(record('q', [], null))).toBe('code-q');
    expect(recordName(record('q', []))).toBe('q社');
  });
});
