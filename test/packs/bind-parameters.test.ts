// Which value each parameter of a pack takes in this server (pure): the request's binding over this server's own
// override of the installed version over the pack's default; the registry-demo test plugin declares minMembers
// (default 5, 1…1000) and maxHouseholdSize (default 12, at least 1).
import { describe, expect, it } from 'vitest';
import { bindParameters } from '../../platform/packs/bind-parameters';
import { verifyPack } from '../../platform/packs';
import { HezuoError } from '../../platform/errors';
import type { PluginDefinition } from '../../platform/plugins/types';
import { demoTexts, packOf } from './pack-helpers';

const texts = await demoTexts();
async function pluginOf(t: Record<string, string>): Promise<PluginDefinition> {
  const r = await verifyPack(packOf(t));
  if (!r.plugin) throw new Error(JSON.stringify(r.errors));
  return r.plugin;
}
const installed = await pluginOf(texts);
// 1.1.0 raises the default of maxHouseholdSize to 15.
const incoming = await pluginOf({
  ...texts,
  'plugin.json': texts['plugin.json'].replace('"version": "1.0.0"', '"version": "1.1.0"'),
  'parameters.schema.json': texts['parameters.schema.json'].replace('"minimum": 1, "default": 12', '"minimum": 1, "default": 15'),
});

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof HezuoError) return { code: e.code, pointers: e.details.map((d) => d.pointer) };
    throw e;
  }
  throw new Error('not refused');
};

describe('bindParameters', () => {
  it("a county's own override is kept, an untouched parameter takes the new default, a binding wins", () => {
    expect(incoming.parameterDefaults).toEqual({ minMembers: 5, maxHouseholdSize: 15 });
    // This server changed minMembers to 8 (and still has an override of a parameter no version declares now).
    const b = bindParameters(incoming, installed, { minMembers: 8, retired: 1 }, {});
    expect(b.values).toEqual({ maxHouseholdSize: 15, minMembers: 8 });
    expect(b.parameters.map(({ name, default: d, current, bound, source }) => ({ name, d, current, bound, source }))).toEqual([
      { name: 'maxHouseholdSize', d: 15, current: 12, bound: 15, source: 'default' },
      { name: 'minMembers', d: 5, current: 8, bound: 8, source: 'current' },
    ]);
    const bound = bindParameters(incoming, installed, { minMembers: 8 }, { minMembers: 3 });
    expect(bound.values).toEqual({ maxHouseholdSize: 15, minMembers: 3 });
    expect(bound.parameters[1]).toMatchObject({ current: 8, bound: 3, source: 'binding' });
  });

  it('nothing installed: current is null and the defaults are bound', () => {
    const b = bindParameters(incoming, undefined, { minMembers: 8 }, {});
    expect(b.values).toEqual({ maxHouseholdSize: 15, minMembers: 5 });
    expect(b.parameters.map((p) => p.current)).toEqual([null, null]);
  });

  it('a value outside the schema, kept or bound, and a name the pack does not declare are refused at /bindings/<name>', () => {
    expect(refusal(() => bindParameters(incoming, installed, {}, { minMembers: 1001 }))).toEqual({
      code: 'PARAMETERS_INVALID',
      pointers: ['/bindings/minMembers'],
    });
    expect(refusal(() => bindParameters(incoming, installed, { maxHouseholdSize: 0 }, {}))).toEqual({
      code: 'PARAMETERS_INVALID',
      pointers: ['/bindings/maxHouseholdSize'],
    });
    expect(refusal(() => bindParameters(incoming, installed, {}, { 'a/b': 1 }))).toEqual({
      code: 'PARAMETERS_INVALID',
      pointers: ['/bindings/a~1b'],
    });
  });
});
