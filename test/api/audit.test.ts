// The admin audit log on a real PostgreSQL: every audited act writes a row (who, what, from where), admins read
// the events of their units, the application's role cannot UPDATE, DELETE or TRUNCATE either audit table, and
// `hezuo audit verify` catches a row the owner tampered with.
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, PASSWORD, TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { REPO_ROOT } from '../../platform/boot/config';
import { createUser } from '../../platform/auth/auth-service';
import { AUDIT_ACTIONS } from '../../platform/audit/audit-log';
import { verifyAuditChains } from '../../platform/store/audit-store';
import { upload, pdf } from '../helpers/uploads';
import { multipartBody, uscc, xlsxOf } from '../imports/helpers';
import { cnIdCardCheckChar } from '../../platform/forms/formats';
import { demoTexts, packOf } from '../packs/pack-helpers';

let t: TestPlatform;
const ids: Record<string, string> = {};
const COOP = { name: '天河示范社', creditCode: '91350100M000100Y43', members: 25, phone: '13800138000' };

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS, BUNDLED_PLUGINS, path.join(REPO_ROOT, 'test/access/plugins')] });
  ids['root-admin'] = await createUser(t.platform.ctx, {
    username: 'root-admin',
    displayName: '省管理员',
    password: PASSWORD,
    roles: [{ role: 'admin', orgUnitId: '440000' }],
  });
  ids['tianhe-admin'] = await createUser(t.platform.ctx, {
    username: 'tianhe-admin',
    displayName: '天河管理员',
    password: PASSWORD,
    roles: [{ role: 'admin', orgUnitId: '440106' }],
  });
  for (const r of await t.platform.ctx.db.selectFrom('users').select(['id', 'username']).execute()) ids[r.username] = r.id;
});
afterAll(async () => {
  await t?.close();
});

async function asOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: t.databaseUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const later = (seconds: number) => t.clock.set(new Date(t.clock.now().getTime() + seconds * 1000).toISOString());
const get = (url: string, token: string) =>
  t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` }, remoteAddress: '10.9.0.7' });

function hezuo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/hezuo.mjs', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: t.databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => {
      stdout += b;
    });
    child.stderr.on('data', (b) => {
      stderr += b;
    });
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

// Logins cost a deliberate scrypt and verify runs the CLI as a process: slow on a loaded two-core machine.
describe(`admin audit (${testBackend()})`, { timeout: 180_000 }, () => {
  it('writes a row for every audited act: who, what, to what, from which address', async () => {
    const admin = await t.login('admin');
    // Logins: success, failure, a lockout, a logout.
    for (let i = 0; i < 10; i++) {
      later(3600);
      await t.call('POST', '/api/auth/login', undefined, { username: 'baiyun-reviewer', password: 'wrong-password-x' });
    }
    const leaving = await t.login('city-reviewer');
    await t.call('POST', '/api/auth/logout', leaving);
    const root = await t.login('root-admin');
    const fresh = await t.login('admin');
    // Users and roles.
    const created = await t.call('POST', '/api/users', fresh, {
      username: 'li-si-02',
      displayName: '李四',
      password: 'Rice-paddy-2024',
      roles: [{ role: 'officer', orgUnitId: '440111' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await t.call('POST', `/api/users/${id}/roles`, fresh, { role: 'reviewer', orgUnitId: '440111' })).status).toBe(200);
    expect((await t.call('DELETE', `/api/users/${id}/roles/440111/reviewer`, fresh)).status).toBe(200);
    expect((await t.call('POST', `/api/users/${id}/disable`, fresh)).status).toBe(200);
    expect((await t.call('POST', `/api/users/${id}/enable`, fresh)).status).toBe(200);
    expect((await t.call('POST', `/api/users/${id}/password`, fresh, { password: 'Reset-by-admin-77' })).status).toBe(200);
    const li = (await t.call('POST', '/api/auth/login', undefined, { username: 'li-si-02', password: 'Reset-by-admin-77' })).body.token;
    expect(
      (await t.call('POST', '/api/me/password', li, { currentPassword: 'Reset-by-admin-77', password: 'Rice-paddy-2025' })).status,
    ).toBe(200);
    expect((await t.call('POST', `/api/users/${ids['baiyun-reviewer']}/unlock`, fresh)).status).toBe(200);
    // An org unit, parameters.
    expect(
      (
        await t.call('POST', '/api/org-units', fresh, {
          id: '440106001',
          parentId: '440106',
          code: '440106001',
          name: { 'zh-CN': '一街道', en: 'Street one' },
          level: 'township',
        })
      ).status,
    ).toBe(200);
    const params = await t.call('GET', '/api/plugins/registry-demo/parameters', fresh);
    expect(
      (
        await t.call('PUT', '/api/plugins/registry-demo/parameters', fresh, {
          revision: params.body.revision,
          values: { ...params.body.values, minMembers: 6 },
        })
      ).status,
    ).toBe(202);
    // Plugin lifecycle: a pack installed and upgraded, rolled back, uninstalled and enabled again.
    const texts = await demoTexts();
    const packAt = (version: string) =>
      packOf({
        ...texts,
        'plugin.json': texts['plugin.json']
          .replace('"id": "registry-demo"', '"id": "audit-pack"')
          .replace('"version": "1.0.0"', `"version": "${version}"`)
          // A policy that has lost effect, so it can be extended (plugin.extend).
          .replace('"platform": "^0.1.0",', '"platform": "^0.1.0",\n  "effective": { "until": "2024-04-30" },'),
      });
    for (const version of ['1.0.0', '1.1.0']) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/packs',
        headers: { authorization: `Bearer ${fresh}`, 'content-type': 'application/octet-stream' },
        payload: packAt(version),
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    for (const step of ['rollback', 'uninstall', 'enable'])
      expect((await t.call('POST', `/api/packs/${step}`, fresh, { plugin: 'audit-pack' })).status).toBe(200);
    const extended = await t.call('POST', '/api/plugins/audit-pack/extension', fresh, {
      until: '2024-12-31',
      reason: '新政策出台前继续执行',
    });
    expect(extended.status).toBe(200);
    // The plugin studio: a draft started, saved, published (plugin.publish), another deleted, a folder imported.
    const draft = await t.call('POST', '/api/studio/drafts', fresh, { from: 'blank', plugin: 'audit-studio', title: { 'zh-CN': '审计' } });
    expect(draft.status).toBe(201);
    const saved = await t.call('PUT', `/api/studio/drafts/${draft.body.id}`, fresh, { revision: 1, files: draft.body.files });
    expect(saved.status).toBe(200);
    expect((await t.call('POST', `/api/studio/drafts/${draft.body.id}/publish`, fresh, { revision: 2 })).status).toBe(200);
    const other = await t.call('POST', '/api/studio/drafts', fresh, { from: 'edit', source: 'audit-studio' });
    expect((await t.call('DELETE', `/api/studio/drafts/${other.body.id}?revision=1`, fresh)).status).toBe(200);
    const imported = await t.call('POST', '/api/studio/drafts/import/folder', fresh, { files: other.body.files });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    // Downloads: a report, an attachment, an import's error file.
    const reviewer = await t.login('city-reviewer');
    expect((await get('/api/plugins/guangzhou-demonstration/reports/candidate-ranking?period=2024&format=csv', reviewer)).statusCode).toBe(
      200,
    );
    const officer = await t.login('tianhe-officer');
    const up = await upload(
      t,
      officer,
      { plugin: 'registry-demo', form: 'cooperative', field: '/documents' },
      { name: '章程.pdf', type: 'application/pdf', content: pdf() },
    );
    expect((await get(`/api/attachments/${up.body.id}`, officer)).statusCode).toBe(200);
    const file = await xlsxOf(
      ['名称', '统一社会信用代码', '成员数'],
      [
        ['甲合作社', uscc(21), 25],
        ['乙合作社', uscc(22), 'many'],
      ],
    );
    const { payload, headers } = multipartBody(
      // The mapping the user fixed is remembered for the next file of this shape (import_mapping.remember).
      { plugin: 'registry-demo', form: 'cooperative', period: '2024', orgUnitId: '440106', mode: 'valid', mapping: '{"2": "/members"}' },
      { name: '合作社.xlsx', bytes: file },
    );
    const job = JSON.parse(
      (await t.app.inject({ method: 'POST', url: '/api/imports', payload, headers: { ...headers, authorization: `Bearer ${officer}` } }))
        .body,
    );
    await t.app.importJobs.idle();
    expect((await get(`/api/imports/${job.id}/errors`, officer)).statusCode).toBe(200);
    // Sensitive values seen in full (the access log): a record and a report of a plugin with an ID number.
    const person = await t.call('POST', '/api/records', officer, {
      id: 'audit-person',
      plugin: 'sensitive-demo',
      form: 'person',
      orgUnitId: '440106',
      data: { name: '王一', idNumber: '53012319900101123' + cnIdCardCheckChar('53012319900101123'), village: '东村' },
    });
    expect(person.status, JSON.stringify(person.body)).toBe(201);
    expect((await get('/api/records/audit-person', reviewer)).statusCode).toBe(200);
    expect((await get('/api/plugins/sensitive-demo/reports/people', reviewer)).statusCode).toBe(200);
    // 导出全部 of a list takes records out too (export.records), with their count.
    expect((await get('/api/records/export?plugin=registry-demo&form=cooperative&format=csv', reviewer)).statusCode).toBe(200);
    expect(root).toBeTruthy();
    expect(admin).toBeTruthy();

    const rows = await t.platform.ctx.db.selectFrom('admin_audit').selectAll().orderBy('id').execute();
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(AUDIT_ACTIONS));
    expect(rows.map((r) => Number(r.id))).toEqual(rows.map((_, i) => i + 1));
    expect(rows.find((r) => r.action === 'export.records')).toMatchObject({
      actor_name: 'city-reviewer',
      target_type: 'report',
      target_id: 'registry-demo/cooperative',
      details: expect.objectContaining({ format: 'csv', records: expect.any(Number) }),
    });
    expect(rows.find((r) => r.action === 'user.disable')).toMatchObject({
      actor_name: 'admin',
      actor_id: ids['admin'],
      target_type: 'user',
      target_id: id,
      address: '127.0.0.1',
      org_paths: ['/440000/440100/440111/'],
    });
    expect(rows.find((r) => r.action === 'login.lockout')).toMatchObject({
      actor_name: 'baiyun-reviewer',
      details: { username: 'baiyun-reviewer' },
    });
    expect(rows.find((r) => r.action === 'export.report')).toMatchObject({
      actor_name: 'city-reviewer',
      address: '10.9.0.7',
      target_id: 'guangzhou-demonstration/candidate-ranking',
    });
    expect(rows.find((r) => r.action === 'plugin.install' && r.target_id === 'registry-demo')).toMatchObject({
      actor_id: null,
      details: { outcome: 'installed' },
    });
    // No password, new or old, is ever written to the log.
    expect(JSON.stringify(rows)).not.toMatch(/Rice-paddy|Reset-by-admin|wrong-password|test-password/);
  });

  it('lets admins read the events of their units with filters', async () => {
    const root = await t.login('root-admin');
    const city = await t.login('admin');
    const county = await t.login('tianhe-admin');
    const all = await t.call('GET', '/api/audit?limit=500', root);
    expect(all.status).toBe(200);
    expect(all.body.events.length).toBe(all.body.total);
    expect(all.body.events.some((e: any) => e.action === 'plugin.install')).toBe(true);
    const cityView = await t.call('GET', '/api/audit?limit=500', city);
    expect(cityView.body.events.some((e: any) => e.action === 'plugin.install')).toBe(false);
    expect(cityView.body.events.some((e: any) => e.action === 'user.disable')).toBe(true);
    const countyView = await t.call('GET', '/api/audit?limit=500', county);
    expect(countyView.body.events.every((e: any) => e.orgPaths.some((p: string) => p.startsWith('/440000/440100/440106/')))).toBe(true);
    expect(countyView.body.events.some((e: any) => e.action === 'org_unit.create')).toBe(true);
    const mine = await t.call('GET', '/api/audit?actor=admin&action=user.&limit=3', city);
    expect(mine.body.events.length).toBe(3);
    expect(mine.body.events.every((e: any) => e.actorName === 'admin' && e.action.startsWith('user.'))).toBe(true);
    expect(mine.body.events[0].id).toBeGreaterThan(mine.body.events[1].id);
    const none = await t.call(
      'GET',
      `/api/audit?from=${encodeURIComponent('2000-01-01T00:00:00Z')}&to=${encodeURIComponent('2000-01-02T00:00:00Z')}`,
      city,
    );
    expect(none.body).toEqual({ total: 0, events: [] });
    expect((await t.call('GET', '/api/audit?limit=0', city)).body.error.code).toBe('BAD_REQUEST');
    expect((await t.call('GET', '/api/audit', await t.login('tianhe-officer'))).body.error.code).toBe('FORBIDDEN');
  });

  it("refuses the application's role any UPDATE, DELETE or TRUNCATE of the audit tables, and rewrites forged hashes", async () => {
    const db = t.platform.ctx.db;
    for (const table of ['admin_audit', 'audit_events']) {
      for (const statement of [`update ${table} set hash = 'x'`, `delete from ${table}`, `truncate ${table}`]) {
        await expect(sql.raw(statement).execute(db), statement).rejects.toMatchObject({ code: '42501' });
      }
    }
    await sql`insert into admin_audit (id, action, prev_hash, hash) values (999, 'logout', 'forged', 'forged')`.execute(db);
    const last = await db.selectFrom('admin_audit').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(Number(last.id)).not.toBe(999);
    expect(last.hash).not.toBe('forged');
    expect((await verifyAuditChains(db)).broken).toBeNull();
  });

  it('hezuo audit verify says ok, then names the first row an owner tampered with, then a deleted one', async () => {
    const officer = await t.login('tianhe-officer');
    expect(
      (
        await t.call('POST', '/api/records', officer, {
          id: 'coop-a1',
          plugin: 'registry-demo',
          form: 'cooperative',
          period: '2024',
          orgUnitId: '440106',
          data: COOP,
        })
      ).status,
    ).toBe(201);
    expect((await t.call('PUT', '/api/records/coop-a1', officer, { revision: 1, data: { ...COOP, members: 26 } })).status).toBe(200);
    const ok = await hezuo(['audit', 'verify']);
    expect(ok.code, ok.stderr).toBe(0);
    const n = await asOwner(
      async (c) => (await c.query('select (select count(*) from admin_audit) + (select count(*) from audit_events) as n')).rows[0].n,
    );
    expect(ok.stdout).toContain(`ok ${n} rows`);

    const original = await asOwner(async (c) => (await c.query('select details::text from admin_audit where id = 5')).rows[0].details);
    await asOwner((c) => c.query(`update admin_audit set details = '{"username":"someone-else"}' where id = 5`));
    const bad = await hezuo(['audit', 'verify']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^broken: admin_audit id 5: hash expected [0-9a-f]{64}, found [0-9a-f]{64}/);
    await asOwner((c) => c.query('update admin_audit set details = $1::jsonb where id = 5', [original]));
    expect((await verifyAuditChains(t.platform.ctx.db)).broken).toBeNull();

    // A record's event: its own chain catches it.
    const { id: event, changes } = await asOwner(
      async (c) => (await c.query(`select id, changes::text from audit_events where record_id = 'coop-a1' order by id limit 1`)).rows[0],
    );
    await asOwner((c) => c.query(`update audit_events set changes = '[]' where id = $1`, [event]));
    expect((await verifyAuditChains(t.platform.ctx.db)).broken).toMatchObject({
      table: 'audit_events',
      id: Number(event),
      recordId: 'coop-a1',
      field: 'hash',
    });
    const again = await hezuo(['audit', 'verify']);
    expect([again.code, again.stdout.startsWith(`broken: audit_events id ${event} (record coop-a1)`)]).toEqual([1, true]);
    await asOwner((c) => c.query('update audit_events set changes = $2::jsonb where id = $1', [event, changes]));
    expect((await verifyAuditChains(t.platform.ctx.db)).broken).toBeNull();

    // A row taken out of the middle of the admin chain leaves a gap.
    await asOwner((c) => c.query('delete from admin_audit where id = 3'));
    expect((await verifyAuditChains(t.platform.ctx.db)).broken).toMatchObject({
      table: 'admin_audit',
      id: 4,
      field: 'id',
      expected: '3',
      found: '4',
    });
  });
});
