// Records keep the plugin version they were made under: after an upgrade they still load, render and move
// through the workflow of their own version, while new records take the new one.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { configFromEnv } from '../../platform/boot/config';
import { openPlatform } from '../../platform/boot/open-platform';
import { seedIfEmpty } from '../../platform/boot/seed';
import { buildApp } from '../../platform/http/app';
import { REPO_ROOT } from '../../platform/boot/config';
import { createTestDatabase, testBackend } from '../helpers/database';
import { PASSWORD, TEST_PLUGINS } from '../helpers/platform';

const root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-upgrade-'));
const database = await createTestDatabase('upgrade');
afterAll(async () => {
  await database.drop();
  await rm(root, { recursive: true, force: true });
});

async function run(
  pluginsDir: string,
  body: (call: (m: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => Promise<any>) => Promise<void>,
) {
  const platform = await openPlatform({
    ...configFromEnv({}),
    databaseUrl: database.connectionString,
    pluginsDirs: [pluginsDir],
    seedFile: null,
  });
  await seedIfEmpty(platform.ctx, path.join(REPO_ROOT, 'demo/seed.json'), PASSWORD);
  const app = await buildApp(platform.ctx);
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tianhe-officer', password: PASSWORD } });
  const token = JSON.parse(login.body).token;
  try {
    await body(async (method, url, payload) => {
      const r = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
      return { status: r.statusCode, body: JSON.parse(r.body) };
    });
  } finally {
    await app.close();
    await platform.close();
  }
}

it(`an upgrade keeps old records on their version (${testBackend()})`, async () => {
  const v1 = path.join(root, 'v1');
  await cp(TEST_PLUGINS, v1, { recursive: true });
  const weekly = { plugin: 'registry-demo', form: 'weekly', orgUnitId: '440106', data: { visits: 3 } };
  const coop = {
    plugin: 'registry-demo',
    form: 'cooperative',
    period: '2024',
    orgUnitId: '440106',
    data: { name: '甲社', creditCode: '91440106MA5WEB0014', members: 1 },
  };
  const minMembers = (r: any) => r.body.results.checks.find((c: any) => c.id === 'min-members');
  await run(v1, async (call) => {
    const r = await call('POST', '/api/records', { ...weekly, id: 'old-week', period: '2024-W10' });
    expect(r.status).toBe(201);
    expect(r.body.plugin.version).toBe('1.0.0');
    const c = await call('POST', '/api/records', { ...coop, id: 'old-coop' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(minMembers(c)).toMatchObject({ passed: false, message: { en: 'Members must be at least minMembers' } });
  });

  // Version 1.1.0 renames the submit step: old records keep the step of their version.
  const v2 = path.join(root, 'v2');
  await cp(TEST_PLUGINS, v2, { recursive: true });
  const manifest = path.join(v2, 'registry-demo/plugin.json');
  await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('"version": "1.0.0"', '"version": "1.1.0"'));
  const wf = path.join(v2, 'registry-demo/workflows/review.json');
  await writeFile(wf, (await readFile(wf, 'utf8')).replace('"id": "submit"', '"id": "send"'));
  // …and rewords a check: records store rule ids and outcomes, the words come from the record's own version.
  const rules = path.join(v2, 'registry-demo/rules/cooperative.json');
  await writeFile(rules, (await readFile(rules, 'utf8')).replace('"Members must be at least minMembers"', '"Too few members (v1.1)"'));

  await run(v2, async (call) => {
    const plugins = await call('GET', '/api/plugins');
    expect(plugins.body.plugins[0]).toMatchObject({ id: 'registry-demo', version: '1.1.0', versions: ['1.1.0', '1.0.0'] });
    const old = await call('GET', '/api/records/old-week');
    expect(old.body.plugin.version).toBe('1.0.0');
    expect(old.body.transitions.map((t: any) => t.id)).toEqual(['submit']);
    const moved = await call('POST', '/api/records/old-week/transitions', { revision: 1, transition: 'submit' });
    expect(moved.body.state).toBe('submitted');
    const fresh = await call('POST', '/api/records', { ...weekly, id: 'new-week', period: '2024-W11' });
    expect(fresh.body.plugin.version).toBe('1.1.0');
    expect(fresh.body.transitions.map((t: any) => t.id)).toEqual(['send']);
    expect(minMembers(await call('GET', '/api/records/old-coop'))).toMatchObject({
      passed: false,
      message: { en: 'Members must be at least minMembers' },
    });
    const freshCoop = await call('POST', '/api/records', {
      ...coop,
      id: 'new-coop',
      period: '2025',
      data: { ...coop.data, creditCode: '91440106MA5WEB003A' },
    });
    expect(minMembers(freshCoop)).toMatchObject({ passed: false, message: { en: 'Too few members (v1.1)' } });
  });
});
