// The web app's browser-side form building (web/src/plugin.ts, through platform/plugins/build-forms.ts) gives the
// same forms and results as the server's plugin loader on every fixture case of every plugin here, and its small
// helpers behave.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPluginLoader, findPluginFolders } from '../../platform/plugins';
import { evaluateForm } from '../../platform/evaluation';
import { REPO_ROOT } from '../../platform/boot/config';
import { clientForm, evaluateLive, extraErrorsOf, translate, unclamp, type PluginPayload } from '../../web/src/plugin';
import { withDependencyCalendars } from '../../platform/plugins/dependency-calendars';
import { bundledLookup } from '../helpers/bundled-dependencies';

const loader = createPluginLoader();
// The browser gets a dependent plugin's files with its dependencies' calendars beside them, as the server sends them.

describe('rules compiled in the browser match the server', async () => {
  const dirs = [...await findPluginFolders(path.join(REPO_ROOT, 'test/plugins')), ...await findPluginFolders(path.join(REPO_ROOT, 'plugins'))];
  for (const dir of dirs) {
    it(path.relative(REPO_ROOT, dir), async () => {
      const { plugin } = await loader.fromFolder(dir);
      if (!plugin) return; // a plugin that fails to load is the loader tests' concern
      const payload = { id: plugin.id, version: plugin.version, title: plugin.manifest.title, forms: [], files: withDependencyCalendars(plugin.files, plugin.manifest, bundledLookup) } as unknown as PluginPayload;
      for (const suite of plugin.fixtures) {
        const server = plugin.forms.get(suite.form)!;
        const client = clientForm(payload, suite.form);
        for (const c of suite.cases) {
          const asOf = (c.asOf ?? suite.asOf)!;
          const data = { ...(suite.base ?? {}), ...(c.input as object) } as Record<string, unknown>;
          const input = { data, params: { ...plugin.parameterDefaults, ...(c.params ?? {}) }, asOf, marks: (c.marks ?? []).map((m) => ({ kind: m.kind, from: m.from, until: m.until ?? null })), record: { period: c.period } };
          expect(evaluateLive(client, input), `${suite.file}: ${JSON.stringify(c.description)}`).toEqual(evaluateForm(server, input).results);
        }
      }
    });
  }
});

describe('forms built in the browser are the server\'s', async () => {
  const dirs = [...await findPluginFolders(path.join(REPO_ROOT, 'test/plugins')), ...await findPluginFolders(path.join(REPO_ROOT, 'plugins'))];
  for (const dir of dirs) {
    it(path.relative(REPO_ROOT, dir), async () => {
      const { plugin } = await loader.fromFolder(dir);
      if (!plugin) return;
      const payload = { id: plugin.id, version: plugin.version, title: plugin.manifest.title, forms: [], files: withDependencyCalendars(plugin.files, plugin.manifest, bundledLookup) } as unknown as PluginPayload;
      for (const [id, server] of plugin.forms) {
        const client = clientForm(payload, id).definition;
        const shape = (f: typeof server) => ({
          rules: f.rules.map((r) => r.rule.id), guards: [...f.guards.keys()], workflow: f.workflow?.workflow.id ?? null,
          references: f.references, computedFields: f.computedFields, dimensions: f.dimensions, schema: f.schema,
        });
        expect(shape(client), id).toEqual(shape(server));
        // The same validator: the same refusals of the fixtures' data (English titles come from the catalogue only in the browser).
        for (const suite of plugin.fixtures.filter((x) => x.form === id)) {
          for (const c of suite.cases) {
            const data = { ...(suite.base ?? {}), ...(c.input as object) };
            const zh = (ds: { pointer: string; keyword?: string; message: { 'zh-CN': string } }[]) => ds.map((d) => [d.pointer, d.keyword, d.message['zh-CN']]);
            expect(zh(client.validate(data)), `${suite.file}: ${c.description}`).toEqual(zh(server.validate(data)));
          }
        }
      }
    });
  }
  it('refuses a form the plugin does not have', async () => {
    const { plugin } = await loader.fromFolder(dirs[0]);
    const payload = { id: plugin!.id, version: plugin!.version, title: plugin!.manifest.title, forms: [], files: plugin!.files } as unknown as PluginPayload;
    expect(() => clientForm(payload, 'no-such-form')).toThrow(/no-such-form/);
  });
});

describe('web helpers', () => {
  it('translate replaces known zh-CN text in titles only, and only for en', () => {
    const schema = { title: '名称', properties: { a: { type: 'string', title: '名称', enum: ['名称'], enumNames: ['名称'] } } };
    expect(translate(schema, { 名称: 'Name' }, 'zh-CN')).toBe(schema);
    expect(translate(schema, { 名称: 'Name' }, 'en')).toEqual({ title: 'Name', properties: { a: { type: 'string', title: 'Name', enum: ['名称'], enumNames: ['Name'] } } });
  });

  it('extraErrorsOf puts server details at their field and keeps the rest general', () => {
    const r = extraErrorsOf([
      { pointer: '/data/a/b', message: { 'zh-CN': '错', en: 'bad' } },
      { pointer: '/revision', message: { 'zh-CN': '旧', en: 'stale' } },
    ], 'en', '/data');
    expect(r).toEqual({ extraErrors: { a: { b: { __errors: ['bad'] } } }, general: ['stale'] });
  });

  it('unclamp moves numeric bounds to the placeholder', () => {
    const r = unclamp({ type: 'object', properties: { n: { type: 'integer', minimum: 1, maximum: 9 } } }, {});
    expect(r.schema.properties.n).toEqual({ type: 'integer' });
    expect(r.uiSchema.n['ui:placeholder']).toBe('≥ 1, ≤ 9');
  });

  it('ui:help joins the description, so antd shows errors at the field', () => {
    const r = unclamp({ type: 'object', properties: { s: { type: 'string', description: 'D' } } }, { s: { 'ui:help': 'H' } });
    expect(r.uiSchema.s).toEqual({ 'ui:description': 'D H' });
  });
});
