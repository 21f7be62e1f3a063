// The browser-facing defences: CSRF on every state-changing request that relies on the session cookie (uploads,
// imports, logout, and login itself), the cookie's Secure flag behind a trusted TLS proxy, and the security headers.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/app';
import { serveWeb } from '../../platform/http/web';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { multipart, pdf } from '../helpers/uploads';

let t: TestPlatform;
let proxied: FastifyInstance;
const OWN = 'http://localhost'; // fastify's inject sends Host: localhost:80
const EVIL = 'https://evil.example';

beforeAll(async () => {
  t = await startTestPlatform();
  proxied = await buildApp(t.platform.ctx, { failures: t.platform.failures, trustProxy: true, webRoot: serveWeb });
}, 120_000);
afterAll(async () => {
  await proxied?.close();
  await t?.close();
});

async function cookieLogin(username: string, app: FastifyInstance = t.app, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username, password: PASSWORD } });
  expect(res.statusCode, res.body).toBe(200);
  const set = String(res.headers['set-cookie']);
  return { cookie: set.split(';')[0], set, token: JSON.parse(res.body).token as string };
}

const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      (['records', 'attachments', 'import_jobs', 'sessions'] as const).map(async (table) => [
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

const attachment = () =>
  multipart(
    { plugin: 'registry-demo', form: 'cooperative', field: '/documents' },
    { name: 'a.pdf', type: 'application/pdf', content: pdf() },
  );
const importFile = () =>
  multipart(
    { plugin: 'registry-demo', form: 'weekly', period: '2024-W20', orgUnitId: '440106' },
    { name: 'w.csv', type: 'text/csv', content: Buffer.from('走访户数\n3\n') },
  );

function post(url: string, body: { payload: Buffer; headers: Record<string, string> } | object, headers: Record<string, string>) {
  const isMultipart = 'payload' in body && Buffer.isBuffer((body as { payload: unknown }).payload);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...(isMultipart ? (body as { headers: Record<string, string> }).headers : {}), ...headers },
    payload: isMultipart ? (body as { payload: Buffer }).payload : (body as object),
  });
}

const refused = (res: { statusCode: number; body: string }, where: string) => {
  expect(res.statusCode, `${where}: ${res.body}`).toBe(403);
  expect(JSON.parse(res.body).error.code, where).toBe('CSRF_REFUSED');
};

describe(`CSRF (${testBackend()})`, () => {
  it('refuses cross-site uploads, imports and record writes that carry the session cookie, and changes nothing', async () => {
    const { cookie } = await cookieLogin('tianhe-officer');
    const before = await counts();
    const record = { plugin: 'registry-demo', form: 'weekly', period: '2024-W21', orgUnitId: '440106', data: { visits: 1 } };
    const attempts: [string, Record<string, string>][] = [
      ['Origin of another site', { origin: EVIL }],
      ['Origin null', { origin: 'null' }],
      ['Referer of another site', { referer: `${EVIL}/page` }],
      ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
      ['Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site', origin: OWN }],
      ['no origin at all', {}],
      ['same host over another protocol', { origin: 'https://localhost' }],
    ];
    for (const [why, headers] of attempts) {
      refused(await post('/api/attachments', attachment(), { cookie, ...headers }), `upload, ${why}`);
      refused(await post('/api/imports', importFile(), { cookie, ...headers }), `import, ${why}`);
      refused(await post('/api/records', record, { cookie, ...headers }), `create, ${why}`);
      refused(
        await t.app.inject({ method: 'PUT', url: '/api/records/x', headers: { cookie, ...headers }, payload: { revision: 1, data: {} } }),
        `edit, ${why}`,
      );
    }
    expect(await counts()).toEqual(before);
  });

  it('lets same-origin requests with the cookie through: Origin, Referer or Sec-Fetch-Site', async () => {
    const { cookie } = await cookieLogin('tianhe-officer');
    const up = await post('/api/attachments', attachment(), { cookie, origin: OWN, 'sec-fetch-site': 'same-origin' });
    expect(up.statusCode, up.body).toBe(201);
    const imp = await post('/api/imports', importFile(), { cookie, referer: `${OWN}/#/import` });
    expect(imp.statusCode, imp.body).toBe(202);
    const rec = await post(
      '/api/records',
      { plugin: 'registry-demo', form: 'weekly', period: '2024-W22', orgUnitId: '440106', data: { visits: 1 } },
      { cookie, 'sec-fetch-site': 'same-origin' },
    );
    expect(rec.statusCode, rec.body).toBe(201);
    // Reading is never refused: a cross-site GET cannot read the answer.
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie, origin: EVIL } })).statusCode).toBe(200);
  });

  it('lets bearer-token clients through without any Origin, even alongside a cookie', async () => {
    const { cookie, token } = await cookieLogin('tianhe-officer');
    const up = await post('/api/attachments', attachment(), { authorization: `Bearer ${token}` });
    expect(up.statusCode, up.body).toBe(201);
    const both = await post('/api/attachments', attachment(), { authorization: `Bearer ${token}`, cookie, origin: EVIL });
    expect(both.statusCode, both.body).toBe(201);
  });

  it('refuses a cross-site logout, which leaves the session working; a same-origin one ends it', async () => {
    const { cookie } = await cookieLogin('tianhe-officer');
    refused(await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: EVIL } }), 'logout');
    refused(await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } }), 'logout without origin');
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: OWN } });
    expect(out.statusCode, out.body).toBe(200);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('refuses a login from another site but not from a script, the command line or the own page', async () => {
    const before = await counts();
    for (const headers of [{ origin: EVIL }, { referer: `${EVIL}/x` }, { 'sec-fetch-site': 'cross-site' }]) {
      refused(
        await t.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username: 'admin', password: PASSWORD } }),
        `login ${JSON.stringify(headers)}`,
      );
    }
    expect((await counts()).sessions).toBe(before.sessions);
    await cookieLogin('admin');
    await cookieLogin('admin', t.app, { origin: OWN, 'sec-fetch-site': 'same-origin' });
  });

  it("marks the cookie Secure over https as told by a trusted proxy, and takes the proxy's origin as its own", async () => {
    const plain = await cookieLogin('admin');
    expect(plain.set).toContain('HttpOnly');
    expect(plain.set).toContain('SameSite=Strict');
    expect(plain.set).toMatch(/; Max-Age=[1-9]\d*(;|$)/);
    expect(plain.set).not.toContain('Secure');
    // Untrusted, the header is ignored.
    expect((await cookieLogin('admin', t.app, { 'x-forwarded-proto': 'https' })).set).not.toContain('Secure');
    const proxyHeaders = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hezuo.example.org' };
    const secure = await cookieLogin('admin', proxied, { ...proxyHeaders, origin: 'https://hezuo.example.org' });
    expect(secure.set).toMatch(/; Secure/);
    const out = await proxied.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...proxyHeaders, cookie: secure.cookie, origin: 'https://hezuo.example.org' },
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/; Secure/);
    const plainOrigin = await proxied.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...proxyHeaders, cookie: secure.cookie, origin: 'http://hezuo.example.org' },
    });
    refused(plainOrigin, 'http origin behind an https proxy');
  });
});

describe(`security headers (${testBackend()})`, () => {
  it('sends CSP without inline scripts, frame-ancestors none, nosniff and a referrer policy on pages, API answers, refusals and /docs', async () => {
    for (const url of ['/', '/api/health', '/api/nope', '/api/me', '/docs', '/docs/static/index.html', '/docs/json']) {
      const res = await proxied.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeLessThan(500);
      const csp = String(res.headers['content-security-policy']);
      const directives = Object.fromEntries(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([k, ...v]) => [k, v]),
      );
      // The app's page allows eval for ajv's compiled form schemas; nothing allows inline scripts.
      expect(directives['script-src'], `${url}: ${csp}`).toEqual(url === '/' ? ["'self'", "'unsafe-eval'"] : ["'self'"]);
      expect(directives['default-src'], url).toEqual(["'self'"]);
      expect(directives['frame-ancestors'], url).toEqual(["'none'"]);
      expect(directives['object-src'], url).toEqual(["'none'"]);
      expect(csp, url).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
    }
  });
});
