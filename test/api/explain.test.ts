// GET /api/records/:id/explain: "why" for a stored record, on the server, over the facts the browser does not have.
// On the neutral registry-demo plugin: a cooperative barred by a step is filed again; its not-barred check fails
// because its subject carries the bar mark — the trace shows the mark read and the `in` it made true.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';

// A USCC whose check character is right (as in records.test.ts).
const COOP = { name: '解释示范社', creditCode: '91350100M000100Y43', members: 25, phone: '13800138000' };
let t: TestPlatform;
const as: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestPlatform();
  t.clock.set('2024-06-01T03:00:00Z');
  for (const u of ['tianhe-officer', 'tianhe-reviewer', 'city-reviewer', 'baiyun-officer']) as[u] = await t.login(u);
  const create = (id: string, period: string) =>
    t.call('POST', '/api/records', as['tianhe-officer'], {
      id,
      plugin: 'registry-demo',
      form: 'cooperative',
      period,
      orgUnitId: '440106',
      data: COOP,
    });
  expect((await create('why-1', '2024')).status).toBe(201);
  const step = async (who: string, revision: number, transition: string, comment?: string) => {
    const r = await t.call('POST', '/api/records/why-1/transitions', as[who], { revision, transition, comment });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  await step('tianhe-officer', 1, 'submit');
  await step('tianhe-reviewer', 2, 'approve', '材料齐全');
  await step('city-reviewer', 3, 'bar', '弄虚作假');
  expect((await create('why-2', '2025')).body.results.failed).toEqual(['not-barred']);
});
afterAll(async () => {
  await t?.close();
});

const explain = (id: string, rule: string, who = 'tianhe-officer') =>
  t.call('GET', `/api/records/${id}/explain?rule=${encodeURIComponent(rule)}`, as[who]);

describe(`explain a stored record (${testBackend()})`, () => {
  it('shows the mark the failed eligibility read: activeMarks holds "bar", so "not barred" is false', async () => {
    const r = await explain('why-2', 'not-barred');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // logic: { "!": { "in": ["bar", { "var": "activeMarks" }] } }
    expect(r.body.rule).toEqual({ id: 'not-barred', kind: 'eligibility' });
    expect(r.body.when).toBeNull();
    expect(r.body.logic.trace.value).toBe(false);
    expect(r.body.logic.trace.nodes['/0']).toEqual({ value: true, runs: 1 });
    expect(r.body.logic.trace.nodes['/0/1']).toEqual({ value: ['bar'], runs: 1 });
  });

  it('shows the values a check compared, the parameter included: 25 members against minMembers 5', async () => {
    const r = await explain('why-2', 'min-members');
    expect(r.body.logic.trace).toEqual({
      value: true,
      nodes: { '': { value: true, runs: 1 }, '/0': { value: 25, runs: 1 }, '/1': { value: 5, runs: 1 } },
    });
  });

  it('a reviewer who may see the record may ask too; one who may not gets 404, as for the record itself', async () => {
    expect((await explain('why-2', 'min-members', 'tianhe-reviewer')).status).toBe(200);
    const other = await explain('why-2', 'min-members', 'baiyun-officer');
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
  });

  it('refuses an unknown rule, a missing rule and an unknown record with a clear error, never a 500', async () => {
    const unknown = await explain('why-2', 'no-such-rule');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details[0].pointer).toBe('/rule');
    expect(unknown.body.error.message['zh-CN']).toBeTruthy();
    const missing = await t.call('GET', '/api/records/why-2/explain', as['tianhe-officer']);
    expect(missing.status).toBe(400);
    expect((await explain('nope', 'min-members')).status).toBe(404);
    expect((await t.call('GET', '/api/records/why-2/explain?rule=min-members')).status).toBe(401);
  });
});
