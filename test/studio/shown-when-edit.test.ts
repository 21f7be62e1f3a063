// A field's shown-when condition as the studio edits it: x-when's JsonLogic through the rule editor's tree and back
// (logic-tree.ts) unchanged, written on the field by patchField, and the names offered those of the form's fields.
import { describe, expect, it } from 'vitest';
import { fromLogic, toLogic, fullyStructured } from '../../web/src/studio/logic-tree';
import { nameChoices } from '../../web/src/studio/logic-fields';
import { patchField } from '../../web/src/studio/schema-edit';

const schema = {
  type: 'object',
  properties: {
    kind: { type: 'string', title: '类型', enum: ['a', 'b'] },
    sec: { type: 'object', title: '分组', properties: { n: { type: 'integer', title: '数量' }, note: { type: 'string' } } },
  },
};

describe('shown-when in the studio', () => {
  it('a condition of fields, and/or groups, round-trips through the structured tree', () => {
    const when = {
      or: [
        { '==': [{ var: 'data.kind' }, 'a'] },
        { and: [{ '>=': [{ var: 'data.sec.n' }, 3] }, { '!': [{ '==': [{ var: 'data.kind' }, 'b'] }] }] },
      ],
    };
    const tree = fromLogic(when);
    expect(fullyStructured(tree)).toBe(true);
    expect(toLogic(tree)).toEqual(when);
    const s = patchField(schema, ['sec', 'note'], { 'x-when': toLogic(tree) });
    expect(s.properties.sec.properties.note['x-when']).toEqual(when);
    expect(patchField(s, ['sec', 'note'], { 'x-when': undefined }).properties.sec.properties.note).toEqual({ type: 'string' });
  });

  it("offers the form's fields with their types, sections by their path", () => {
    const names = nameChoices({ schema, values: {}, rules: [], known: {}, lang: 'zh-CN' });
    expect(names.map((n) => [n.name, n.label, n.type])).toEqual([
      ['data.kind', '类型', 'choice'],
      ['data.sec.n', '分组 / 数量', 'integer'],
      ['data.sec.note', '分组 / note', 'text'],
    ]);
  });
});
