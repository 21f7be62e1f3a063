// GET /api/plugins/:plugin/forms/:form: what a record page downloads — only the files its form needs, enough for
// the browser's builder (buildClientForm) to compile the form exactly as from the whole plugin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientForm } from '../../platform/plugins/build-forms';
import { BUNDLED_PLUGINS, TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';

let t: TestPlatform;
let officer: string;

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS, BUNDLED_PLUGINS] });
  officer = await t.login('tianhe-officer');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe(`one form of a plugin (${testBackend()})`, () => {
  it("answers the plugin's summary and the form's files only, not fixtures or the other forms'", async () => {
    const r = await t.call('GET', '/api/plugins/registry-demo/forms/household', officer);
    expect(r.status).toBe(200);
    expect(r.body.id).toBe('registry-demo');
    expect(r.body.version).toBe('1.0.0');
    expect(r.body.forms.map((f: { id: string }) => f.id)).toEqual(['cooperative', 'household', 'weekly']);
    // registry-demo has no code lists, calendars or catalogue; its one workflow and parameter schema are needed.
    expect(Object.keys(r.body.files).sort()).toEqual([
      'forms/household.schema.json',
      'parameters.schema.json',
      'plugin.json',
      'rules/household.json',
      'workflows/review.json',
    ]);
    const whole = await t.call('GET', '/api/plugins/registry-demo', officer);
    expect(r.body.files['rules/household.json']).toEqual(whole.body.files['rules/household.json']);
  });

  it('carries enough for the browser to build every form of the bundled plugins, with less than the whole plugin', async () => {
    for (const pl of t.platform.ctx.registry.active()) {
      const whole = await t.call('GET', `/api/plugins/${pl.id}`, officer);
      for (const formId of pl.forms.keys()) {
        const one = await t.call('GET', `/api/plugins/${pl.id}/forms/${formId}`, officer);
        expect(one.status, `${pl.id}/${formId}`).toBe(200);
        const built = buildClientForm(one.body.files, formId).form;
        const fromWhole = buildClientForm(whole.body.files, formId).form;
        expect(built.schema, `${pl.id}/${formId}`).toEqual(fromWhole.schema);
        expect(built.rules.map((r) => r.rule.id)).toEqual(fromWhole.rules.map((r) => r.rule.id));
        if (pl.fixtures.length) expect(JSON.stringify(one.body.files).length).toBeLessThan(JSON.stringify(whole.body.files).length);
      }
    }
  });

  it('answers an installed version when asked, and 404 NOT_FOUND with a pointer for an unknown form or plugin', async () => {
    expect((await t.call('GET', '/api/plugins/registry-demo/forms/household?version=1.0.0', officer)).status).toBe(200);
    const form = await t.call('GET', '/api/plugins/registry-demo/forms/no-such-form', officer);
    expect(form.status).toBe(404);
    expect(form.body.error.code).toBe('NOT_FOUND');
    expect(form.body.error.details[0].pointer).toBe('/form');
    const plugin = await t.call('GET', '/api/plugins/no-such-plugin/forms/household', officer);
    expect(plugin.status).toBe(404);
    expect(plugin.body.error.code).toBe('NOT_FOUND');
    const version = await t.call('GET', '/api/plugins/registry-demo/forms/household?version=9.9.9', officer);
    expect(version.status).toBe(404);
  });

  it('needs a signed-in user', async () => {
    const r = await t.call('GET', '/api/plugins/registry-demo/forms/household');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHENTICATED');
  });
});
