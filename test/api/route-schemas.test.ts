// Nothing leaves the server undeclared: every route declares its input and its answers (with the error envelope),
// an operationId and its security; every route, called with real data, answers only properties its schema
// declares and matches it; the login and /api/me answers never carry the password hash.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, PASSWORD, TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { FOLLOW_UP_PLUGINS } from '../helpers/paths';
import { testBackend } from '../helpers/database';
import { multipart, pdf, upload, withUploads } from '../helpers/uploads';
import { multipartBody } from '../imports/helpers';
import { undeclared } from '../helpers/declared-shape';
import { demoTexts, packOf } from '../packs/pack-helpers';

// GET routes that take no query string at all (anything else must declare its querystring).
const NO_QUERY = new Set([
  'health',
  'listErrors',
  'me',
  'getRecord',
  'recordHistory',
  'recordFollowUps',
  'listPlugins',
  'listFillableForms',
  'listOrgUnits',
  'listUsers',
  'listCalendars',
  'runFixtures',
  'getParameters',
  'getJob',
  'getImport',
  'getImportErrors',
  'listReports',
  'downloadAttachment',
  'myTodos',
  'mySavedViews',
  'listFormColumns',
  'listStudioDrafts',
  'getStudioDraft',
  'exportStudioDraft',
]);
// POST routes whose request has no body.
const NO_BODY = new Set(['logout', 'disableUser', 'enableUser', 'unlockUser']);
const PUBLIC = new Set(['health', 'listErrors', 'login', 'logout']);
const METHODS = ['get', 'post', 'put', 'delete', 'patch'];
const GZ = 'guangzhou-demonstration';

let t: TestPlatform;
let spec: any;
const tok: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS, BUNDLED_PLUGINS, FOLLOW_UP_PLUGINS] });
  for (const u of ['admin', 'tianhe-officer', 'tianhe-reviewer', 'panyu-officer', 'city-reviewer']) tok[u] = await t.login(u);
  spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

function operations(): { method: string; path: string; op: any }[] {
  return Object.entries(spec.paths as Record<string, any>)
    .filter(([p]) => p.startsWith('/api/'))
    .flatMap(([p, ops]) =>
      Object.entries(ops as Record<string, any>)
        .filter(([m]) => METHODS.includes(m))
        .map(([m, op]) => ({ method: m, path: p, op })),
    );
}

describe(`route schemas (${testBackend()})`, () => {
  it('every route declares operationId, tags, summary, security, its inputs and its answers with the error envelope', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(33);
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const { method, path: p, op } of ops) {
      const where = `${method.toUpperCase()} ${p}`;
      if (!op.operationId) problems.push(`${where}: no operationId`);
      else if (ids.has(op.operationId)) problems.push(`${where}: operationId ${op.operationId} twice`);
      ids.add(op.operationId);
      if (!op.tags?.length || !op.summary) problems.push(`${where}: no tags or summary`);
      if (!Array.isArray(op.security)) problems.push(`${where}: no security`);
      else if (PUBLIC.has(op.operationId) !== (op.security.length === 0))
        problems.push(`${where}: security ${JSON.stringify(op.security)}`);
      const params = (op.parameters ?? []) as { in: string; name: string }[];
      const inPath = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declaredPath = params
        .filter((x) => x.in === 'path')
        .map((x) => x.name)
        .sort();
      if (JSON.stringify(inPath) !== JSON.stringify(declaredPath)) problems.push(`${where}: path parameters ${declaredPath} for ${inPath}`);
      if ((method === 'post' || method === 'put') && !op.requestBody?.content && !NO_BODY.has(op.operationId))
        problems.push(`${where}: no request body`);
      if (method === 'get' && !params.some((x) => x.in === 'query') && !NO_QUERY.has(op.operationId))
        problems.push(`${where}: no querystring`);
      const statuses = Object.keys(op.responses ?? {});
      const ok = statuses.filter((s) => s.startsWith('2'));
      if (ok.length === 0) problems.push(`${where}: no 2xx response`);
      for (const s of statuses) {
        const r = op.responses[s];
        if (!r.content || Object.keys(r.content).length === 0) problems.push(`${where} ${s}: no content`);
        if (r.description === 'Default Response') problems.push(`${where} ${s}: not described`);
        if (s.startsWith('4') && !r.content?.['application/json']?.schema?.properties?.error)
          problems.push(`${where} ${s}: not the error envelope`);
      }
      if (!PUBLIC.has(op.operationId) && !statuses.includes('401')) problems.push(`${where}: no 401`);
      if ((params.length || op.requestBody) && !statuses.includes('400')) problems.push(`${where}: takes input but declares no 400`);
    }
    expect(problems).toEqual([]);
    expect(Object.keys(spec.components.securitySchemes).sort()).toEqual(['bearerAuth', 'cookieAuth']);
  });

  it('the reports list declares only the plugin path parameter; multipart routes document their parts', () => {
    const list = spec.paths['/api/plugins/{plugin}/reports'].get;
    expect(list.parameters.map((x: any) => x.name)).toEqual(['plugin']);
    for (const p of ['/api/imports', '/api/imports/preview', '/api/attachments']) {
      const body = spec.paths[p].post.requestBody.content['multipart/form-data'].schema;
      expect(body.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    }
    const run = spec.paths['/api/plugins/{plugin}/reports/{report}'].get.responses['200'].content;
    expect(Object.keys(run).sort()).toEqual([
      'application/json',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ]);
  });

  it('every route, called with real data, answers only what its schema declares', async () => {
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    const called = new Set<string>();
    const failures: string[] = [];
    const byPath = new Map(operations().map((o) => [`${o.method} ${o.path}`, o.op]));

    async function call(
      method: string,
      url: string,
      who: string | null,
      body?: unknown,
      raw?: { payload: Buffer; headers: Record<string, string> },
    ) {
      const route = url
        .split('?')[0]
        .replace(/\/api\/records\/(?!bulk-transitions|export)[^/]+/, '/api/records/{id}')
        .replace(/\/api\/me\/saved-views\/[^/]+$/, '/api/me/saved-views/{id}')
        .replace(/\/api\/studio\/drafts\/(?!import\/)[^/]+/, '/api/studio/drafts/{id}')
        .replace(/\/drafts\/\{id\}\/reports\/[^/]+\/run$/, '/drafts/{id}/reports/{report}/run')
        .replace(/\/api\/calendars\/[^/]+\/[^/]+\/years$/, '/api/calendars/{plugin}/{calendar}/years')
        .replace(/\/follow-ups\/[^/]+\/(rectify|confirm|reopen)$/, '/follow-ups/{followUpId}/$1')
        .replace(/\/api\/(imports(?!\/preview$)|attachments|jobs)\/[^/]+/, '/api/$1/{id}')
        .replace(/\/api\/users\/[^/]+\/(roles|disable|enable|password|unlock)/, '/api/users/{id}/$1')
        .replace(/\/api\/users\/\{id\}\/roles\/[^/]+\/[^/]+$/, '/api/users/{id}/roles/{orgUnitId}/{role}')
        .replace(/\/api\/plugins\/[^/]+/, '/api/plugins/{plugin}')
        .replace(/\/forms\/[^/]+\/(ranking|import-template|columns|ref-options)/, '/forms/{form}/$1')
        .replace(/\/forms\/[^/{]+$/, '/forms/{form}')
        .replace(/\/reports\/[^/]+/, '/reports/{report}');
      const op = byPath.get(`${method.toLowerCase()} ${route}`);
      if (!op) throw new Error(`no operation for ${method} ${url} (${route})`);
      const headers: Record<string, string> = { ...(who ? { authorization: `Bearer ${tok[who]}` } : {}), ...(raw?.headers ?? {}) };
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        headers,
        ...(raw ? { payload: raw.payload } : body === undefined ? {} : { payload: body as object }),
      });
      const where = `${op.operationId} ${method} ${url} → ${res.statusCode}`;
      called.add(op.operationId);
      const declared = op.responses[String(res.statusCode)];
      if (!declared) {
        failures.push(`${where}: status not declared (${res.body.slice(0, 300)})`);
        return res;
      }
      const type = String(res.headers['content-type'] ?? '').split(';')[0];
      if (!res.statusCode.toString().startsWith('2')) failures.push(`${where}: expected a 2xx answer (${res.body.slice(0, 300)})`);
      if (type !== 'application/json') {
        if (!declared.content[type] && !declared.content['application/octet-stream']) failures.push(`${where}: ${type} not declared`);
        return res;
      }
      const schema = declared.content['application/json'].schema;
      const json = res.json();
      const extra = undeclared(json, schema);
      if (extra.length) failures.push(`${where}: undeclared ${extra.slice(0, 10).join(', ')}`);
      if (!ajv.validate(schema, json)) failures.push(`${where}: ${ajv.errorsText(ajv.errors)}`);
      return res;
    }

    // Public and session routes.
    await call('GET', '/api/health', null);
    await call('GET', '/api/errors', null);
    await call('POST', '/api/auth/login', null, { username: 'city-reviewer', password: PASSWORD });
    await call('GET', '/api/me', 'admin');

    // Organisation.
    await call('GET', '/api/org-units', 'admin');
    await call('POST', '/api/org-units', 'admin', {
      id: 'schema-town',
      parentId: '440106',
      code: 'ST',
      name: { 'zh-CN': '测试街道', en: 'Test street' },
      level: 'township',
    });
    const user = await call('POST', '/api/users', 'admin', {
      username: 'schema-user',
      displayName: '测试用户',
      password: 'long-enough-1',
      roles: [{ role: 'officer', orgUnitId: '440106' }],
    });
    await call('POST', `/api/users/${user.json().id}/roles`, 'admin', { role: 'reviewer', orgUnitId: 'schema-town' });
    await call('GET', '/api/users', 'admin');
    const uid = user.json().id;
    await call('DELETE', `/api/users/${uid}/roles/schema-town/reviewer`, 'admin');
    await call('POST', `/api/users/${uid}/disable`, 'admin');
    await call('POST', `/api/users/${uid}/enable`, 'admin');
    await call('POST', `/api/users/${uid}/unlock`, 'admin');
    await call('POST', `/api/users/${uid}/password`, 'admin', { password: 'Reset-by-admin-7' });
    tok['schema-user'] = await t.login('schema-user', 'Reset-by-admin-7');
    await call('POST', '/api/me/password', 'schema-user', { currentPassword: 'Reset-by-admin-7', password: 'Chosen-by-user-8' });
    await call('GET', '/api/audit?action=user.&limit=20', 'admin');

    // Plugins and parameters.
    await call('GET', '/api/plugins', 'admin');
    await call('GET', '/api/forms', 'tianhe-officer');
    await call('GET', '/api/plugins/registry-demo?version=1.0.0', 'admin');
    await call('GET', '/api/plugins/registry-demo/forms/household?version=1.0.0', 'tianhe-officer');
    await call('GET', '/api/plugins/registry-demo/fixtures', 'admin');
    // A pack's dry run, as an upgrade that removes a field, so the diff's every part is in the answer.
    const demo = await demoTexts();
    const upgrade = {
      ...demo,
      'plugin.json': demo['plugin.json'].replace('"version": "1.0.0"', '"version": "1.1.0"'),
      'forms/household.schema.json': demo['forms/household.schema.json']
        .replace('"required": ["head", "size", "cooperative"]', '"required": ["size", "cooperative"]')
        .replace(/\s*"head": \{[^}]*\},/, ''),
    };
    const dryRun = await call('POST', '/api/packs/dry-run', 'admin', undefined, {
      payload: packOf(upgrade),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(dryRun.json().diff.forms.changed[0].fields.length).toBeGreaterThan(0);
    // A pack installed, upgraded with its open records moved, rolled back, uninstalled, enabled; the history.
    const renamed = (version: string) =>
      packOf({
        ...demo,
        'plugin.json': demo['plugin.json']
          .replace('"id": "registry-demo"', '"id": "schema-pack"')
          .replace('"version": "1.0.0"', `"version": "${version}"`)
          // A policy that has lost effect, so the admin can extend it below.
          .replace('"platform": "^0.1.0",', '"platform": "^0.1.0",\n  "effective": { "until": "2024-04-30" },'),
      });
    for (const [version, query] of [
      ['1.0.0', ''],
      ['1.1.0', '?moveOpenRecords=true'],
    ]) {
      const installed = await call('POST', `/api/packs${query}`, 'admin', undefined, {
        payload: renamed(version),
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(installed.statusCode, installed.body).toBe(200);
    }
    for (const step of ['rollback', 'uninstall', 'enable']) await call('POST', `/api/packs/${step}`, 'admin', { plugin: 'schema-pack' });
    await call('POST', '/api/plugins/schema-pack/extension', 'admin', { until: '2024-12-31', reason: '新政策出台前继续执行' });
    await call('GET', '/api/packs/history?plugin=schema-pack&limit=10', 'admin');
    const params = await call('GET', '/api/plugins/registry-demo/parameters', 'admin');
    const changed = await call('PUT', '/api/plugins/registry-demo/parameters', 'admin', {
      revision: params.json().revision,
      values: params.json().values,
    });
    await call('GET', `/api/jobs/${changed.json().jobId}`, 'admin');

    // Attachments and records.
    const file = await upload(
      t,
      tok['tianhe-officer'],
      { plugin: 'registry-demo', form: 'cooperative', field: '/documents' },
      { name: '章程.pdf', type: 'application/pdf', content: pdf() },
    );
    expect(file.status).toBe(201);
    const { payload, headers } = multipart(
      { plugin: 'registry-demo', form: 'cooperative', field: '/documents' },
      { name: 'b.pdf', type: 'application/pdf', content: pdf() },
    );
    await call('POST', '/api/attachments', 'tianhe-officer', undefined, { payload, headers });
    const data = { name: '天河示范社', creditCode: '91350100M000100Y43', members: 25, phone: '13800138000', documents: [file.body.id] };
    const created = await call('POST', '/api/records', 'tianhe-officer', {
      id: 'schema-1',
      plugin: 'registry-demo',
      form: 'cooperative',
      period: '2024',
      orgUnitId: '440106',
      data,
    });
    await call('POST', '/api/records', 'tianhe-officer', {
      id: 'schema-1',
      plugin: 'registry-demo',
      form: 'cooperative',
      period: '2024',
      orgUnitId: '440106',
      data,
    });
    // Live facts: a household naming the cooperative just made reads it while being typed.
    await call('POST', '/api/live-facts', 'tianhe-officer', {
      plugin: 'registry-demo',
      form: 'household',
      orgUnitId: '440106',
      period: '',
      data: { head: '张三', cooperative: 'schema-1' },
    });
    // The record picker of the same field: the cooperative just made, found by its title.
    await call(
      'GET',
      `/api/plugins/registry-demo/forms/household/ref-options?field=/cooperative&q=${encodeURIComponent('天河')}`,
      'tianhe-officer',
    );
    await call('GET', `/api/attachments?ids=${file.body.id}`, 'admin');
    await call('GET', `/api/attachments/${file.body.id}`, 'admin');
    const edited = await call('PUT', '/api/records/schema-1', 'tianhe-officer', {
      revision: created.json().revision,
      data: { ...data, members: 26 },
    });
    const submitted = await call('POST', '/api/records/schema-1/transitions', 'tianhe-officer', {
      revision: edited.json().revision,
      transition: 'submit',
    });
    await call('POST', '/api/records/bulk-transitions', 'tianhe-reviewer', {
      transition: 'approve',
      items: [
        { id: 'schema-1', revision: submitted.json().revision },
        { id: 'nope', revision: 1 },
      ],
    });
    await call('GET', '/api/records/schema-1', 'admin');
    await call('GET', '/api/records/schema-1/history', 'admin');
    await call('GET', '/api/records/schema-1/links?on=2024-06-30', 'admin');
    await call('GET', '/api/records/schema-1/explain?rule=min-members', 'admin');
    await call('GET', '/api/records?plugin=registry-demo&limit=10&offset=0&sort=updated', 'admin');

    // Follow-ups of an accepted record of the neutral follow-up plugin (test/follow-ups/plugins).
    const fu = await call('POST', '/api/records', 'tianhe-officer', {
      id: 'schema-fu',
      plugin: 'follow-up-demo',
      form: 'inspection',
      period: '2024',
      orgUnitId: '440106',
      data: { code: 'S1', ledger: false, minutes: true, sign: true },
    });
    const fuSubmitted = await call('POST', '/api/records/schema-fu/transitions', 'tianhe-officer', {
      revision: fu.json().revision,
      transition: 'submit',
    });
    await call('POST', '/api/records/schema-fu/transitions', 'city-reviewer', {
      revision: fuSubmitted.json().revision,
      transition: 'accept',
    });
    const fuItem = (await call('GET', '/api/records/schema-fu/follow-ups', 'tianhe-officer')).json().items[0];
    const rectified = await call('POST', `/api/records/schema-fu/follow-ups/${fuItem.id}/rectify`, 'tianhe-officer', {
      revision: fuItem.revision,
      rectifiedOn: '2024-05-06',
      note: '已整改',
      evidence: [],
    });
    const confirmed = await call('POST', `/api/records/schema-fu/follow-ups/${fuItem.id}/confirm`, 'city-reviewer', {
      revision: rectified.json().item.revision,
    });
    await call('POST', `/api/records/schema-fu/follow-ups/${fuItem.id}/reopen`, 'city-reviewer', {
      revision: confirmed.json().item.revision,
      comment: '复查未通过',
    });
    await call('GET', '/api/records/schema-fu/follow-ups', 'city-reviewer');

    // The caller's own work, after the steps above.
    await call('GET', '/api/me/todos', 'city-reviewer');
    await call('GET', '/api/me/records?limit=5', 'tianhe-officer');
    await call('GET', '/api/me/messages?unread=true', 'tianhe-officer');
    await call('POST', '/api/me/messages/read', 'tianhe-officer', { all: true });

    // Data tables: the column picker's fields, a saved view kept and deleted, and 导出全部 in both formats.
    await call('GET', '/api/plugins/registry-demo/forms/cooperative/columns', 'tianhe-reviewer');
    const view = await call('POST', '/api/me/saved-views', 'tianhe-reviewer', {
      name: '按成员数',
      filter: { plugin: 'registry-demo', form: 'cooperative', columns: ['/members'], sort: '/members', order: 'desc' },
    });
    await call('GET', '/api/me/saved-views', 'tianhe-reviewer');
    await call('DELETE', `/api/me/saved-views/${view.json().id}`, 'tianhe-reviewer');
    await call('GET', '/api/records/export?plugin=registry-demo&form=cooperative&format=csv', 'tianhe-reviewer');
    await call('GET', '/api/records/export?plugin=registry-demo&form=cooperative&sort=/members', 'tianhe-reviewer');

    // A Guangzhou application, so that rankings and reports have rows.
    const fixtures = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, GZ, 'fixtures/application.json'), 'utf8'));
    const app = await call('POST', '/api/records', 'panyu-officer', {
      id: 'schema-gz',
      plugin: GZ,
      form: 'application',
      period: '2024',
      orgUnitId: '440113',
      data: await withUploads(t, tok['panyu-officer'], GZ, 'application', fixtures.base),
    });
    expect(app.statusCode).toBe(201);
    await call('GET', `/api/plugins/${GZ}/forms/application/ranking?period=2024`, 'admin');
    await call('GET', `/api/plugins/${GZ}/marks?kind=bar`, 'admin');
    const reports = await call('GET', `/api/plugins/${GZ}/reports`, 'admin');
    expect(reports.json().reports.length).toBeGreaterThan(0);
    const run = await call('GET', `/api/plugins/${GZ}/reports/applications-by-district?period=2024&lang=en`, 'admin');
    expect(run.json().rows.length).toBeGreaterThan(0);
    expect(
      (await call('GET', `/api/plugins/${GZ}/reports/applications-by-district?period=2024&format=xlsx`, 'admin')).headers['content-type'],
    ).toMatch(/spreadsheetml/);
    expect(
      (await call('GET', `/api/plugins/${GZ}/reports/applications-by-district?period=2024&format=csv`, 'admin')).headers['content-type'],
    ).toMatch(/text\/csv/);

    // An import with a refused row (previewed first), its job and its error file.
    const csv = Buffer.from('名称,统一社会信用代码,成员数\n甲合作社,91350100M000100Y43,25\n乙合作社,bad,many\n');
    await call(
      'POST',
      '/api/imports/preview',
      'tianhe-officer',
      undefined,
      multipartBody(
        { plugin: 'registry-demo', form: 'cooperative', period: '2025', orgUnitId: '440106', mode: 'valid' },
        { name: 'coops.csv', bytes: csv },
      ),
    );
    const started = await call(
      'POST',
      '/api/imports',
      'tianhe-officer',
      undefined,
      multipartBody(
        { plugin: 'registry-demo', form: 'cooperative', period: '2025', orgUnitId: '440106', mode: 'valid' },
        { name: 'coops.csv', bytes: csv },
      ),
    );
    await t.app.importJobs.idle();
    await call('GET', `/api/imports/${started.json().id}`, 'tianhe-officer');
    await call('GET', `/api/imports/${started.json().id}/errors`, 'tianhe-officer');
    expect(
      (await call('GET', `/api/plugins/${GZ}/forms/application/import-template?format=xlsx`, 'tianhe-officer')).headers['content-type'],
    ).toMatch(/spreadsheetml/);

    // The plugin studio: a blank draft saved, checked, exported and published; another deleted.
    const blank = await call('POST', '/api/studio/drafts', 'admin', {
      from: 'blank',
      plugin: 'schema-studio',
      title: { 'zh-CN': '工作室' },
    });
    const draftUrl = `/api/studio/drafts/${blank.json().id}`;
    await call('GET', '/api/studio/drafts', 'admin');
    await call('GET', draftUrl, 'admin');
    await call('PUT', draftUrl, 'admin', { revision: 1, files: blank.json().files });
    await call('POST', `${draftUrl}/check`, 'admin', {});
    await call('POST', `${draftUrl}/publish-preview`, 'admin', {});
    await call('GET', `${draftUrl}/export`, 'admin');
    await call('POST', `${draftUrl}/publish`, 'admin', { revision: 2 });
    const edit = await call('POST', '/api/studio/drafts', 'admin', { from: 'edit', source: 'schema-studio' });
    await call('DELETE', `/api/studio/drafts/${edit.json().id}?revision=1`, 'admin');
    // A draft's report run over the live records.
    const withReport = await call('POST', '/api/studio/drafts', 'admin', { from: 'edit', source: 'follow-up-demo' });
    await call('POST', `/api/studio/drafts/${withReport.json().id}/reports/follow-ups-by-unit/run`, 'admin', { query: { period: '2024' } });
    // Imported into the studio: a pack (a plugin not installed → a new-plugin draft) and a folder's files.
    await call('POST', '/api/studio/drafts/import/pack', 'admin', undefined, {
      payload: packOf({ ...demo, 'plugin.json': demo['plugin.json'].replace('"id": "registry-demo"', '"id": "schema-import"') }),
      headers: { 'content-type': 'application/octet-stream' },
    });
    await call('POST', '/api/studio/drafts/import/folder', 'admin', { files: blank.json().files });

    // Working-day calendars: the list, and a year added to the follow-up plugin's calendar.
    const calendars = (await call('GET', '/api/calendars', 'admin')).json().calendars;
    const version = calendars.find((c: { plugin: string }) => c.plugin === 'follow-up-demo').version;
    await call('POST', '/api/calendars/follow-up-demo/test-days/years', 'admin', {
      version,
      year: 2025,
      holidays: ['2025-01-01'],
      workdays: [],
    });

    await call('POST', '/api/auth/logout', 'city-reviewer');

    expect(failures).toEqual([]);
    const all = operations()
      .map((o) => o.op.operationId)
      .sort();
    expect([...called].sort()).toEqual(all);
  }, 120_000);

  it('login and /api/me never carry the password hash', async () => {
    const hash = (
      await t.platform.ctx.db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow()
    ).password_hash;
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: PASSWORD } });
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${login.json().token}` } });
    const users = await t.app.inject({ method: 'GET', url: '/api/users', headers: { authorization: `Bearer ${login.json().token}` } });
    for (const res of [login, me, users]) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/passwordHash|password_hash|scrypt\$/);
      expect(res.body).not.toContain(hash);
    }
    expect(Object.keys(login.json().user).sort()).toEqual(['displayName', 'id', 'locale', 'username']);
    expect(Object.keys(me.json().user).sort()).toEqual(['displayName', 'id', 'locale', 'username']);
  });
});
