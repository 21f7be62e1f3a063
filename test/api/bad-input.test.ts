// Every bad input gets a clear 4xx error in the one error shape and changes nothing: no 500 for anything a
// client can send, whatever the endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';

let t: TestPlatform;
let officer: string;
let admin: string;

beforeAll(async () => {
  t = await startTestPlatform();
  officer = await t.login('tianhe-officer');
  admin = await t.login('admin');
  const r = await t.call('POST', '/api/records', officer, {
    id: 'target',
    plugin: 'registry-demo',
    form: 'weekly',
    period: '2024-W01',
    orgUnitId: '440106',
    data: { visits: 1 },
  });
  expect(r.status).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

const BODIES: unknown[] = [
  null,
  'text',
  42,
  [],
  [1, 2],
  {},
  { data: 'x' },
  { data: [] },
  { revision: '1', data: {} },
  { revision: 1.5, data: {} },
  { revision: -1, values: 'x' },
  { plugin: 'nope', form: 'x' },
  { plugin: 'registry-demo', form: 'weekly', period: 5, orgUnitId: '440106' },
  { plugin: 'registry-demo', form: 'weekly', period: '2024-W02', orgUnitId: { $ne: 1 } },
  { id: '../../etc', plugin: 'registry-demo' },
  {
    plugin: 'registry-demo',
    form: 'weekly',
    period: '2024-W03',
    orgUnitId: '440106',
    data: { visits: 'many', __proto__: { polluted: 1 } },
  },
  { plugin: 'registry-demo', form: 'household', period: '', orgUnitId: '440106', data: { head: 'x', size: 2, cooperative: 12 } },
  { transition: '__proto__', revision: 1 },
  { transition: 'submit', revision: 1, comment: 7 },
  { username: ['a'], password: {} },
  { values: { maxHouseholdSize: 'x' }, revision: 0 },
  { role: 'god', orgUnitId: '440106' },
];
const ENDPOINTS: ['POST' | 'PUT', string][] = [
  ['POST', '/api/auth/login'],
  ['POST', '/api/records'],
  ['PUT', '/api/records/target'],
  ['PUT', '/api/records/missing'],
  ['POST', '/api/records/target/transitions'],
  ['PUT', '/api/plugins/registry-demo/parameters'],
  ['PUT', '/api/plugins/nope/parameters'],
  ['POST', '/api/users'],
  ['POST', '/api/org-units'],
  ['POST', '/api/attachments'],
];

describe(`bad input (${testBackend()})`, () => {
  it('answers every malformed request with a catalogued 4xx and leaves the records as they were', async () => {
    const before = await t.platform.ctx.db.selectFrom('records').select(['id', 'revision']).orderBy('id').execute();
    for (const [method, url] of ENDPOINTS) {
      for (const body of BODIES) {
        const r = await t.call(
          method,
          url,
          url.includes('parameters') || url.includes('users') || url.includes('org-units') ? admin : officer,
          body,
        );
        const where = `${method} ${url} ${JSON.stringify(body)}`;
        expect(r.status, where).toBeGreaterThanOrEqual(400);
        expect(r.status, where).toBeLessThan(500);
        expect(r.body.error.code, where).toMatch(/^[A-Z_]+$/);
        expect(r.body.error.message['zh-CN'], where).toBeTruthy();
        expect(r.body.error.message.en, where).toBeTruthy();
      }
    }
    const after = await t.platform.ctx.db.selectFrom('records').select(['id', 'revision']).orderBy('id').execute();
    expect(after).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers raw bodies that are not JSON', async () => {
    for (const [type, payload] of [
      ['application/json', '{'],
      ['application/json', ''],
      ['text/plain', 'hello'],
      ['application/xml', '<a/>'],
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/records',
        headers: { authorization: `Bearer ${officer}`, 'content-type': type },
        payload,
      });
      expect(res.statusCode, `${type} ${payload}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${type} ${payload}`).toBeLessThan(500);
      expect(JSON.parse(res.body).error.code).toMatch(/^[A-Z_]+$/);
    }
  });
});
