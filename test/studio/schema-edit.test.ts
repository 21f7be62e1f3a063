// The studio's field tree edits a form schema as pure functions: add, remove, move, patch and require fields,
// in sections too, leaving the given schema untouched (the undo stack keeps it).
import { describe, expect, it } from 'vitest';
import {
  addField,
  fieldTree,
  moveField,
  newFieldSchema,
  patchField,
  removeField,
  setRequired,
  typeOf,
} from '../../web/src/studio/schema-edit';

const form = () => ({
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', title: '名称' },
    members: { type: 'integer', title: '成员数' },
    contact: { type: 'object', title: '联系人', properties: { phone: { type: 'string', title: '电话' } } },
  },
});

describe('studio schema edits', () => {
  it('reads the tree with sections, required marks and types', () => {
    const tree = fieldTree(form());
    expect(tree.map((n) => [n.path.join('.'), n.required, n.section, typeOf(n.schema)])).toEqual([
      ['name', true, false, 'text'],
      ['members', false, false, 'integer'],
      ['contact', false, true, 'section'],
    ]);
    expect(tree[2].children.map((n) => n.path)).toEqual([['contact', 'phone']]);
  });

  it('adds a field at the end of the root or a section, and refuses a key already there', () => {
    const before = form();
    const s = addField(before, [], 'area', newFieldSchema('number', '面积', []));
    expect(Object.keys(s.properties)).toEqual(['name', 'members', 'contact', 'area']);
    expect(s.properties.area).toEqual({ type: 'number', title: '面积' });
    expect(Object.keys(before.properties)).toEqual(['name', 'members', 'contact']);
    const t = addField(s, ['contact'], 'email', newFieldSchema('choice', '邮箱类型', ['a', 'b']));
    expect(t.properties.contact.properties.email).toEqual({ type: 'string', title: '邮箱类型', enum: ['a', 'b'] });
    expect(() => addField(s, [], 'name', newFieldSchema('text', 'x', []))).toThrow('Field name exists');
  });

  it('moves a field among its siblings and does nothing past either end', () => {
    expect(Object.keys(moveField(form(), ['members'], -1).properties)).toEqual(['members', 'name', 'contact']);
    expect(Object.keys(moveField(form(), ['contact'], 1).properties)).toEqual(['name', 'members', 'contact']);
  });

  it('removes a field with its required mark; bounds and required are set and cleared', () => {
    const s = removeField(form(), ['name']);
    expect(Object.keys(s.properties)).toEqual(['members', 'contact']);
    expect(s.required).toBeUndefined();
    const b = patchField(form(), ['members'], { minimum: 1, maximum: 200 });
    expect(b.properties.members).toEqual({ type: 'integer', title: '成员数', minimum: 1, maximum: 200 });
    expect(patchField(b, ['members'], { maximum: undefined }).properties.members).toEqual({ type: 'integer', title: '成员数', minimum: 1 });
    expect(setRequired(form(), ['members'], true).required).toEqual(['name', 'members']);
    expect(setRequired(form(), ['contact', 'phone'], true).properties.contact.required).toEqual(['phone']);
  });
});
