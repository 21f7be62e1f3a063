// POST /api/packs and the plugin lifecycle in a RUNNING server: install, upgrade, rollback, reinstall, uninstall,
// enable, moving open records to a new version, the history, and the state after a restart. Packs are the neutral
// test plugin (test/plugins/registry-demo) renamed to pack-demo, built in memory; version 1.1.0 changes one rule:
// a cooperative counts as "large" from 10 members instead of 20, so a cooperative of 15 is small under 1.0.0 and
// large under 1.1.0.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { configFromEnv, REPO_ROOT, type Config } from '../../platform/boot/config';
import { openPlatform, type OpenPlatform } from '../../platform/boot/open-platform';
import { seedIfEmpty } from '../../platform/boot/seed';
import { buildApp } from '../../platform/http/app';
import { generatePackKeys, privateKeyFromPem } from '../../platform/packs';
import { createTestDatabase, testBackend, type TestDatabase } from '../helpers/database';
import { PASSWORD, TEST_PLUGINS, TestClock } from '../helpers/platform';
import { demoTexts, packOf } from '../packs/pack-helpers';
import { tableSnapshot } from '../packs/table-snapshot';
import { multipart } from '../helpers/uploads';

const key = generatePackKeys();
let dir: string;
let database: TestDatabase;
let config: Config;
let platform: OpenPlatform;
let app: FastifyInstance;
let texts: Record<string, string>;
const tok: Record<string, string> = {};
const clock = new TestClock(new Date('2024-05-06T02:00:00Z'));

async function open() {
  platform = await openPlatform(config, { clock });
  app = await buildApp(platform.ctx);
  for (const username of ['admin', 'tianhe-officer']) {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    tok[username] = r.json().token;
  }
}
async function shut() {
  await app?.close();
  await platform?.close();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-pack-install-'));
  await writeFile(path.join(dir, 'county-office.public.pem'), key.publicPem);
  database = await createTestDatabase('packinstall');
  config = {
    ...configFromEnv({}),
    databaseUrl: database.connectionString,
    pluginsDirs: [TEST_PLUGINS],
    seedFile: null,
    trustedKeysDir: dir,
  };
  await open();
  await seedIfEmpty(platform.ctx, path.join(REPO_ROOT, 'demo/seed.json'), PASSWORD);
  for (const username of ['admin', 'tianhe-officer']) {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    tok[username] = r.json().token;
  }
  texts = await demoTexts();
}, 120_000);
afterAll(async () => {
  await shut();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

function edited(base: Record<string, string>, file: string, from: string, to: string): Record<string, string> {
  if (!base[file].includes(from)) throw new Error(`${file} has no ${from}`);
  return { ...base, [file]: base[file].replace(from, to) };
}
const as = (id: string, version: string) =>
  edited(
    edited(texts, 'plugin.json', '"id": "registry-demo"', `"id": "${id}"`),
    'plugin.json',
    '"version": "1.0.0"',
    `"version": "${version}"`,
  );
/** Version 1.1.0's one change: large from 10 members. */
const tenIsLarge = (t: Record<string, string>) => edited(t, 'rules/cooperative.json', '"data.members" }, 20]', '"data.members" }, 10]');

async function install(bytes: Buffer, query = '') {
  const r = await app.inject({
    method: 'POST',
    url: `/api/packs${query}`,
    headers: { authorization: `Bearer ${tok.admin}`, 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
  return { status: r.statusCode, body: r.json() };
}
async function call(method: 'GET' | 'POST', url: string, who: string, body?: object) {
  const r = await app.inject({ method, url, headers: { authorization: `Bearer ${tok[who]}` }, ...(body ? { payload: body } : {}) });
  return { status: r.statusCode, body: r.json() };
}
const coop = (plugin: string, id: string, creditCode: string, members = 15) =>
  call('POST', '/api/records', 'tianhe-officer', {
    id,
    plugin,
    form: 'cooperative',
    period: '2024',
    orgUnitId: '440106',
    data: { name: '测试合作社', creditCode, members },
  });
// USCCs with a right check character (from test/api/records.test.ts and beibei-pilot.test.ts).
const USCC = ['91350100M000100Y43', '93500109MA5U8BB020', '93500109MA5U8BB033', '93500109MA5U8BB046'];

describe(`pack install into a running server (${testBackend()})`, () => {
  const v100 = () => packOf(as('pack-demo', '1.0.0'));
  const v110 = () =>
    packOf(tenIsLarge(as('pack-demo', '1.1.0')), { privateKey: privateKeyFromPem(key.privatePem), publisherName: 'County office' });

  it('a new plugin is installed and its form takes records at once, without a restart', async () => {
    const r = await install(v100());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      outcome: 'installed',
      plugin: { id: 'pack-demo', version: '1.0.0' },
      previousVersion: null,
      signature: 'unsigned',
      moved: null,
    });
    const c = await coop('pack-demo', 'pd-1', USCC[0]);
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({ plugin: { version: '1.0.0' }, data: { memberLabel: 'small' } });
  });

  it('an upgrade is active at once; records keep their version; the signature is trusted', async () => {
    const r = await install(v110());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ outcome: 'upgraded', previousVersion: '1.0.0', signature: 'trusted', moved: null });
    const c = await coop('pack-demo', 'pd-2', USCC[1]);
    expect(c.body).toMatchObject({ plugin: { version: '1.1.0' }, data: { memberLabel: 'large' } });
    const old = await call('GET', '/api/records/pd-1', 'tianhe-officer');
    expect(old.body).toMatchObject({ plugin: { version: '1.0.0' }, data: { memberLabel: 'small' }, revision: 1 });
  });

  it('rollback makes 1.0.0 active again; the record made under 1.1.0 keeps it and stays readable', async () => {
    const r = await call('POST', '/api/packs/rollback', 'admin', { plugin: 'pack-demo' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ plugin: 'pack-demo', activeVersion: '1.0.0', previousVersions: [], disabled: false, changed: true });
    const c = await coop('pack-demo', 'pd-3', USCC[2]);
    expect(c.body).toMatchObject({ plugin: { version: '1.0.0' }, data: { memberLabel: 'small' } });
    const newer = await call('GET', '/api/records/pd-2', 'tianhe-officer');
    expect(newer.body).toMatchObject({ plugin: { version: '1.1.0' }, data: { memberLabel: 'large' } });
    // Nothing further back.
    const again = await call('POST', '/api/packs/rollback', 'admin', { plugin: 'pack-demo' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PLUGIN_NO_PREVIOUS_VERSION');
  });

  it('reinstalling 1.1.0 makes it active again; installing the active version changes nothing', async () => {
    const r = await install(v110());
    expect(r.body).toMatchObject({ outcome: 'reactivated', previousVersion: '1.0.0' });
    expect(platform.ctx.registry.find('pack-demo')?.version).toBe('1.1.0');
    const before = await tableSnapshot(database.connectionString);
    const same = await install(v110());
    expect(same.body).toMatchObject({ outcome: 'unchanged', previousVersion: '1.1.0' });
    expect(await tableSnapshot(database.connectionString)).toEqual(before);
  });

  it('a tampered byte is refused and changes nothing', async () => {
    const before = await tableSnapshot(database.connectionString);
    // One member count of a fixture changed after the pack was built: the file no longer matches its sha256.
    const container = JSON.parse((await import('node:zlib')).gunzipSync(packOf(tenIsLarge(as('pack-demo', '1.2.0')))).toString('utf8')) as {
      files: { path: string; text: string }[];
    };
    const f = container.files.find((x) => x.path === 'rules/cooperative.json')!;
    f.text = f.text.replace('10]', '11]');
    const { canonicalJson } = await import('../../platform/packs');
    const bytes = (await import('node:zlib')).gzipSync(canonicalJson(container));
    const r = await install(bytes);
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.error.code).toBe('PACK_TAMPERED');
    expect(r.body.error.details[0]).toMatchObject({ code: 'HASH_MISMATCH', file: 'rules/cooperative.json' });
    expect(await tableSnapshot(database.connectionString)).toEqual(before);
    expect(platform.ctx.registry.installedVersions('pack-demo')).toEqual(['1.0.0', '1.1.0']);
  });

  it('the same version with other content is refused with PLUGIN_VERSION_CONFLICT and changes nothing', async () => {
    const before = await tableSnapshot(database.connectionString);
    const r = await install(packOf(as('pack-demo', '1.1.0')));
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('PLUGIN_VERSION_CONFLICT');
    expect(await tableSnapshot(database.connectionString)).toEqual(before);
  });

  it('a failing fixture refuses the install unless the admin overrides it with a reason', async () => {
    const wrong = edited(
      as('fixture-demo', '1.0.0'),
      'fixtures/household.json',
      '"checks": { "size-limit": true } }',
      '"checks": { "size-limit": false } }',
    );
    const before = await tableSnapshot(database.connectionString);
    const r = await install(packOf(wrong));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('PACK_FIXTURES_FAILED');
    expect(r.body.error.details).toHaveLength(1);
    expect(await tableSnapshot(database.connectionString)).toEqual(before);
    const forced = await install(packOf(wrong), '?overrideFixtures=' + encodeURIComponent('本县人口上限不同'));
    expect(forced.body).toMatchObject({ outcome: 'installed' });
    const h = await call('GET', '/api/packs/history?plugin=fixture-demo', 'admin');
    expect(h.body.events[0].details).toMatchObject({ fixturesOverride: '本县人口上限不同', fixturesFailed: 1 });
  });

  it("the county's bound parameter values are checked as in the dry run and stored with the install", async () => {
    const installWith = async (bindings: unknown, override?: { reason: string }) => {
      const { payload, headers } = multipart(
        { bindings: JSON.stringify(bindings), ...(override ? { override: JSON.stringify(override) } : {}) },
        { name: 'bind-demo-1.0.0.hzpack', type: 'application/octet-stream', content: packOf(as('bind-demo', '1.0.0')) },
      );
      const r = await app.inject({
        method: 'POST',
        url: '/api/packs',
        headers: { ...headers, authorization: `Bearer ${tok.admin}` },
        payload,
      });
      return { status: r.statusCode, body: r.json() };
    };
    // The parameter schema says minimum 1: a bad value is refused at its pointer and nothing is installed.
    const before = await tableSnapshot(database.connectionString);
    const bad = await installWith({ maxHouseholdSize: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'PARAMETERS_INVALID' });
    expect(bad.body.error.details[0].pointer).toBe('/bindings/maxHouseholdSize');
    expect(await tableSnapshot(database.connectionString)).toEqual(before);
    // 14 instead of the default 12: the fixtures run with it, so "13 people is over the limit" now fails and the
    // install needs a reason, as the dry run said.
    const blocked = await installWith({ maxHouseholdSize: 14 });
    expect(blocked.body.error).toMatchObject({ code: 'PACK_FIXTURES_FAILED' });
    expect(blocked.body.error.details.map((d: { message: { en: string } }) => d.message.en)).toEqual([
      'Fixture failed: fixtures/household.json 13 people is over the limit',
    ]);
    const ok = await installWith({ maxHouseholdSize: 14 }, { reason: '本县户均人口多,上限 14 人' });
    expect(ok.body).toMatchObject({ outcome: 'installed' });
    const params = await call('GET', '/api/plugins/bind-demo/parameters', 'admin');
    expect(params.body.values).toMatchObject({ maxHouseholdSize: 14 });
    const h = await call('GET', '/api/packs/history?plugin=bind-demo', 'admin');
    expect(h.body.events[0].details).toMatchObject({ boundParameters: ['maxHouseholdSize'] });
  });

  it('uninstall refuses new records but lists and records stay readable; enable undoes it', async () => {
    const r = await call('POST', '/api/packs/uninstall', 'admin', { plugin: 'pack-demo' });
    expect(r.body).toMatchObject({ activeVersion: '1.1.0', disabled: true, changed: true });
    const refused = await coop('pack-demo', 'pd-4', USCC[3]);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PLUGIN_DISABLED');
    // Its forms are no longer offered to fill; the other plugins' still are.
    const fillable = (await call('GET', '/api/forms', 'tianhe-officer')).body.forms.map((f: { plugin: string }) => f.plugin);
    expect(fillable).not.toContain('pack-demo');
    expect(fillable).toContain('registry-demo');
    const list = await call('GET', '/api/records?plugin=pack-demo', 'tianhe-officer');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id).sort()).toEqual(['pd-1', 'pd-2', 'pd-3']);
    expect((await call('GET', '/api/records/pd-1', 'tianhe-officer')).status).toBe(200);
    // Officers cannot change the lifecycle.
    expect((await call('POST', '/api/packs/enable', 'tianhe-officer', { plugin: 'pack-demo' })).status).toBe(403);
    const e = await call('POST', '/api/packs/enable', 'admin', { plugin: 'pack-demo' });
    expect(e.body).toMatchObject({ disabled: false, changed: true });
    expect((await coop('pack-demo', 'pd-4', USCC[3])).status).toBe(201);
  });

  it('moveOpenRecords moves the open records to the new version, recomputed, each with an audit event', async () => {
    expect((await install(packOf(as('move-demo', '1.0.0')))).body.outcome).toBe('installed');
    expect((await coop('move-demo', 'mv-1', USCC[0])).body).toMatchObject({ data: { memberLabel: 'small' }, revision: 1 });
    // 25 members is large under both versions: moved, its results unchanged, still audited.
    expect((await coop('move-demo', 'mv-2', USCC[1], 25)).body).toMatchObject({ data: { memberLabel: 'large' }, revision: 1 });
    const r = await install(packOf(tenIsLarge(as('move-demo', '1.1.0'))), '?moveOpenRecords=true');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ outcome: 'upgraded', moved: { moved: 2, kept: [] } });
    const mv1 = await call('GET', '/api/records/mv-1', 'tianhe-officer');
    expect(mv1.body).toMatchObject({ plugin: { version: '1.1.0' }, data: { memberLabel: 'large' }, revision: 2 });
    const history = await call('GET', '/api/records/mv-1/history', 'tianhe-officer');
    const last = history.body.events.at(-1);
    expect(last).toMatchObject({ action: 'recompute', pluginVersion: '1.1.0', revision: 2 });
    expect(last.changes).toEqual(
      expect.arrayContaining([
        { pointer: '/pluginVersion', from: '1.0.0', to: '1.1.0' },
        { pointer: '/data/memberLabel', from: 'small', to: 'large' },
      ]),
    );
    const mv2 = await call('GET', '/api/records/mv-2/history', 'tianhe-officer');
    expect(mv2.body.events.at(-1)).toMatchObject({
      action: 'recompute',
      revision: 2,
      changes: [{ pointer: '/pluginVersion', from: '1.0.0', to: '1.1.0' }],
    });
  });

  it('the history lists every install, rollback, uninstall and enable with who, pack sha256 and signature', async () => {
    const h = await call('GET', '/api/packs/history?plugin=pack-demo', 'admin');
    expect(h.status).toBe(200);
    // Newest first: enable, uninstall, reinstall of 1.1.0, rollback, upgrade, install.
    expect(h.body.events.map((e: { action: string; version: string }) => `${e.action} ${e.version}`)).toEqual([
      'plugin.enable 1.1.0',
      'plugin.uninstall 1.1.0',
      'plugin.install 1.1.0',
      'plugin.rollback 1.0.0',
      'plugin.install 1.1.0',
      'plugin.install 1.0.0',
    ]);
    const upgrade = h.body.events[4];
    expect(upgrade).toMatchObject({ actor: { username: 'admin' }, previousVersion: '1.0.0', signature: 'trusted' });
    expect(upgrade.packSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(h.body.events[5]).toMatchObject({ signature: 'unsigned', details: { outcome: 'installed' } });
    expect((await call('GET', '/api/packs/history', 'tianhe-officer')).status).toBe(403);
  });

  it('the state survives a restart: the active version and a disabled plugin', async () => {
    expect((await call('POST', '/api/packs/rollback', 'admin', { plugin: 'move-demo' })).body).toMatchObject({ activeVersion: '1.0.0' });
    expect((await call('POST', '/api/packs/uninstall', 'admin', { plugin: 'fixture-demo' })).body).toMatchObject({ disabled: true });
    await shut();
    await open();
    const reg = platform.ctx.registry;
    expect(reg.find('pack-demo')?.version).toBe('1.1.0');
    expect(reg.find('move-demo')?.version).toBe('1.0.0');
    expect(reg.isDisabled('fixture-demo')).toBe(true);
    expect(reg.isDisabled('pack-demo')).toBe(false);
    expect((await coop('move-demo', 'mv-3', USCC[2])).body).toMatchObject({ plugin: { version: '1.0.0' }, data: { memberLabel: 'small' } });
    const refused = await call('POST', '/api/records', 'tianhe-officer', {
      plugin: 'fixture-demo',
      form: 'household',
      period: '2024',
      orgUnitId: '440106',
      data: { head: '张三', size: 4, cooperative: 'x' },
    });
    expect(refused.body.error.code).toBe('PLUGIN_DISABLED');
    // The records moved to 1.1.0 keep it after the rollback and the restart.
    expect((await call('GET', '/api/records/mv-1', 'tianhe-officer')).body).toMatchObject({ plugin: { version: '1.1.0' } });
  });

  it('a version the plugins folder brings for the first time is an upgrade: active after the restart, and can be rolled back', async () => {
    const folder = path.join(dir, 'plugins', 'pack-demo');
    const files = tenIsLarge(as('pack-demo', '1.2.0'));
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
      await writeFile(path.join(folder, file), text);
    }
    await shut();
    config = { ...config, pluginsDirs: [TEST_PLUGINS, path.join(dir, 'plugins')] };
    await open();
    expect(platform.failures).toEqual([]);
    expect(platform.ctx.registry.find('pack-demo')?.version).toBe('1.2.0');
    const back = await call('POST', '/api/packs/rollback', 'admin', { plugin: 'pack-demo' });
    expect(back.body).toMatchObject({ activeVersion: '1.1.0', previousVersions: ['1.0.0'] });
    // Restarted with the same folder, the rollback holds: 1.2.0 is no longer new.
    await shut();
    await open();
    expect(platform.ctx.registry.find('pack-demo')?.version).toBe('1.1.0');
  });
  it('a pack needing a plugin not installed is refused; installed in order it goes in; the one depended on cannot be uninstalled', async () => {
    const needs = (t: Record<string, string>) =>
      edited(
        t,
        'plugin.json',
        '"platform": "^0.1.0",',
        '"platform": "^0.1.0",\n  "dependencies": [{ "id": "shared-base", "range": "^2.0.0" }],',
      );
    const before = await tableSnapshot(database.connectionString);
    const early = await install(packOf(needs(as('dependent-policy', '1.0.0'))));
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('PACK_DEPENDENCY_UNMET');
    expect(early.body.error.details[0]).toMatchObject({
      pointer: '/manifest/dependencies/0',
      params: { id: 'shared-base', installed: null },
    });
    expect(await tableSnapshot(database.connectionString)).toEqual(before);
    expect((await install(packOf(as('shared-base', '2.0.0')))).status).toBe(200);
    expect((await install(packOf(needs(as('dependent-policy', '1.0.0'))))).body.outcome).toBe('installed');
    const off = await call('POST', '/api/packs/uninstall', 'admin', { plugin: 'shared-base' });
    expect([off.status, off.body.error.code, off.body.error.details[0].params]).toEqual([
      409,
      'PLUGIN_DEPENDED_ON',
      { dependent: 'dependent-policy', range: '^2.0.0' },
    ]);
    expect(platform.ctx.registry.isDisabled('shared-base')).toBe(false);
  });
});
