// POST /api/packs/dry-run: what installing a pack would do, changing nothing. Packs of the neutral test plugin
// (test/plugins/registry-demo, installed at start) are built in memory with platform/packs and changed one thing
// at a time: a new plugin id, a fixture that expects the wrong result, an upgrade that removes a field, a byte of
// a file changed after signing, the installed version itself. A trust folder (HEZUO_TRUSTED_KEYS) holds one key.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, REPO_ROOT } from '../../platform/boot/config';
import { openPlatform, type OpenPlatform } from '../../platform/boot/open-platform';
import { seedIfEmpty } from '../../platform/boot/seed';
import { buildApp } from '../../platform/http/app';
import { generatePackKeys, privateKeyFromPem, PACK_LIMITS } from '../../platform/packs';
import { createTestDatabase, testBackend, type TestDatabase } from '../helpers/database';
import { PASSWORD, TEST_PLUGINS, TestClock } from '../helpers/platform';
import { multipart } from '../helpers/uploads';
import { demoTexts, packOf } from '../packs/pack-helpers';
import type { FastifyInstance } from 'fastify';

const trustedKey = generatePackKeys();
const strangerKey = generatePackKeys();
let dir: string;
let database: TestDatabase;
let platform: OpenPlatform;
let app: FastifyInstance;
let texts: Record<string, string>;
const tok: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-dry-run-'));
  await writeFile(path.join(dir, 'county-office.public.pem'), trustedKey.publicPem);
  database = await createTestDatabase('dryrun');
  platform = await openPlatform(
    { ...configFromEnv({}), databaseUrl: database.connectionString, pluginsDirs: [TEST_PLUGINS], seedFile: null, trustedKeysDir: dir },
    { clock: new TestClock(new Date('2024-05-06T02:00:00Z')) },
  );
  await seedIfEmpty(platform.ctx, path.join(REPO_ROOT, 'demo/seed.json'), PASSWORD);
  app = await buildApp(platform.ctx);
  for (const username of ['admin', 'tianhe-officer']) {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    tok[username] = r.json().token;
  }
  texts = await demoTexts();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await platform?.close();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function dryRun(bytes: Buffer, who = 'admin') {
  const r = await app.inject({
    method: 'POST',
    url: '/api/packs/dry-run',
    headers: { authorization: `Bearer ${tok[who]}`, 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
  return { status: r.statusCode, body: r.json() };
}

/** The test plugin's texts with `file` changed by `edit` (which must change it). */
function edited(base: Record<string, string>, file: string, edit: (s: string) => string): Record<string, string> {
  const text = edit(base[file]);
  if (text === base[file]) throw new Error(`the edit of ${file} changed nothing`);
  return { ...base, [file]: text };
}
const renamed = (base: Record<string, string>) =>
  edited(base, 'plugin.json', (s) => s.replace('"id": "registry-demo"', '"id": "pack-demo"'));
const bumped = (base: Record<string, string>) => edited(base, 'plugin.json', (s) => s.replace('"version": "1.0.0"', '"version": "1.1.0"'));

/** Row count and md5 of every row's text, per table of the database (as its owner sees them). */
async function snapshot(): Promise<Record<string, { rows: number; md5: string }>> {
  const c = new pg.Client({ connectionString: database.connectionString });
  await c.connect();
  try {
    const tables = await c.query<{ s: string; t: string }>(
      `select table_schema as s, table_name as t from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
    );
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const { s, t } of tables.rows) {
      const q = `"${s.replace(/"/g, '""')}"."${t.replace(/"/g, '""')}"`;
      const r = await c.query<{ rows: number; md5: string }>(
        `select count(*)::int as rows, md5(coalesce(string_agg(x::text, '' order by x::text), '')) as md5 from ${q} x`,
      );
      out[`${s}.${t}`] = r.rows[0];
    }
    return out;
  } finally {
    await c.end();
  }
}

describe(`pack dry run (${testBackend()})`, () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    before = await snapshot();
  });

  it('a new plugin: structure ok, unsigned, every fixture passed here, no diff', async () => {
    const r = await dryRun(packOf(renamed(texts)));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      outcome: 'ready',
      plugin: { id: 'pack-demo', version: '1.0.0' },
      signature: 'unsigned',
      refusal: null,
      change: 'new-plugin',
      diff: null,
      installed: { active: null, versions: [] },
    });
    // registry-demo's fixtures/household.json has five cases.
    expect(r.body.fixtures).toMatchObject({ passed: 5, failed: 0, failing: [] });
    expect(r.body.fixtures.cases).toHaveLength(5);
    expect(r.body.packSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the signature: trusted for the key in the trust folder, unknown publisher for another key', async () => {
    const signed = (pem: string) => packOf(renamed(texts), { privateKey: privateKeyFromPem(pem), publisherName: 'County office' });
    const trusted = await dryRun(signed(trustedKey.privatePem));
    expect(trusted.body).toMatchObject({
      outcome: 'ready',
      signature: 'trusted',
      publisher: { name: 'County office', fingerprint: trustedKey.fingerprint },
    });
    const stranger = await dryRun(signed(strangerKey.privatePem));
    expect(stranger.body).toMatchObject({
      outcome: 'ready',
      signature: 'unknown-publisher',
      publisher: { fingerprint: strangerKey.fingerprint },
    });
  });

  it('a failing fixture is listed and blocks the install', async () => {
    // The first case says 4 people pass the limit of 12; this pack expects them to fail.
    const wrong = edited(renamed(texts), 'fixtures/household.json', (s) =>
      s.replace(
        '"expected": { "valid": true, "checks": { "size-limit": true } }',
        '"expected": { "valid": true, "checks": { "size-limit": false } }',
      ),
    );
    const r = await dryRun(packOf(wrong));
    expect(r.body).toMatchObject({ outcome: 'blocked', refusal: null, fixtures: { passed: 4, failed: 1 } });
    expect(r.body.fixtures.failing).toEqual([
      {
        suite: 'fixtures/household.json',
        form: 'household',
        description: '4 people is within 12',
        mismatches: ['checks.size-limit: expected false, got true'],
      },
    ]);
  });

  it('an upgrade of the installed plugin that removes a field: breaking in the diff', async () => {
    let v11 = edited(bumped(texts), 'forms/household.schema.json', (s) =>
      s.replace('"required": ["head", "size", "cooperative"]', '"required": ["size", "cooperative"]').replace(/\s*"head": \{[^}]*\},/, ''),
    );
    v11 = edited(v11, 'fixtures/household.json', (s) => s.replace('"head": "张三", ', ''));
    const r = await dryRun(packOf(v11));
    expect(r.body).toMatchObject({
      outcome: 'ready',
      change: 'upgrade',
      installed: { active: '1.0.0', versions: ['1.0.0'] },
      fixtures: { passed: 5, failed: 0 },
      diff: { id: 'registry-demo', from: '1.0.0', to: '1.1.0', breaking: true },
    });
    const household = r.body.diff.forms.changed.find((f: { form: string }) => f.form === 'household');
    expect(household).toMatchObject({ breaking: true });
    expect(household.fields).toContainEqual(expect.objectContaining({ pointer: '/head', change: 'removed', breaking: true }));
    expect(r.body.diff.forms.changed.map((f: { form: string }) => f.form)).toEqual(['household']);
  });

  it('a byte changed after signing: tampered, refused, whoever signed it', async () => {
    const good = packOf(renamed(texts), { privateKey: privateKeyFromPem(trustedKey.privatePem) });
    const text = gunzipSync(good).toString('utf8');
    const changed = text.replace('4 people is within 12', '5 people is within 12');
    expect(changed).not.toBe(text);
    const r = await dryRun(gzipSync(changed, { level: 9 }));
    expect(r.body).toMatchObject({ outcome: 'refused', signature: 'tampered', refusal: { code: 'PACK_TAMPERED' }, fixtures: null });
    expect(r.body.refusal.details).toEqual([
      expect.objectContaining({
        code: 'HASH_MISMATCH',
        file: 'fixtures/household.json',
        pointer: expect.stringMatching(/^\/files\/\d+\/text$/),
      }),
    ]);
  });

  it('a structural error is reported with its file and pointer', async () => {
    const r = await dryRun(packOf({ ...renamed(texts), 'notes.json': '{}' }));
    expect(r.body).toMatchObject({ outcome: 'refused', refusal: { code: 'PACK_INVALID' }, signature: 'unsigned' });
    expect(r.body.refusal.details).toEqual([expect.objectContaining({ code: 'FILE_UNREFERENCED', file: 'notes.json' })]);
  });

  it('the installed version itself: already installed; the same version with other content: refused', async () => {
    const same = await dryRun(packOf(texts));
    expect(same.body).toMatchObject({ outcome: 'already-installed', change: 'same-version', refusal: null, diff: null });
    const other = await dryRun(
      packOf(edited(texts, 'rules/household.json', (s) => s.replace('"Household size above the limit"', '"Too many people"'))),
    );
    expect(other.body).toMatchObject({ outcome: 'refused', change: 'same-version', refusal: { code: 'PLUGIN_VERSION_CONFLICT' } });
    expect(other.body.refusal.details[0]).toMatchObject({
      code: 'PLUGIN_VERSION_CONFLICT',
      pointer: '/manifest/version',
      file: 'plugin.json',
    });
  });

  it('a multipart upload (part "file") gives the same report', async () => {
    const bytes = packOf(renamed(texts));
    const { payload, headers } = multipart({}, { name: 'pack-demo-1.0.0.hzpack', type: 'application/octet-stream', content: bytes });
    const r = await app.inject({
      method: 'POST',
      url: '/api/packs/dry-run',
      headers: { ...headers, authorization: `Bearer ${tok.admin}` },
      payload,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual((await dryRun(bytes)).body);
  });

  it('only an admin may run it; an oversize pack is PACK_TOO_LARGE', async () => {
    const officer = await dryRun(packOf(renamed(texts)), 'tianhe-officer');
    expect(officer.status).toBe(403);
    expect(officer.body.error.code).toBe('FORBIDDEN');
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/packs/dry-run',
      headers: { 'content-type': 'application/octet-stream' },
      payload: packOf(texts),
    });
    expect(anonymous.statusCode).toBe(401);
    const big = await dryRun(Buffer.alloc(PACK_LIMITS.packBytes + 1));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PACK_TOO_LARGE');
    const { payload, headers } = multipart(
      {},
      { name: 'big.hzpack', type: 'application/octet-stream', content: Buffer.alloc(PACK_LIMITS.packBytes + 1) },
    );
    const bigPart = await app.inject({
      method: 'POST',
      url: '/api/packs/dry-run',
      headers: { ...headers, authorization: `Bearer ${tok.admin}` },
      payload,
    });
    expect(bigPart.statusCode).toBe(413);
    expect(bigPart.json().error.code).toBe('PACK_TOO_LARGE');
  });

  it('a body that is not a pack upload: 400, not a report', async () => {
    const asJson = await app.inject({
      method: 'POST',
      url: '/api/packs/dry-run',
      headers: { authorization: `Bearer ${tok.admin}` },
      payload: { pack: 'x' },
    });
    expect(asJson.statusCode).toBe(400);
    expect(asJson.json().error.code).toBe('BAD_REQUEST');
    const empty = await dryRun(Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const noFile = multipart({ note: 'no file' });
    const r = await app.inject({
      method: 'POST',
      url: '/api/packs/dry-run',
      headers: { ...noFile.headers, authorization: `Bearer ${tok.admin}` },
      payload: noFile.payload,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].pointer).toBe('/file');
  });

  it('after every dry run above, every table holds exactly the rows it held before', async () => {
    const after = await snapshot();
    expect(Object.keys(before).length).toBeGreaterThan(10);
    expect(after).toEqual(before);
    // The snapshot sees a change: a parameter row written directly shows up in its table's checksum.
    const c = new pg.Client({ connectionString: database.connectionString });
    await c.connect();
    try {
      await c.query(`update plugin_parameters set revision = revision + 1 where plugin_id = 'registry-demo'`);
    } finally {
      await c.end();
    }
    const touched = await snapshot();
    const differs = Object.keys(before).filter((t) => touched[t].md5 !== before[t].md5);
    expect(differs).toEqual([expect.stringMatching(/\.plugin_parameters$/)]);
  });
});
