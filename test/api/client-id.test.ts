// A draft typed offline is sent with the browser's client id, perhaps more than once (the first answer may have been
// lost on the way back, or the draft edited before the connection returned): the same clientId from the same user
// answers with the record the first send made (200), whatever the body now says — one row, one create event. Another
// user's clientId is theirs alone; a clientId that is no UUID is refused and stores nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { usccCheckChar } from '../../platform/forms/formats';

const uscc = (first17: string) => first17 + usccCheckChar(first17);

let t: TestPlatform;
let tianhe: string;
let baiyun: string;

beforeAll(async () => {
  t = await startTestPlatform();
  tianhe = await t.login('tianhe-officer');
  baiyun = await t.login('baiyun-officer');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const create = (token: string, orgUnitId: string, body: object) =>
  t.call('POST', '/api/records', token, { plugin: 'registry-demo', form: 'cooperative', period: '2024', orgUnitId, ...body });
const rowsOf = (clientId: string) =>
  t.platform.ctx.db.selectFrom('records').select(['id', 'created_by', 'data']).where('client_id', '=', clientId).execute();
const createEvents = async (id: string) =>
  (await t.platform.ctx.db.selectFrom('audit_events').select('id').where('record_id', '=', id).where('action', '=', 'create').execute())
    .length;

describe(`create with a client id (${testBackend()})`, () => {
  it('a second send of the same draft returns the first record, even with other data, and stores nothing new', async () => {
    const clientId = randomUUID();
    const first = await create(tianhe, '440106', {
      clientId,
      data: { name: '离线合作社', creditCode: uscc('93440106MA5CL0001'), members: 12 },
    });
    expect(first.status).toBe(201);
    // The draft was edited while the answer was lost: the send repeats with more members and no id of its own.
    const again = await create(tianhe, '440106', {
      clientId: clientId.toUpperCase(),
      data: { name: '离线合作社', creditCode: uscc('93440106MA5CL0001'), members: 13 },
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.data.members).toBe(12);
    const rows = await rowsOf(clientId);
    expect(rows.map((r) => r.id)).toEqual([first.body.id]);
    expect(await createEvents(first.body.id)).toBe(1);
  });

  it('concurrent sends of one draft make one record: one 201, the rest 200 with its id', async () => {
    const clientId = randomUUID();
    const data = { name: '并发离线合作社', creditCode: uscc('93440106MA5CL0002'), members: 30 };
    const answers = await Promise.all(Array.from({ length: 6 }, () => create(tianhe, '440106', { clientId, data })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    expect((await rowsOf(clientId)).length).toBe(1);
  });

  it("another user's same clientId makes that user's own record", async () => {
    const clientId = randomUUID();
    const a = await create(tianhe, '440106', { clientId, data: { name: '天河合作社', creditCode: uscc('93440106MA5CL0003'), members: 5 } });
    const b = await create(baiyun, '440111', { clientId, data: { name: '白云合作社', creditCode: uscc('93440111MA5CL0004'), members: 6 } });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.body.data.name).toBe('白云合作社');
    expect((await rowsOf(clientId)).length).toBe(2);
  });

  it('a clientId that is not a UUID is refused with its pointer and stores nothing', async () => {
    const before = await t.platform.ctx.db
      .selectFrom('records')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const r = await create(tianhe, '440106', {
      clientId: 'draft-1',
      data: { name: '无效草稿', creditCode: uscc('93440106MA5CL0005'), members: 5 },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
    expect(r.body.error.details[0].pointer).toBe('/clientId');
    const after = await t.platform.ctx.db
      .selectFrom('records')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
