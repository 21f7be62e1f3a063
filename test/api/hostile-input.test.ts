// Hostile input on EVERY route: NUL characters, lone surrogates, JSON nested thousands deep, bytes that are not
// UTF-8, NUL in query values and path parameters. Each gets a catalogued 4xx refusal, never a 500, and nothing in
// the database changes. Routes are collected as the app adds them (onRoute), so a new route is swept too.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/app';
import { serveWeb } from '../../platform/http/web';
import { ERRORS } from '../../platform/errors';
import { inputFaultOf } from '../../platform/store/input-faults';
import { MAX_JSON_DEPTH, depthExceededAt } from '../../platform/http/json-body';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { multipart, pdf } from '../helpers/uploads';

let t: TestPlatform;
let app: FastifyInstance;
let admin: string;
const routes: { method: string; url: string }[] = [];

beforeAll(async () => {
  t = await startTestPlatform();
  app = await buildApp(t.platform.ctx, {
    failures: t.platform.failures,
    onRoute: (r) => {
      for (const m of [r.method].flat()) if (m !== 'HEAD' && !r.url.startsWith('/docs')) routes.push({ method: m, url: r.url });
    },
  });
  admin = await t.login('admin');
  const r = await t.call('POST', '/api/records', await t.login('tianhe-officer'), {
    id: 'target',
    plugin: 'registry-demo',
    form: 'weekly',
    period: '2024-W01',
    orgUnitId: '440106',
    data: { visits: 1 },
  });
  expect(r.status).toBe(201);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** Plausible values for every path parameter, so a request reaches as far into the route as it can. */
const PARAMS: Record<string, string> = { id: 'target', plugin: 'registry-demo', form: 'weekly', report: 'weekly-summary' };
const fill = (url: string) => url.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(PARAMS[name] ?? 'x'));

const record = { plugin: 'registry-demo', form: 'weekly', period: '2024-W09', orgUnitId: '440106', revision: 1, transition: 'submit' };
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Each case: the body (or query) and the code it must be refused with. */
const BODY_CASES: { name: string; payload: string | Buffer; code: keyof typeof ERRORS }[] = [
  {
    name: 'NUL in a string field',
    code: 'CHARACTER_INVALID',
    payload: JSON.stringify({ ...record, id: 'a\u0000b', username: 'admin\u0000', password: PASSWORD, data: { note: 'x\u0000' } }),
  },
  { name: 'NUL in a key', code: 'CHARACTER_INVALID', payload: JSON.stringify({ ...record, data: { ['v\u0000']: 1 } }) },
  {
    name: 'lone surrogate',
    code: 'CHARACTER_INVALID',
    payload: JSON.stringify({ ...record, username: '\ud800', data: { note: 'a\udc00b' } }),
  },
  {
    name: '3,000-deep data',
    code: 'JSON_TOO_DEEP',
    payload: `{"plugin":"registry-demo","form":"weekly","period":"2024-W09","orgUnitId":"440106","data":${nested(3000)}}`,
  },
  { name: '100,000-deep array', code: 'JSON_TOO_DEEP', payload: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
  {
    name: 'bytes that are not UTF-8',
    code: 'CHARACTER_INVALID',
    payload: Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('","password":"x"}')]),
  },
  { name: 'broken JSON', code: 'JSON_INVALID', payload: '{"username": "admin",' },
];

async function send(opts: InjectOptions) {
  const res = await app.inject(opts);
  let body: any = null;
  try {
    body = JSON.parse(res.body);
  } catch {
    /* checked below */
  }
  return { status: res.statusCode, body, raw: res.body };
}

function expectCatalogued(r: { status: number; body: any; raw: string }, where: string, code?: string) {
  expect(r.status, `${where}: ${r.raw.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(r.status, `${where}: ${r.raw.slice(0, 300)}`).toBeLessThan(500);
  expect(Object.keys(ERRORS), where).toContain(r.body?.error?.code);
  if (code) expect(r.body.error.code, where).toBe(code);
  expect(r.body.error.message['zh-CN'], where).toBeTruthy();
  expect(r.body.error.message.en, where).toBeTruthy();
  expect(Array.isArray(r.body.error.details), where).toBe(true);
}

const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      (['records', 'audit_events', 'users', 'attachments', 'import_jobs'] as const).map(async (table) => [
        table,
        Number(
          (
            await t.platform.ctx.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ]),
    ),
  );

describe(`hostile input on every route (${testBackend()})`, () => {
  it('collected the routes', () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes).toContainEqual({ method: 'POST', url: '/api/auth/login' });
    expect(routes).toContainEqual({ method: 'POST', url: '/api/attachments' });
    expect(routes).toContainEqual({ method: 'POST', url: '/api/imports' });
  });

  it('refuses every hostile body, query and path parameter with a catalogued 4xx and changes nothing', async () => {
    const before = await counts();
    const records = await t.platform.ctx.db.selectFrom('records').select(['id', 'revision']).orderBy('id').execute();
    let sent = 0;
    for (const { method, url } of routes) {
      const target = fill(url);
      const auth = { authorization: `Bearer ${admin}` };
      if (method !== 'GET') {
        for (const c of BODY_CASES) {
          for (const headers of [auth, {}]) {
            // with a session and without: the parser refuses before any login check
            const r = await send({
              method: method as 'POST',
              url: target,
              headers: { ...headers, 'content-type': 'application/json' },
              payload: c.payload,
            });
            expectCatalogued(r, `${method} ${url} ${c.name}`, c.code);
            sent++;
          }
        }
      }
      const q = await send({ method: method as 'GET', url: `${target}?q=%00&plugin=registry-demo`, headers: auth });
      expectCatalogued(q, `${method} ${url} NUL in a query value`, 'CHARACTER_INVALID');
      expect(q.body.error.details[0].pointer).toBe('/query/q');
      const s = await send({ method: method as 'GET', url: `${target}?q=${encodeURIComponent('a')}%ED%A0%80`, headers: auth });
      expect(s.status, `${method} ${url} bad UTF-8 in a query value: ${s.raw}`).toBeLessThan(500);
      sent += 2;
      if (url.includes(':')) {
        const p = await send({ method: method as 'GET', url: url.replace(/:(\w+)/g, '%00'), headers: auth });
        expectCatalogued(p, `${method} ${url} NUL in a path parameter`, 'CHARACTER_INVALID');
        expect(p.body.error.details[0].pointer).toMatch(/^\/params\//);
        sent++;
      }
    }
    expect(sent).toBeGreaterThan(200);
    expect(await counts()).toEqual(before);
    expect(await t.platform.ctx.db.selectFrom('records').select(['id', 'revision']).orderBy('id').execute()).toEqual(records);
  }, 120_000);

  it('refuses a NUL in the login user name, unauthenticated, and names the field', async () => {
    const r = await send({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin\u0000', password: PASSWORD } });
    expectCatalogued(r, 'login', 'CHARACTER_INVALID');
    expect(r.body.error.details[0].pointer).toBe('/username');
  });

  it('names the pointer of a deep NUL and keeps texts that are merely unusual', async () => {
    const officer = await t.login('tianhe-officer');
    const bad = await send({
      method: 'POST',
      url: '/api/records',
      headers: { authorization: `Bearer ${officer}` },
      payload: { ...record, data: { list: [{ 'a/b': 'x' }, { 'a/b': 'y\u0000' }] } },
    });
    expectCatalogued(bad, 'deep NUL', 'CHARACTER_INVALID');
    expect(bad.body.error.details[0].pointer).toBe('/data/list/1/a~1b');
    // A surrogate pair (an emoji), a BOM and U+FFFF are fine, as is nesting right at the limit.
    const ok = await send({
      method: 'POST',
      url: '/api/records',
      headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
      payload: `\ufeff{"plugin":"registry-demo","form":"weekly","period":"2024-W10","orgUnitId":"440106","data":{"visits":2,"issues":[{"😀\uffff":"😀"}]}}`,
    });
    expect(ok.status, ok.raw).toBe(201);
    const pair = await send({
      method: 'POST',
      url: '/api/records',
      headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
      payload:
        '{"plugin":"registry-demo","form":"weekly","period":"2024-W11","orgUnitId":"440106","data":{"visits":2,"issues":[{"\\ud83d\\ude00":"\\ud83d\\ude00"}]}}',
    });
    expect(pair.status, pair.raw).toBe(201); // a surrogate pair written as escapes is one character, not two lone halves
    expect(depthExceededAt(`[${nested(MAX_JSON_DEPTH - 1)}]`)).toBe(-1);
    expect(depthExceededAt(`[${nested(MAX_JSON_DEPTH)}]`)).toBeGreaterThan(0);
    expect(depthExceededAt(`["${'['.repeat(1000)}"]`)).toBe(-1); // brackets inside a string do not nest
    expect(depthExceededAt(`["\\"${'['.repeat(1000)}"]`)).toBe(-1);
  });

  it('refuses prototype keys as fastify did', async () => {
    const r = await send({
      method: 'POST',
      url: '/api/records',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      payload: '{"plugin":"registry-demo","data":{"__proto__":{"polluted":1}}}',
    });
    expectCatalogued(r, '__proto__', 'BAD_REQUEST');
    const escaped = await send({
      method: 'POST',
      url: '/api/records',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      payload: '{"plugin":"registry-demo","data":{"\\u005f_proto__":{"polluted":1}}}',
    });
    expectCatalogued(escaped, 'escaped __proto__', 'BAD_REQUEST');
    expect(escaped.body.error.details[0].pointer).toBe('/data/__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses hostile multipart fields and file names without a 500 or a stored row', async () => {
    const before = await counts();
    const officer = await t.login('tianhe-officer');
    const cases: [string, Record<string, string>, string][] = [
      ['/api/attachments', { plugin: 'registry-demo', form: 'cooperative', field: '/documents\u0000' }, 'a.pdf'],
      ['/api/attachments', { plugin: 'registry-demo', form: 'cooperative', field: '/documents', orgUnitId: '440106\u0000' }, 'a.pdf'],
      ['/api/imports', { plugin: 'registry-demo', form: 'weekly\u0000', period: '2024-W01' }, 'a.csv'],
      ['/api/imports', { plugin: 'registry-demo', form: 'weekly', period: '2024-W01\u0000', orgUnitId: '440106' }, 'a\u0000.csv'],
      ['/api/imports/preview', { plugin: 'registry-demo', form: 'weekly\u0000', period: '2024-W01' }, 'a.csv'],
      ['/api/imports/preview', { plugin: 'registry-demo', form: 'weekly', period: '2024-W01', mapping: '{"\u0000": "/visits"}' }, 'a.csv'],
      [
        '/api/imports',
        { plugin: 'registry-demo', form: 'weekly', period: '2024-W01', orgUnitId: '440106', mapping: '{"0": "/__proto__"}' },
        'a.csv',
      ],
    ];
    for (const [url, fields, name] of cases) {
      const { payload, headers } = multipart(fields, {
        name,
        type: name.endsWith('.pdf') ? 'application/pdf' : 'text/csv',
        content: name.endsWith('.pdf') ? pdf() : Buffer.from('visits\n1\n'),
      });
      const r = await send({ method: 'POST', url, headers: { ...headers, authorization: `Bearer ${officer}` }, payload });
      expectCatalogued(r, `${url} ${JSON.stringify(fields)} ${JSON.stringify(name)}`);
    }
    expect(await counts()).toEqual(before);
  });

  it("maps the database's encoding and data errors to input faults, and nothing else", async () => {
    const fault = async (query: ReturnType<typeof sql>) =>
      inputFaultOf(
        await query.execute(t.platform.ctx.db).then(
          () => null,
          (e) => e,
        ),
      );
    expect(await fault(sql`select ${'"\\u0000"'}::jsonb`)).toEqual({ fault: 'character', sqlState: '22P05' });
    expect(await fault(sql`select ${'x'}::int`)).toEqual({ fault: 'value', sqlState: '22P02' });
    expect(await fault(sql`select ${'99999999999'}::int`)).toEqual({ fault: 'value', sqlState: '22003' });
    expect(await fault(sql`select * from no_such_table`)).toBeNull();
    expect(inputFaultOf(new Error('x'))).toBeNull();
  });

  it('answers unknown /api and /docs paths with the JSON 404 for any method, also when the web app is served', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'hezuo-dist-'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
    const withWeb = await buildApp(t.platform.ctx, { failures: t.platform.failures, webRoot: (a) => serveWeb(a, dist) });
    try {
      for (const server of [app, withWeb]) {
        for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const) {
          for (const url of ['/api/nope', '/api/records/target/nope', '/api', '/api/', '/docs/nope/deeper']) {
            const res = await server.inject({ method, url: `${url}?secret=1`, headers: { authorization: `Bearer ${admin}` } });
            const r = { status: res.statusCode, body: JSON.parse(res.body), raw: res.body };
            expectCatalogued(r, `${method} ${url}`, 'ROUTE_NOT_FOUND');
            expect(r.status).toBe(404);
            expect(r.raw).not.toContain('secret');
          }
        }
      }
      // The app's own paths still get its page.
      const page = await withWeb.inject({ method: 'GET', url: '/records/x' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>app</title>');
    } finally {
      await withWeb.close();
      await rm(dist, { recursive: true, force: true });
    }
  });
});
