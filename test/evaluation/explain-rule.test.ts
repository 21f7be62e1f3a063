// "Why" an outcome: the asked rule run in trace mode on the context it saw, on a neutral plugin (registry-demo).
// The trace shows the values read and, for a branch, only the branch taken; a condition that did not hold leaves the
// logic unrun; the numbers below follow from the plugin's rules (cooperative.json) and its parameter default (5).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { explainRule } from '../../platform/evaluation';
import { createRuleEngine } from '../../platform/rules';
import { TEST_PLUGINS } from '../helpers/paths';

const { plugin } = await createPluginLoader().fromFolder(path.join(TEST_PLUGINS, 'registry-demo'));
const form = plugin!.forms.get('cooperative')!;
const engine = createRuleEngine();
const input = (data: Record<string, unknown>) => ({ data, params: { ...plugin!.parameterDefaults }, asOf: '2024-06-01' });

describe('explainRule', () => {
  it('a check shows the values it compared: 3 members against minMembers 5, so it fails', () => {
    const e = explainRule(form, engine, input({ members: 3 }), 'min-members')!;
    expect(e.rule).toEqual({ id: 'min-members', kind: 'check' });
    expect(e.when).toBeNull();
    // logic: { ">=": [ {var data.members}, {var params.minMembers} ] }
    expect(e.logic!.trace.value).toBe(false);
    expect(e.logic!.trace.nodes['/0']).toEqual({ value: 3, runs: 1 });
    expect(e.logic!.trace.nodes['/1']).toEqual({ value: 5, runs: 1 });
    expect(e.logic!.logic).toEqual({ '>=': [{ var: 'data.members' }, { var: 'params.minMembers' }] });
  });

  it('a branch shows only the branch taken: 25 members is "large", the "small" side never ran', () => {
    const e = explainRule(form, engine, input({ members: 25 }), 'member-label')!;
    // logic: { "if": [ {">=": [{var data.members}, 20]}, "large", "small" ] }
    expect(e.logic!.trace.value).toBe('large');
    expect(e.logic!.trace.nodes['/0']).toEqual({ value: true, runs: 1 });
    expect(e.logic!.trace.nodes['/0/0']).toEqual({ value: 25, runs: 1 });
    // Literals are not nodes of the trace; the condition's truth tells which of them was the answer.
    expect(Object.keys(e.logic!.trace.nodes).sort()).toEqual(['', '/0', '/0/0']);
  });

  it('explains what the evaluation decided, with the same data: the check passes at 5 members', () => {
    const e = explainRule(form, engine, input({ members: 5 }), 'min-members')!;
    expect(e.logic!.trace.value).toBe(true);
  });

  it('an unknown rule has no explanation', () => {
    expect(explainRule(form, engine, input({}), 'no-such-rule')).toBeNull();
  });
});

describe('trace mode', () => {
  it('a node run per item counts its runs; a large value is summarised, not copied', () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ fixed: i % 2 === 0 }));
    const t = engine.trace({ count: [{ var: 'data.issues' }, { '!': [{ var: 'fixed' }] }] } as never, { data: { issues: items } });
    expect(t.value).toBe(250);
    // The first value is noted (item 0 is fixed, so "not fixed" is false) and every run counted.
    expect(t.nodes['/1']).toEqual({ value: false, runs: 500 });
    expect(t.nodes['/0']).toEqual({ value: { summary: 'array', length: 500 }, runs: 1 });
  });

  it('a rule over its budget is explained as far as it went, with the error, not a crash', () => {
    const big = { map: [{ var: 'xs' }, { map: [{ var: '' }, { cat: ['a', 'b'] }] }] };
    const row = Array.from({ length: 3000 }, (_, i) => i);
    const xs = new Array(3000).fill(row); // 9 million items to map: far over any rule's budget
    const t = engine.trace(big as never, { xs });
    expect(t.error).toBeDefined();
    expect(t.value).toBeNull();
  });

  it('refuses logic the engine refuses (an unknown operation), as compile does', () => {
    expect(() => engine.trace({ eval: ['1'] } as never, {})).toThrow();
  });
});
