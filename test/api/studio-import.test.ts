// Importing a pack or a plugin folder into the studio (issue 16). Packs of the neutral test plugin (test/plugins/
// registry-demo, installed at start as 1.0.0) are built in memory: under a new id it becomes a new plugin's draft
// whose files are the pack's; under its own id, a draft of its next version. A folder comes as path → text. A
// tampered pack, a file that does not parse and a path out of the folder are refused and create nothing.
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePackKeys, privateKeyFromPem } from '../../platform/packs';
import { TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { multipart } from '../helpers/uploads';
import { demoTexts, packOf } from '../packs/pack-helpers';

let t: TestPlatform;
let admin: string;
let officer: string;
let texts: Record<string, string>;

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS] });
  admin = await t.login('admin');
  officer = await t.login('tianhe-officer');
  texts = await demoTexts();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** The demo's files with plugin.json's id (and version) replaced. */
function renamed(id: string, version = '1.0.0'): Record<string, string> {
  const pj = texts['plugin.json']
    .replace('"id": "registry-demo"', `"id": "${id}"`)
    .replace('"version": "1.0.0"', `"version": "${version}"`);
  if (pj === texts['plugin.json'] && id !== 'registry-demo') throw new Error('plugin.json not renamed');
  return { ...texts, 'plugin.json': pj };
}

const importPack = async (bytes: Buffer, token = admin) => {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/studio/drafts/import/pack',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
  return { status: r.statusCode, body: r.json() };
};
const importFolder = (files: Record<string, string>, token = admin) => t.call('POST', '/api/studio/drafts/import/folder', token, { files });
const draftCount = async () => (await t.call('GET', '/api/studio/drafts', admin)).body.drafts.length as number;
const importAudits = () =>
  t.platform.ctx.db.selectFrom('admin_audit').selectAll().where('action', '=', 'studio.draft.import').orderBy('id').execute();

describe(`studio import API (${testBackend()})`, () => {
  it('a pack of a new plugin becomes a new plugin draft whose files are the pack files, audited', async () => {
    const files = renamed('studio-imported');
    const r = await importPack(packOf(files));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.imported).toMatchObject({
      source: 'pack',
      signature: 'unsigned',
      skipped: [],
      version: { given: '1.0.0', draft: '1.0.0' },
    });
    expect(r.body.imported.packSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.body.draft).toMatchObject({
      plugin: 'studio-imported',
      baseVersion: null,
      version: '1.0.0',
      origin: { kind: 'import' },
      revision: 1,
    });
    expect(r.body.draft.files).toEqual(files);
    const audit = (await importAudits()).at(-1);
    expect(audit).toMatchObject({
      actor_name: 'admin',
      target_type: 'studio_draft',
      target_id: r.body.draft.id,
      details: expect.objectContaining({
        plugin: 'studio-imported',
        source: 'pack',
        signature: 'unsigned',
        files: Object.keys(files).length,
      }),
    });
    // It checks clean like the plugin it came from, so editing can go on from here.
    const check = await t.call('POST', `/api/studio/drafts/${r.body.draft.id}/check`, admin, {});
    expect(check.body.errors).toEqual([]);
  });

  it('a signed pack of the installed plugin becomes a draft of its next version, the signature reported', async () => {
    const key = generatePackKeys();
    const signed = packOf(texts, { privateKey: privateKeyFromPem(key.privatePem), publisherName: 'Another county' });
    const { payload, headers } = multipart({}, { name: 'registry-demo-1.0.0.hzpack', type: 'application/octet-stream', content: signed });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/studio/drafts/import/pack',
      headers: { ...headers, authorization: `Bearer ${admin}` },
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r.imported).toMatchObject({ source: 'pack', signature: 'unknown-publisher', version: { given: '1.0.0', draft: '1.0.1' } });
    expect(r.draft).toMatchObject({
      plugin: 'registry-demo',
      baseVersion: '1.0.0',
      version: '1.0.1',
      origin: { kind: 'import', from: { plugin: 'registry-demo', version: '1.0.0' } },
    });
    const { 'plugin.json': pj, ...rest } = r.draft.files;
    expect(JSON.parse(pj)).toEqual({ ...JSON.parse(texts['plugin.json']), version: '1.0.1' });
    const { 'plugin.json': _, ...original } = texts;
    expect(rest).toEqual(original);
    // A version above the installed ones is kept as it is.
    const ahead = await importPack(packOf(renamed('registry-demo', '2.0.0')));
    expect(ahead.body.imported.version).toEqual({ given: '2.0.0', draft: '2.0.0' });
    expect(ahead.body.draft.files).toEqual(renamed('registry-demo', '2.0.0'));
  });

  it('a folder becomes a draft; files plugin.json does not name are left out and listed', async () => {
    const files = { ...renamed('studio-folder'), 'notes/readme.json': '{"todo": true}' };
    const r = await importFolder(files);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.imported).toEqual({
      source: 'folder',
      signature: null,
      packSha256: null,
      skipped: ['notes/readme.json'],
      version: { given: '1.0.0', draft: '1.0.0' },
    });
    expect(r.body.draft.files).toEqual(renamed('studio-folder'));
    expect(r.body.draft.origin).toEqual({ kind: 'import' });
  });

  it('refuses a tampered pack, bad JSON, a path out of the folder, an oversize file, a bad id and an officer, creating nothing', async () => {
    const before = await draftCount();
    const audits = (await importAudits()).length;

    const text = gunzipSync(packOf(renamed('studio-tampered'))).toString('utf8');
    const changed = text.replace('4 people is within 12', '5 people is within 12');
    expect(changed).not.toBe(text);
    const tampered = await importPack(gzipSync(changed));
    expect(tampered.status).toBe(422);
    expect(tampered.body.error.code).toBe('PACK_TAMPERED');
    expect(tampered.body.error.details[0]).toMatchObject({ code: 'HASH_MISMATCH', pointer: expect.stringMatching(/^\/files\/\d+\/text$/) });

    const garbage = await importPack(Buffer.from('not a pack at all'));
    expect(garbage.status).toBe(422);
    expect(garbage.body.error.code).toBe('PACK_INVALID');

    const badJson = { ...renamed('studio-bad-json'), 'forms/household.schema.json': '{"type": "object",\n  "properties": {,}}' };
    for (const r of [await importFolder(badJson), await importPack(packOf(badJson))]) {
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body.error.code).toBe('PLUGIN_INVALID');
      expect(r.body.error.details[0]).toMatchObject({ file: 'forms/household.schema.json', code: 'PARSE_ERROR', pointer: '' });
      expect(r.body.error.details[0].message.en).toContain('line 2');
    }

    const escaping = await importFolder({ ...renamed('studio-escape'), '../outside.json': '{}' });
    expect(escaping.status).toBe(422);
    expect(escaping.body.error).toMatchObject({ code: 'STUDIO_FILES_INVALID' });
    expect(escaping.body.error.details).toEqual([
      expect.objectContaining({ code: 'PATH_TRAVERSAL', file: '../outside.json', pointer: '/files/..~1outside.json' }),
    ]);
    expect(escaping.body.error.message).toEqual({ 'zh-CN': expect.any(String), en: expect.any(String) });

    const big = await importFolder({ ...renamed('studio-big'), 'big.json': `"${'x'.repeat(4 * 1024 * 1024)}"` });
    expect(big.status).toBe(422);
    expect(big.body.error.details[0]).toMatchObject({ code: 'FILE_TOO_LARGE', file: 'big.json' });

    const noId = await importFolder({ ...texts, 'plugin.json': JSON.stringify({ ...JSON.parse(texts['plugin.json']), id: 'Not An Id' }) });
    expect(noId.status).toBe(422);
    expect(noId.body.error).toMatchObject({
      code: 'STUDIO_PLUGIN_ID_INVALID',
      details: [expect.objectContaining({ pointer: '/files/plugin.json' })],
    });

    expect((await importFolder(renamed('studio-officer'), officer)).status).toBe(403);
    expect((await importPack(packOf(renamed('studio-officer')), officer)).status).toBe(403);

    expect(await draftCount()).toBe(before);
    expect((await importAudits()).length).toBe(audits);
  });
});
