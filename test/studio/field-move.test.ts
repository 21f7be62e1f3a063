// The field tree's moves across levels and its grouping (web/src/studio/field-move.ts, ui-order-move.ts): the
// schema's properties and required lists, and the UI schema's order lists and per-field settings, in step.
import { describe, expect, it } from 'vitest';
import { canMoveTo, groupIntoSection, moveFieldTo } from '../../web/src/studio/field-move';
import { orderGroup, orderMoveTo } from '../../web/src/studio/ui-order-move';
import { moveWithUi } from '../../web/src/studio/MoveToSection';
import { dropTarget } from '../../web/src/studio/use-field-drag';
import { fieldTree } from '../../web/src/studio/schema-edit';

const schema = () => ({
  type: 'object',
  required: ['a', 'c'],
  properties: {
    a: { type: 'string' },
    b: { type: 'number' },
    c: { type: 'string' },
    sec: { type: 'object', required: ['x'], properties: { x: { type: 'string' }, y: { type: 'boolean' } } },
  },
});
const ui = () => ({
  'ui:order': ['a', 'b', 'c', 'sec'],
  c: { 'ui:widget': 'textarea' },
  sec: { 'ui:order': ['x', 'y'] },
});

describe('moving a field to any level', () => {
  it('into a section at a position, taking its required flag along', () => {
    const s = moveFieldTo(schema(), ['c'], ['sec'], 1);
    expect(Object.keys(s.properties)).toEqual(['a', 'b', 'sec']);
    expect(s.required).toEqual(['a']);
    expect(Object.keys(s.properties.sec.properties)).toEqual(['x', 'c', 'y']);
    expect(s.properties.sec.required).toEqual(['x', 'c']);
    expect(schema().properties.sec.properties).not.toHaveProperty('c');
  });

  it('out of a section to the top level, and within one level', () => {
    const s = moveFieldTo(schema(), ['sec', 'y'], [], 0);
    expect(Object.keys(s.properties)).toEqual(['y', 'a', 'b', 'c', 'sec']);
    expect(Object.keys(s.properties.sec.properties)).toEqual(['x']);
    expect(Object.keys(moveFieldTo(schema(), ['a'], [], 2).properties)).toEqual(['b', 'c', 'a', 'sec']);
    expect(moveFieldTo(schema(), ['a'], [], 2).required).toEqual(['a', 'c']);
  });

  it('never into itself, a non-section, or a level where its key is taken', () => {
    expect(canMoveTo(schema(), ['sec'], ['sec'])).toBe(false);
    expect(canMoveTo(schema(), ['a'], ['b'])).toBe(false);
    const s = { ...schema(), properties: { ...schema().properties, x: { type: 'string' } } };
    expect(canMoveTo(s, ['x'], ['sec'])).toBe(false);
    expect(() => moveFieldTo(s, ['x'], ['sec'], 0)).toThrow();
  });

  it("the UI schema follows: order lists at both levels, the field's own settings", () => {
    const m = moveWithUi(schema(), ui(), ['c'], ['sec'], 1);
    expect(m.ui).toEqual({ 'ui:order': ['a', 'b', 'sec'], sec: { 'ui:order': ['x', 'c', 'y'], c: { 'ui:widget': 'textarea' } } });
    const back = moveWithUi(m.schema, m.ui, ['sec', 'c'], [], 0);
    expect(back.ui).toEqual({ 'ui:order': ['c', 'a', 'b', 'sec'], c: { 'ui:widget': 'textarea' }, sec: { 'ui:order': ['x', 'y'] } });
    // "*" places a field the list does not name; a level without a list gets none.
    expect(orderMoveTo({ 'ui:order': ['a', '*'] }, ['sec', 'y'], [], undefined)).toEqual({ 'ui:order': ['a', '*'] });
    expect(orderMoveTo({}, ['a'], ['sec'], undefined)).toEqual({});
  });

  it('a drop on a field puts the dragged one before it; a drop on a section, last inside', () => {
    const tree = fieldTree(schema());
    expect(dropTarget(schema(), ['a'], tree[2], 2, tree)).toEqual({ from: ['a'], toParent: [], index: 1 });
    expect(dropTarget(schema(), ['c'], tree[0], 0, tree)).toEqual({ from: ['c'], toParent: [], index: 0 });
    expect(dropTarget(schema(), ['a'], tree[3], 3, tree)).toEqual({ from: ['a'], toParent: ['sec'], index: 2 });
    expect(dropTarget(schema(), ['sec', 'x'], tree[1], 1, tree)).toEqual({ from: ['sec', 'x'], toParent: [], index: 1 });
    expect(dropTarget(schema(), ['a'], tree[0], 0, tree)).toBeNull();
  });
});

describe('grouping fields into a new section', () => {
  it('keeps their order and required flags, the section standing where the first stood', () => {
    const s = groupIntoSection(schema(), [['c'], ['b']], 'grp', '分组');
    expect(Object.keys(s.properties)).toEqual(['a', 'grp', 'sec']);
    expect(s.properties.grp).toEqual({
      type: 'object',
      title: '分组',
      properties: { b: { type: 'number' }, c: { type: 'string' } },
      required: ['c'],
    });
    expect(s.required).toEqual(['a']);
  });

  it('refuses a taken key and fields of two levels', () => {
    expect(() => groupIntoSection(schema(), [['a']], 'b', 'x')).toThrow();
    expect(() => groupIntoSection(schema(), [['a'], ['sec', 'x']], 'g', 'x')).toThrow();
  });

  it("the UI schema follows: the section takes the first one's place in the order and the fields' settings", () => {
    expect(orderGroup(ui(), [], ['b', 'c'], 'grp')).toEqual({
      'ui:order': ['a', 'grp', 'sec'],
      grp: { 'ui:order': ['b', 'c'], c: { 'ui:widget': 'textarea' } },
      sec: { 'ui:order': ['x', 'y'] },
    });
    expect(orderGroup(ui(), ['sec'], ['y'], 'g2').sec).toEqual({ 'ui:order': ['x', 'g2'], g2: { 'ui:order': ['y'] } });
  });
});
