// rjsf refuses an object whose ui:order misses a property: the studio keeps the list in step with the field tree.
import { describe, expect, it } from 'vitest';
import { orderAdd, orderRemove, orderSwap } from '../../web/src/studio/ui-order';

const ui = () => ({ 'ui:order': ['a', 'b', 'c'], sec: { 'ui:order': ['x', '*'] }, plain: { 'ui:widget': 'textarea' } });

describe('ui:order follows the field tree', () => {
  it('a new field joins the list at its level unless "*" already takes it; levels without a list are left alone', () => {
    expect(orderAdd(ui(), [], 'd')['ui:order']).toEqual(['a', 'b', 'c', 'd']);
    expect(orderAdd(ui(), ['sec'], 'y').sec['ui:order']).toEqual(['x', '*']);
    const u = ui();
    expect(orderAdd(u, ['plain'], 'z')).toBe(u);
  });

  it('a removed field leaves the list; a move swaps the two keys', () => {
    expect(orderRemove(ui(), ['b'])['ui:order']).toEqual(['a', 'c']);
    expect(orderSwap(ui(), ['c'], 'b')['ui:order']).toEqual(['a', 'c', 'b']);
    expect(ui()['ui:order']).toEqual(['a', 'b', 'c']);
  });
});
