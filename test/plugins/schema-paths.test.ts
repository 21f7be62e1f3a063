// Which `var` paths a form's schema can have: refused only when no value valid against the schema has them;
// whatever the schema leaves open is possible. Each case is a small schema a person can read.
import { describe, expect, it } from 'vitest';
import { itemSchemas, propertyPaths, resolveDataPath } from '../../platform/plugins/schema-paths';

const closed = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, properties });
const can = (schema: Record<string, unknown>, path: string) => resolveDataPath(schema, path.split('.')).ok;

describe('resolveDataPath', () => {
  const form = closed({
    name: { type: 'string' },
    size: { type: 'integer' },
    owner: closed({ id: { type: 'string' } }),
    plots: { type: 'array', items: closed({ area: { type: 'number' } }) },
    pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false },
    open: { type: 'object', properties: { a: { type: 'string' } } },
    map: { type: 'object', additionalProperties: { type: 'integer' } },
    pattern: { type: 'object', additionalProperties: false, patternProperties: { '^x': { type: 'string' } } },
    anything: {},
  });

  it.each([
    'name', 'owner.id', 'plots', 'plots.0.area', 'plots.12.area', 'plots.length', 'name.length', 'name.0', 'pair.1',
    'open.a', 'open.b', 'open.b.c', 'map.k', 'pattern.y', 'anything.x.y',
  ])('%s can be read', (path) => {
    expect(can(form, path)).toBe(true);
  });

  it.each([
    ['nmae', 0, ['name', 'size', 'owner', 'plots', 'pair', 'open', 'map', 'pattern', 'anything']],
    ['owner.ident', 1, ['id']],
    ['plots.0.areas', 2, ['area']],
    ['plots.first', 1, []],
    ['pair.2', 1, []],
    ['size.x', 1, []],
    ['map.k.x', 2, []],
    ['name.first', 1, []],
  ])('%s cannot, from segment %i (names there: %j)', (path, at, known) => {
    expect(resolveDataPath(form, path.split('.'))).toEqual({ ok: false, at, known });
  });

  it('follows local $refs, recursion included, and gives unresolvable ones the benefit of the doubt', () => {
    const tree = {
      ...closed({ node: { $ref: '#/definitions/node' }, remote: { $ref: 'https://example.org/x.json' } }),
      definitions: { node: closed({ label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/definitions/node' } } }) },
    };
    expect(can(tree, 'node.children.0.children.1.label')).toBe(true);
    expect(can(tree, 'node.children.0.lable')).toBe(false);
    expect(can(tree, 'remote.whatever')).toBe(true);
  });

  it('anyOf/oneOf: one alternative is enough; allOf: every part must allow it; then/else: one of them', () => {
    const any = { anyOf: [closed({ a: {} }), closed({ b: {} })] };
    expect([can(any, 'a'), can(any, 'b'), can(any, 'c')]).toEqual([true, true, false]);
    const all = { allOf: [closed({ a: {}, b: {} }), { properties: { a: { type: 'string' } } }] };
    expect([can(all, 'a'), can(all, 'b'), can(all, 'c'), can(all, 'a.length')]).toEqual([true, true, false, true]);
    const cond = { ...closed({ kind: {} }), if: { properties: { kind: { const: 'x' } } }, then: { required: ['kind'] } };
    expect([can(cond, 'kind'), can(cond, 'other')]).toEqual([true, false]);
    // An open anyOf branch leaves the value open.
    expect(can({ anyOf: [closed({ a: {} }), { type: 'object' }] }, 'z')).toBe(true);
  });

  it('gives the item schemas of a list, for checks inside map/filter/all', () => {
    const r = resolveDataPath(form, ['plots']);
    expect(r.ok && itemSchemas(form, r.nodes)).toEqual([closed({ area: { type: 'number' } })]);
    const open = resolveDataPath(form, ['anything']);
    expect(open.ok && itemSchemas(form, open.nodes)).toBe(null);
  });

  it('lists property paths for suggestions, items as index 0', () => {
    expect(propertyPaths(form)).toEqual(
      expect.arrayContaining(['name', 'owner', 'owner.id', 'plots', 'plots.0.area', 'open.a']),
    );
  });
});
