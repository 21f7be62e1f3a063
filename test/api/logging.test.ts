// The server's logs: one JSON line per request with its id, method, path, the query's parameter NAMES (never their
// values), status and time; the stack of a 500; never a body, a token, a cookie or a password.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/app';
import { loggableUrl, loggerOptions } from '../../platform/http/logging';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';

let t: TestPlatform;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  t = await startTestPlatform();
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildApp(t.platform.ctx, { failures: t.platform.failures, logger: { ...(loggerOptions('info') as object), stream } });
  app.get('/api/test-fault', async () => {
    throw new Error('deliberate fault');
  });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe(`logging (${testBackend()})`, () => {
  it('logs each request once, without query values, bodies or credentials, and a 500 with its stack', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: PASSWORD } });
    expect(login.statusCode).toBe(200);
    const token = JSON.parse(login.body).token as string;
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    await app.inject({
      method: 'GET',
      url: '/api/records?q=%E5%BC%A0%E4%B8%89110101199003071234&limit=5',
      headers: { authorization: `Bearer ${token}`, cookie },
    });
    const fault = await app.inject({ method: 'GET', url: '/api/test-fault', headers: { authorization: `Bearer ${token}` } });
    expect(fault.statusCode).toBe(500);
    await app.inject({ method: 'POST', url: '/api/records', headers: { authorization: `Bearer ${token}` }, payload: '{"data":"\\u0000"}' });

    const all = lines.join('\n');
    const parsed = lines.map((l) => JSON.parse(l));
    const requests = parsed.filter((l) => l.msg === 'request');
    expect(parsed.filter((l) => /incoming request|request completed/.test(l.msg))).toEqual([]); // fastify's two lines are replaced by one
    expect(requests.map((r) => [r.method, r.url, r.status])).toEqual([
      ['POST', '/api/auth/login', 200],
      ['GET', '/api/records?q&limit', 200],
      ['GET', '/api/test-fault', 500],
      ['POST', '/api/records', 400],
    ]);
    for (const r of requests) {
      expect(r.reqId).toBeTruthy();
      expect(typeof r.ms).toBe('number');
    }
    const error = parsed.find((l) => l.level === 50);
    expect(error.err.stack).toContain('deliberate fault');
    expect(error.reqId).toBe(requests[2].reqId);
    for (const secret of [token, PASSWORD, '110101199003071234', '张三', cookie.split('=')[1]]) expect(all).not.toContain(secret);
    expect(all).not.toContain('passwordHash');
  });

  it('keeps parameter names and drops values', () => {
    expect(loggableUrl('/api/x')).toBe('/api/x');
    expect(loggableUrl('/api/x?a=1&b&c=%20d&%E5%90%8D=v')).toBe('/api/x?a&b&c&名');
  });
});
