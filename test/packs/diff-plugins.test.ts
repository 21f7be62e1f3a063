// diffPlugins on the neutral test plugin against edited copies of itself: each change lands in its list, and only
// changes that can leave a record of the installed version invalid or without data are breaking.
import { describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { folderSource, readPluginFiles, type PluginFiles } from '../../platform/plugins/read-folder';
import type { PluginDefinition } from '../../platform/plugins/types';
import { diffPlugins } from '../../platform/packs/diff-plugins';
import { DEMO_DIR } from './pack-helpers';

const loader = createPluginLoader();
const { files } = await readPluginFiles(folderSource(DEMO_DIR));
const installed = loader.fromFiles(files).plugin!;

/** A version 1.1.0 with `edit` applied to a copy of the files; the edit must leave a valid plugin. */
function incoming(edit: (f: Record<string, any>) => void): PluginDefinition {
  const copy = structuredClone(files) as Record<string, any>;
  copy['plugin.json'].version = '1.1.0';
  edit(copy);
  const r = loader.fromFiles(copy as PluginFiles);
  if (!r.plugin) throw new Error(JSON.stringify(r.errors));
  return r.plugin;
}

describe('diffPlugins', () => {
  it('finds nothing between a version and an unchanged copy', () => {
    const d = diffPlugins(
      installed,
      incoming(() => {}),
    );
    expect(d).toMatchObject({ id: 'registry-demo', from: '1.0.0', to: '1.1.0', breaking: false });
    expect(d.forms).toEqual({ added: [], removed: [], changed: [] });
    expect(d.parameters).toEqual({ added: [], removed: [], changed: [] });
    expect(d.workflows).toEqual({ added: [], removed: [], changed: [] });
    expect(d.reports).toEqual({ added: [], removed: [], changed: [] });
  });

  it('compatible field changes: an optional field added, integer widened to number, a required field made optional', () => {
    const d = diffPlugins(
      installed,
      incoming((f) => {
        const weekly = f['forms/weekly.schema.json'];
        weekly.properties.note = { type: 'string' };
        weekly.properties.visits.type = 'number';
        weekly.required = [];
      }),
    );
    expect(d.breaking).toBe(false);
    expect(d.forms.changed).toEqual([
      expect.objectContaining({
        form: 'weekly',
        breaking: false,
        schemaChanged: true,
        fields: [
          { pointer: '/note', change: 'added', breaking: false },
          { pointer: '/visits', change: 'retyped', breaking: false, from: ['integer'], to: ['number'] },
          { pointer: '/visits', change: 'optional', breaking: false },
        ],
      }),
    ]);
  });

  it('breaking field changes: removed, narrowed type, newly required, a required field added', () => {
    const d = diffPlugins(
      installed,
      incoming((f) => {
        const weekly = f['forms/weekly.schema.json'];
        delete weekly.properties.issues;
        f['rules/weekly.json'].rules = f['rules/weekly.json'].rules.filter((r: any) => !JSON.stringify(r).includes('issues'));
        const coop = f['forms/cooperative.schema.json'];
        coop.properties.phone.type = 'integer';
        delete coop.properties.phone.format;
        coop.properties.region = { type: 'string' };
        coop.required = [...coop.required, 'region'];
      }),
    );
    expect(d.breaking).toBe(true);
    const byForm = Object.fromEntries(d.forms.changed.map((c) => [c.form, c]));
    expect(byForm.weekly.fields).toContainEqual({ pointer: '/issues', change: 'removed', breaking: true });
    expect(byForm.weekly.fields).toContainEqual({ pointer: '/issues/-/fixed', change: 'removed', breaking: true });
    expect(byForm.cooperative.fields).toEqual([
      { pointer: '/phone', change: 'retyped', breaking: true, from: ['string'], to: ['integer'] },
      { pointer: '/region', change: 'added', breaking: true },
    ]);
    expect(byForm.weekly.rules.removed.length).toBeGreaterThan(0);
  });

  it('rules, parameters, workflow states and transitions, forms removed', () => {
    const d = diffPlugins(
      installed,
      incoming((f) => {
        const coopRules = f['rules/cooperative.json'].rules;
        coopRules.find((r: any) => r.id === 'min-members').message.en = 'Too few members';
        coopRules.push({
          id: 'named',
          kind: 'check',
          severity: 'warn',
          title: { 'zh-CN': '名称', en: 'Name' },
          message: { 'zh-CN': '缺名称', en: 'No name' },
          logic: { '!!': [{ var: 'data.name' }] },
        });
        const params = f['parameters.schema.json'].properties;
        params.minMembers.default = 7;
        params.quota = { type: 'integer', default: 10 };
        const review = f['workflows/review.json'];
        review.transitions = review.transitions.filter((t: any) => t.id !== 'return');
      }),
    );
    const coop = d.forms.changed.find((c) => c.form === 'cooperative')!;
    expect(coop.rules).toEqual({ added: ['named'], removed: [], changed: ['min-members'] });
    expect(coop.fields).toEqual([]);
    expect(d.parameters).toEqual({ added: ['quota'], removed: [], changed: ['minMembers'] });
    expect(d.workflows.changed).toEqual([
      {
        workflow: 'review',
        states: { added: [], removed: [], changed: [] },
        transitions: { added: [], removed: ['return'], changed: [] },
        breaking: false,
      },
    ]);
    expect(d.breaking).toBe(false);

    const fewer = diffPlugins(
      installed,
      incoming((f) => {
        f['plugin.json'].forms = f['plugin.json'].forms.filter((x: any) => x.id !== 'weekly');
        f['plugin.json'].fixtures = (f['plugin.json'].fixtures ?? []).filter((x: string) => (f[x] as any).form !== 'weekly');
      }),
    );
    expect(fewer.forms.removed).toEqual(['weekly']);
    expect(fewer.breaking).toBe(true);
  });

  it('an enum widened is compatible; narrowed, or added where there was none, is breaking', () => {
    const withKinds = (kinds: string[] | null) =>
      incoming((f) => {
        f['forms/weekly.schema.json'].properties.kind = kinds ? { type: 'string', enum: kinds } : { type: 'string' };
      });
    const base = withKinds(['a', 'b']);
    const change = (to: PluginDefinition) => diffPlugins(base, to).forms.changed[0]?.fields;
    expect(change(withKinds(['a', 'b', 'c']))).toEqual([
      { pointer: '/kind', change: 'enum', breaking: false, from: ['a', 'b'], to: ['a', 'b', 'c'] },
    ]);
    expect(change(withKinds(['a']))).toEqual([{ pointer: '/kind', change: 'enum', breaking: true, from: ['a', 'b'], to: ['a'] }]);
    expect(diffPlugins(withKinds(null), base).forms.changed[0].fields).toEqual([
      { pointer: '/kind', change: 'enum', breaking: true, to: ['a', 'b'] },
    ]);
    expect(change(withKinds(null))).toEqual([{ pointer: '/kind', change: 'enum', breaking: false, from: ['a', 'b'] }]);
  });
});
