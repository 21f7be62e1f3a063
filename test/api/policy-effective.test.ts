// Effective dates (plugin.json `effective`), on a copy of the neutral registry-demo plugin declaring 2024-01-01 …
// 2024-04-30. The platform's day is set by the test clock. Outside the window the form is still listed (with why)
// but takes no new record, from the API or an import (409 POLICY_NOT_IN_FORCE, nothing stored); a record made in
// time keeps moving through its workflow; an admin extends the version with a reason (audited, kept across a
// restart), after which records can be made again until the new day.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { configFromEnv, REPO_ROOT, type Config } from '../../platform/boot/config';
import { openPlatform, type OpenPlatform } from '../../platform/boot/open-platform';
import { seedIfEmpty } from '../../platform/boot/seed';
import { buildApp } from '../../platform/http/app';
import { usccCheckChar } from '../../platform/forms/formats';
import { runImport } from '../../platform/imports/run-import';
import { createTestDatabase, testBackend, type TestDatabase } from '../helpers/database';
import { PASSWORD, TEST_PLUGINS, TestClock } from '../helpers/platform';
import { principalNamed } from '../imports/helpers';

const uscc = (first17: string) => first17 + usccCheckChar(first17);
const clock = new TestClock(new Date('2024-04-30T15:00:00Z')); // 23:00 in Asia/Shanghai: still the last day
let dir: string;
let database: TestDatabase;
let config: Config;
let platform: OpenPlatform;
let app: FastifyInstance;
const tok: Record<string, string> = {};

async function open() {
  platform = await openPlatform(config, { clock });
  app = await buildApp(platform.ctx);
  await login();
}
/** Sessions end after 30 idle minutes, so each jump of the clock logs in again. */
async function at(iso: string) {
  clock.set(iso);
  await login();
}
async function login() {
  for (const username of ['admin', 'tianhe-officer', 'tianhe-reviewer']) {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    tok[username] = r.json().token;
  }
}
async function shut() {
  await app?.close();
  await platform?.close();
}
const call = async (method: 'GET' | 'POST', url: string, who: string, payload?: object) => {
  const r = await app.inject({ method, url, headers: { authorization: `Bearer ${tok[who]}` }, ...(payload ? { payload } : {}) });
  return { status: r.statusCode, body: r.json() };
};
const create = (n: number) =>
  call('POST', '/api/records', 'tianhe-officer', {
    plugin: 'registry-demo',
    form: 'cooperative',
    period: '2024',
    orgUnitId: '440106',
    data: { name: `合作社${n}`, creditCode: uscc(`93440106MA5EF${String(n).padStart(4, '0')}`), members: 10 },
  });
const stored = async () =>
  (await platform.ctx.db.selectFrom('records').select('id').where('plugin_id', '=', 'registry-demo').execute()).length;
const cooperativeForm = async () =>
  (await call('GET', '/api/forms', 'tianhe-officer')).body.forms.find((f: any) => f.plugin === 'registry-demo' && f.form === 'cooperative');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-effective-'));
  await cp(path.join(TEST_PLUGINS, 'registry-demo'), path.join(dir, 'registry-demo'), { recursive: true });
  const manifestFile = path.join(dir, 'registry-demo', 'plugin.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
  await writeFile(manifestFile, JSON.stringify({ ...manifest, effective: { from: '2024-01-01', until: '2024-04-30' } }));
  database = await createTestDatabase('effective');
  config = { ...configFromEnv({}), databaseUrl: database.connectionString, pluginsDirs: [dir], seedFile: null };
  await open();
  await seedIfEmpty(platform.ctx, path.join(REPO_ROOT, 'demo/seed.json'), PASSWORD);
  await shut();
  await open();
}, 120_000);
afterAll(async () => {
  await shut();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe(`effective dates (${testBackend()})`, () => {
  let early: string;

  it('takes records on the last day, in the platform zone, and lists the form as in force', async () => {
    const r = await create(1);
    expect(r.status).toBe(201);
    early = r.body.id;
    expect((await cooperativeForm()).policy).toEqual({
      from: '2024-01-01',
      until: '2024-04-30',
      extension: null,
      day: '2024-04-30',
      inForce: true,
    });
  });

  it('after the last day lists the form with why, refuses a new record from the API and stores nothing', async () => {
    await at('2024-04-30T16:00:00Z'); // 2024-05-01 00:00 in Asia/Shanghai
    expect((await cooperativeForm()).policy).toEqual({
      from: '2024-01-01',
      until: '2024-04-30',
      extension: null,
      day: '2024-05-01',
      inForce: false,
    });
    const before = await stored();
    const r = await create(2);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('POLICY_NOT_IN_FORCE');
    expect(r.body.error.details[0].pointer).toBe('/plugin');
    expect(r.body.error.details[0].message['zh-CN']).toContain('2024-04-30');
    expect(r.body.error.details[0].params).toMatchObject({ until: '2024-04-30', day: '2024-05-01' });
    expect(await stored()).toBe(before);
  });

  it('refuses an import that would create records, and stores nothing', async () => {
    const p = await principalNamed(platform.ctx, 'tianhe-officer');
    const csv = Buffer.from(`名称,统一社会信用代码,成员数\r\n导入社,${uscc('93440106MA5EF0099')},8\r\n`);
    const before = await stored();
    await expect(
      runImport(platform.ctx, p, {
        plugin: 'registry-demo',
        form: 'cooperative',
        period: '2024',
        orgUnitId: '440106',
        mode: 'all',
        fileName: 'a.csv',
        locale: 'zh-CN',
        source: csv,
      }),
    ).rejects.toMatchObject({ code: 'POLICY_NOT_IN_FORCE' });
    expect(await stored()).toBe(before);
  });

  it('lets a record made in time go on through its workflow', async () => {
    const current = await call('GET', `/api/records/${early}`, 'tianhe-officer');
    const r = await call('POST', `/api/records/${early}/transitions`, 'tianhe-officer', {
      revision: current.body.revision,
      transition: 'submit',
    });
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('submitted');
  });

  it('lets only an admin extend it, with a reason, to a day not before the declared end nor today', async () => {
    const url = '/api/plugins/registry-demo/extension';
    expect((await call('POST', url, 'tianhe-officer', { until: '2024-12-31', reason: '延续办理' })).status).toBe(403);
    const early = await call('POST', url, 'admin', { until: '2024-04-29', reason: '延续办理' });
    expect([early.status, early.body.error.code, early.body.error.details[0].pointer]).toEqual([400, 'BAD_REQUEST', '/until']);
    const past = await call('POST', url, 'admin', { until: '2024-04-30', reason: '延续办理' });
    expect([past.status, past.body.error.details[0].params]).toEqual([400, { until: '2024-05-01' }]);
    const blank = await call('POST', url, 'admin', { until: '2024-12-31', reason: '  ' });
    expect([blank.status, blank.body.error.details[0].pointer]).toEqual([400, '/reason']);
    const impossible = await call('POST', url, 'admin', { until: '2024-02-30', reason: '延续办理' });
    expect([impossible.status, impossible.body.error.details[0].pointer]).toEqual([400, '/until']);
    expect((await create(3)).status).toBe(409);
  });

  it('after an extension takes records again, audits it, and keeps it across a restart', async () => {
    const r = await call('POST', '/api/plugins/registry-demo/extension', 'admin', { until: '2024-12-31', reason: '新政策出台前继续执行' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      plugin: 'registry-demo',
      version: '1.0.0',
      policy: {
        from: '2024-01-01',
        until: '2024-04-30',
        extension: { until: '2024-12-31', reason: '新政策出台前继续执行' },
        day: '2024-05-01',
        inForce: true,
      },
    });
    expect((await create(4)).status).toBe(201);
    const history = await call('GET', '/api/packs/history?plugin=registry-demo', 'admin');
    expect(history.body.events[0]).toMatchObject({
      action: 'plugin.extend',
      details: { version: '1.0.0', declaredUntil: '2024-04-30', until: '2024-12-31', reason: '新政策出台前继续执行' },
    });
    await shut();
    await open();
    expect((await cooperativeForm()).policy.extension).toEqual({ until: '2024-12-31', reason: '新政策出台前继续执行' });
    expect((await create(5)).status).toBe(201);
  });

  it('refuses again after the extended day, and before the first day says when it starts', async () => {
    await at('2025-01-01T02:00:00Z');
    expect((await create(6)).body.error.details[0].params.until).toBe('2024-12-31');
    await at('2023-12-31T02:00:00Z');
    const r = await create(7);
    expect([r.status, r.body.error.code]).toEqual([409, 'POLICY_NOT_IN_FORCE']);
    expect(r.body.error.details[0].message['zh-CN']).toContain('自 2024-01-01 起施行');
  });
});
