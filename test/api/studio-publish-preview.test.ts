// Before a draft is published, the studio shows what publishing would do (issue 16), as a pack import's dry run
// does: the outcome, the change against the installed version and the impact on its open records. A draft raising
// the members check from the parameter (5) to 15 turns a filed cooperative of 10 members from passing to blocked —
// the preview names that record; nothing is installed or changed by the preview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';

const RULES = 'rules/cooperative.json';
let t: TestPlatform;
let admin: string;
let officer: string;
let recordId: string;

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS] });
  admin = await t.login('admin');
  officer = await t.login('tianhe-officer');
  const made = await t.call('POST', '/api/records', officer, {
    plugin: 'registry-demo',
    form: 'cooperative',
    period: '2024',
    orgUnitId: '440106',
    data: { name: '预览示范社', creditCode: '91350100M000100Y43', members: 10, phone: '13800138000' },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  recordId = made.body.id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const preview = (id: string, token = admin) => t.call('POST', `/api/studio/drafts/${id}/publish-preview`, token, {});

describe(`studio publish preview (${testBackend()})`, () => {
  it('shows the upgrade and the record whose blocking checks it changes; nothing is installed', async () => {
    const draft = await t.call('POST', '/api/studio/drafts', admin, { from: 'edit', source: 'registry-demo' });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const rules = JSON.parse(draft.body.files[RULES]);
    const check = rules.rules.find((r: { id: string }) => r.id === 'min-members');
    check.logic = { '>=': [{ var: 'data.members' }, 15] };
    const saved = await t.call('PUT', `/api/studio/drafts/${draft.body.id}`, admin, {
      revision: draft.body.revision,
      files: { ...draft.body.files, [RULES]: JSON.stringify(rules, null, 2) },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    const r = await preview(draft.body.id);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ outcome: 'ready', change: 'upgrade', plugin: { id: 'registry-demo', version: draft.body.version } });
    expect(r.body.impact.totals).toMatchObject({ records: 1, changed: 1, blocking: 1 });
    const changed = r.body.impact.records.find((x: { id: string }) => x.id === recordId);
    expect(changed.blocking).toEqual({ from: [], to: ['min-members'] });

    // Nothing installed, nothing re-evaluated.
    expect((await t.call('GET', '/api/plugins/registry-demo', admin)).body.version).toBe('1.0.0');
    const record = await t.call('GET', `/api/records/${recordId}`, officer);
    expect(record.body.plugin).toMatchObject({ id: 'registry-demo', version: '1.0.0' });
  });

  it('a draft whose plugin.json lacks its version is refused with the loader’s error; an officer is refused', async () => {
    const draft = await t.call('POST', '/api/studio/drafts', admin, { from: 'edit', source: 'registry-demo' });
    const manifest = JSON.parse(draft.body.files['plugin.json']);
    delete manifest.version;
    await t.call('PUT', `/api/studio/drafts/${draft.body.id}`, admin, {
      revision: draft.body.revision,
      files: { ...draft.body.files, 'plugin.json': JSON.stringify(manifest) },
    });
    const r = await preview(draft.body.id);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('PLUGIN_INVALID');
    expect((await preview(draft.body.id, officer)).status).toBe(403);
  });
});
