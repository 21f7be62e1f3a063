// The plugin studio's server side (issue 16) in a running server: drafts started blank, as a fork of a bundled
// plugin and as an edit of an installed one; saves against a stale revision refused; check through the pack dry
// run (errors with file and pointer, fixture cases with their differences); publish live without a restart;
// export as a pack the existing dry run accepts; admin only; paths out of the plugin refused.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';

/** How many fixture cases a bundled plugin's files hold. */
function bundledCaseCount(plugin: string): number {
  const dir = join(BUNDLED_PLUGINS, plugin, 'fixtures');
  return readdirSync(dir).reduce((n, f) => n + (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { cases: unknown[] }).cases.length, 0);
}

let t: TestPlatform;
let admin: string;
let officer: string;

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS, BUNDLED_PLUGINS] });
  admin = await t.login('admin');
  officer = await t.login('tianhe-officer');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const create = (body: object, token = admin) => t.call('POST', '/api/studio/drafts', token, body);
const check = (id: string) => t.call('POST', `/api/studio/drafts/${id}/check`, admin, {});
const save = (id: string, revision: number, files: Record<string, string>) =>
  t.call('PUT', `/api/studio/drafts/${id}`, admin, { revision, files });
const publish = (id: string, revision: number, extra: object = {}) =>
  t.call('POST', `/api/studio/drafts/${id}/publish`, admin, { revision, ...extra });
const auditOf = async (action: string) =>
  t.platform.ctx.db.selectFrom('admin_audit').selectAll().where('action', '=', action).orderBy('id').execute();

function replaced(files: Record<string, string>, file: string, from: string, to: string): Record<string, string> {
  if (!files[file].includes(from)) throw new Error(`${file} has no ${from}`);
  return { ...files, [file]: files[file].replace(from, to) };
}

describe(`studio drafts API (${testBackend()})`, () => {
  it('a blank draft checks clean, publishes, and an officer files a record with it without a restart', async () => {
    const made = await create({ from: 'blank', plugin: 'studio-blank', title: { 'zh-CN': '空白政策' } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({
      plugin: 'studio-blank',
      title: { 'zh-CN': '空白政策', en: '空白政策' },
      baseVersion: null,
      version: '0.1.0',
      origin: { kind: 'blank' },
      revision: 1,
      createdBy: 'admin',
    });
    expect(Object.keys(made.body.files).sort()).toEqual([
      'forms/main.schema.json',
      'plugin.json',
      'rules/main.json',
      'workflows/main.json',
    ]);
    expect((await check(made.body.id)).body).toEqual({ ok: true, errors: [], fixtures: { cases: [], passed: 0, failed: 0 } });
    const listed = await t.call('GET', '/api/studio/drafts', admin);
    expect(listed.body.drafts.map((d: { id: string }) => d.id)).toContain(made.body.id);
    expect(listed.body.drafts[0]).not.toHaveProperty('files');

    const out = await publish(made.body.id, 1);
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(out.body).toEqual({ plugin: 'studio-blank', version: '0.1.0', installed: true, outcome: 'installed' });
    const forms = await t.call('GET', '/api/forms', officer);
    expect(forms.body.forms.map((f: { plugin: string; form: string }) => `${f.plugin}/${f.form}`)).toContain('studio-blank/main');
    expect((await t.call('GET', '/api/plugins/studio-blank', admin)).body.version).toBe('0.1.0');
    const record = await t.call('POST', '/api/records', officer, {
      plugin: 'studio-blank',
      form: 'main',
      orgUnitId: '440106',
      data: { name: '第一条' },
    });
    expect(record.status, JSON.stringify(record.body)).toBe(201);
    expect(record.body.plugin).toEqual({ id: 'studio-blank', version: '0.1.0' });
    const audit = await auditOf('plugin.publish');
    expect(audit.at(-1)).toMatchObject({
      actor_name: 'admin',
      target_type: 'plugin',
      target_id: 'studio-blank',
      details: expect.objectContaining({ draft: made.body.id, version: '0.1.0', outcome: 'installed', signature: 'unsigned' }),
    });
    // The draft now continues the version it published.
    expect((await t.call('GET', `/api/studio/drafts/${made.body.id}`, admin)).body.baseVersion).toBe('0.1.0');
  });

  it('a fork of a bundled plugin takes a new id, title and regions; it checks clean and its fixtures all pass', async () => {
    const made = await create({
      from: 'fork',
      source: 'heshui-remediation',
      plugin: 'remediation-copy',
      title: { 'zh-CN': '整治副本', en: 'Remediation copy' },
      regions: ['440106'],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const source = await t.call('GET', '/api/plugins/heshui-remediation', admin);
    expect(made.body.origin).toEqual({ kind: 'fork', from: { plugin: 'heshui-remediation', version: source.body.version } });
    const pj = JSON.parse(made.body.files['plugin.json']);
    expect(pj).toMatchObject({ id: 'remediation-copy', title: { 'zh-CN': '整治副本', en: 'Remediation copy' }, regions: ['440106'] });
    expect(pj.version).toBe(source.body.version);
    const r = await check(made.body.id);
    expect(r.body.errors).toEqual([]);
    expect(r.body.ok).toBe(true);
    // Both suites of the plugin ran, every case of its two fixture files (counted from the files, not a figure that
    // goes stale whenever a case is added).
    expect(r.body.fixtures).toMatchObject({ passed: bundledCaseCount('heshui-remediation'), failed: 0 });
    expect(r.body.fixtures.cases.every((c: { passed: boolean; differences: unknown[] }) => c.passed && c.differences.length === 0)).toBe(
      true,
    );
    expect(new Set(r.body.fixtures.cases.map((c: { file: string }) => c.file))).toEqual(
      new Set(['fixtures/ledger.json', 'fixtures/weekly-dividend.json']),
    );
    // The installed id itself cannot be taken by a fork or a blank plugin.
    const clash = await create({ from: 'fork', source: 'heshui-remediation', plugin: 'registry-demo', title: { 'zh-CN': '重名' } });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: 'STUDIO_PLUGIN_EXISTS', details: [expect.objectContaining({ pointer: '/plugin' })] });
    const unknown = await create({ from: 'edit', source: 'no-such-plugin' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'STUDIO_SOURCE_UNKNOWN', details: [expect.objectContaining({ pointer: '/source' })] });
    // Exported, the fork's pack names where it came from.
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/studio/drafts/${made.body.id}/export`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/packs/dry-run',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/octet-stream' },
      payload: res.rawPayload,
    });
    expect(dry.json()).toMatchObject({
      outcome: 'ready',
      plugin: { id: 'remediation-copy' },
      forkedFrom: { id: 'heshui-remediation', version: source.body.version },
    });
    const badId = await create({ from: 'blank', plugin: 'Bad_Id', title: { 'zh-CN': '坏' } });
    expect(badId.status).toBe(422);
    expect(badId.body.error.code).toBe('STUDIO_PLUGIN_ID_INVALID');
  });

  it('a save with a stale revision is 409 and changes nothing; a save at the current one is the next revision', async () => {
    const made = await create({ from: 'blank', plugin: 'studio-stale', title: { 'zh-CN': '并发' } });
    const first = await save(made.body.id, 1, replaced(made.body.files, 'forms/main.schema.json', '"名称"', '"单位名称"'));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.revision).toBe(2);
    const late = await save(made.body.id, 1, replaced(made.body.files, 'forms/main.schema.json', '"名称"', '"另一个名称"'));
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'STALE_REVISION', details: [expect.objectContaining({ pointer: '/revision' })] });
    const now = await t.call('GET', `/api/studio/drafts/${made.body.id}`, admin);
    expect(now.body.revision).toBe(2);
    expect(now.body.files['forms/main.schema.json']).toContain('"单位名称"');
    expect((await publish(made.body.id, 1)).status).toBe(409);
    // Delete names the revision too.
    expect((await t.call('DELETE', `/api/studio/drafts/${made.body.id}?revision=1`, admin)).status).toBe(409);
    const gone = await t.call('DELETE', `/api/studio/drafts/${made.body.id}?revision=2`, admin);
    expect(gone.status).toBe(200);
    expect((await t.call('GET', `/api/studio/drafts/${made.body.id}`, admin)).status).toBe(404);
    expect((await auditOf('studio.draft.delete')).at(-1)).toMatchObject({ target_type: 'studio_draft', target_id: made.body.id });
  });

  it('an edit that breaks a rule shows the error at its file and pointer; a changed rule shows the failing fixture', async () => {
    const made = await create({ from: 'edit', source: 'registry-demo' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ plugin: 'registry-demo', baseVersion: '1.0.0', version: '1.0.1', origin: { kind: 'edit' } });
    const broken = replaced(made.body.files, 'rules/household.json', '"<=": [', '"no-such-op": [');
    expect((await save(made.body.id, 1, broken)).status).toBe(200);
    const r = await check(made.body.id);
    expect(r.body.ok).toBe(false);
    expect(r.body.fixtures).toBeNull();
    expect(r.body.errors).toContainEqual(expect.objectContaining({ file: 'rules/household.json', pointer: '/rules/1/logic' }));

    // plugin.json that is not JSON yet: no pack to build, the loader's error at plugin.json.
    expect((await save(made.body.id, 2, { ...made.body.files, 'plugin.json': '{ "id": ' })).status).toBe(200);
    const unreadable = await check(made.body.id);
    expect(unreadable.body).toMatchObject({ ok: false, fixtures: null });
    expect(unreadable.body.errors).toContainEqual(expect.objectContaining({ file: 'plugin.json' }));
    expect((await t.call('GET', `/api/studio/drafts/${made.body.id}`, admin)).body).toMatchObject({ plugin: 'registry-demo', version: '' });

    const stricter = replaced(made.body.files, 'rules/household.json', '"<=": [', '"<": [');
    expect((await save(made.body.id, 3, stricter)).status).toBe(200);
    const f = await check(made.body.id);
    expect(f.body).toMatchObject({ ok: false, errors: [], fixtures: { passed: 4, failed: 1 } });
    expect(f.body.fixtures.cases.find((c: { passed: boolean }) => !c.passed)).toEqual({
      file: 'fixtures/household.json',
      name: '12 people is the limit itself',
      passed: false,
      differences: [
        { pointer: '/checks/size-limit', expected: true, actual: false },
        { pointer: '/blocking', expected: 0, actual: 1 },
      ],
    });
    // Publishing it is refused as a pack install is, and nothing changes.
    const refused = await publish(made.body.id, 4);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('PACK_FIXTURES_FAILED');
    expect((await t.call('GET', '/api/plugins/registry-demo', admin)).body.version).toBe('1.0.0');
    expect((await t.call('DELETE', `/api/studio/drafts/${made.body.id}?revision=4`, admin)).status).toBe(200);
  });

  it('publishing an edit draft makes version N+1 live; a record of the old version still reads with its version', async () => {
    const coop = (name: string, creditCode: string) => ({ name, creditCode, members: 25, phone: '13800138000' });
    const old = await t.call('POST', '/api/records', officer, {
      plugin: 'registry-demo',
      form: 'cooperative',
      period: '2024',
      orgUnitId: '440106',
      data: coop('天河示范社', '91350100M000100Y43'),
    });
    expect(old.status, JSON.stringify(old.body)).toBe(201);
    const made = await create({ from: 'edit', source: 'registry-demo' });
    const wider = replaced(made.body.files, 'forms/household.schema.json', '"title": "人口"', '"title": "常住人口"');
    expect((await save(made.body.id, 1, wider)).status).toBe(200);
    const out = await publish(made.body.id, 2);
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(out.body).toEqual({ plugin: 'registry-demo', version: '1.0.1', installed: true, outcome: 'upgraded' });
    expect((await t.call('GET', '/api/plugins/registry-demo', admin)).body.version).toBe('1.0.1');
    const again = await t.call('GET', `/api/records/${old.body.id}`, officer);
    expect(again.status).toBe(200);
    expect(again.body.plugin).toEqual({ id: 'registry-demo', version: '1.0.0' });
    const fresh = await t.call('POST', '/api/records', officer, {
      plugin: 'registry-demo',
      form: 'cooperative',
      period: '2025',
      orgUnitId: '440106',
      data: coop('天河示范社', '91350100M000100Y43'),
    });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
    expect(fresh.body.plugin).toEqual({ id: 'registry-demo', version: '1.0.1' });
  });

  it('the exported pack passes the existing pack dry run', async () => {
    const made = await create({ from: 'blank', plugin: 'studio-export', title: { 'zh-CN': '导出', en: 'Export' } });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/studio/drafts/${made.body.id}/export`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toContain('studio-export-0.1.0.hzpack');
    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/packs/dry-run',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/octet-stream' },
      payload: res.rawPayload,
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      outcome: 'ready',
      change: 'new-plugin',
      signature: 'unsigned',
      plugin: { id: 'studio-export', version: '0.1.0' },
      refusal: null,
    });
  });

  it('is for admins only', async () => {
    const made = await create({ from: 'blank', plugin: 'studio-admin-only', title: { 'zh-CN': '仅管理员' } });
    for (const [method, url, body] of [
      ['GET', '/api/studio/drafts', undefined],
      ['POST', '/api/studio/drafts', { from: 'blank', plugin: 'studio-officer', title: { 'zh-CN': '科员' } }],
      ['GET', `/api/studio/drafts/${made.body.id}`, undefined],
      ['PUT', `/api/studio/drafts/${made.body.id}`, { revision: 1, files: made.body.files }],
      ['POST', `/api/studio/drafts/${made.body.id}/check`, {}],
      ['POST', `/api/studio/drafts/${made.body.id}/publish`, { revision: 1 }],
      ['GET', `/api/studio/drafts/${made.body.id}/export`, undefined],
      ['DELETE', `/api/studio/drafts/${made.body.id}?revision=1`, undefined],
    ] as const) {
      const r = await t.call(method, url, officer, body);
      expect(r.status, `${method} ${url}`).toBe(403);
    }
    expect((await t.call('GET', `/api/studio/drafts/${made.body.id}`, admin)).body.revision).toBe(1);
  });

  it('refuses paths out of the plugin folder, and too many or too large files, changing nothing', async () => {
    const made = await create({ from: 'blank', plugin: 'studio-paths', title: { 'zh-CN': '路径' } });
    for (const path of ['../escape.json', '/etc/passwd.json', 'forms/../../x.json', 'notes.txt']) {
      const r = await save(made.body.id, 1, { ...made.body.files, [path]: '{}' });
      expect(r.status, path).toBe(422);
      expect(r.body.error.code).toBe('STUDIO_FILES_INVALID');
      expect(r.body.error.details[0]).toMatchObject({ code: 'PATH_NOT_ALLOWED', file: path });
    }
    const many = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`extra/f${i}.json`, '{}']));
    const tooMany = await save(made.body.id, 1, { ...made.body.files, ...many });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.details[0]).toMatchObject({ code: 'TOO_MANY_FILES', params: { limit: 1000 } });
    const big = await save(made.body.id, 1, { ...made.body.files, 'big.json': `"${'x'.repeat(4 * 1024 * 1024)}"` });
    expect(big.status).toBe(422);
    expect(big.body.error.details[0]).toMatchObject({ code: 'FILE_TOO_LARGE', file: 'big.json' });
    const now = await t.call('GET', `/api/studio/drafts/${made.body.id}`, admin);
    expect(now.body.revision).toBe(1);
    expect(now.body.files).toEqual(made.body.files);
    expect((await t.call('GET', '/api/studio/drafts/not-a-uuid', admin)).body.error.code).toBe('STUDIO_DRAFT_NOT_FOUND');
    for (const body of [{ from: 'blank', title: { 'zh-CN': '缺编号' } }, { from: 'upload', source: 'registry-demo' }, { from: 'edit' }]) {
      const r = await create(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
    }
  });
});
