// The caller's own work through the API, on the registry-demo plugin (test/plugins): to-do counts that follow the
// workflow's steps, 我的申报 with the last reviewer comment, and in-app messages written with the step (a return, and
// a state that notifies: `approved` declares notify, `barred` is final) with their unread counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';

// 91350100M000100Y43: a USCC whose check character is right (see test/forms).
const COOP = { name: '天河示范社', creditCode: '91350100M000100Y43', members: 25, phone: '13800138000' };

let t: TestPlatform;
let officer: string, reviewer: string, cityReviewer: string, otherOfficer: string;

beforeAll(async () => {
  t = await startTestPlatform();
  [officer, reviewer, cityReviewer, otherOfficer] = await Promise.all(
    ['tianhe-officer', 'tianhe-reviewer', 'city-reviewer', 'baiyun-officer'].map((u) => t.login(u)),
  );
});
afterAll(async () => {
  await t?.close();
});

const step = (who: string, id: string, revision: number, transition: string, comment?: string) =>
  t.call('POST', `/api/records/${id}/transitions`, who, { revision, transition, comment });
const todos = async (who: string) => (await t.call('GET', '/api/me/todos', who)).body;
const messages = async (who: string, query = '') => (await t.call('GET', `/api/me/messages${query}`, who)).body;

describe(`my work: to-dos, my records, messages (${testBackend()})`, () => {
  it('counts a submitted record as a to-do of the county reviewer only, until the reviewer returns it', async () => {
    const made = await t.call('POST', '/api/records', officer, {
      id: 'w-1',
      plugin: 'registry-demo',
      form: 'cooperative',
      period: '2024',
      orgUnitId: '440106',
      data: COOP,
    });
    expect(made.status).toBe(201);
    // A draft is its author's work (我的申报), not a to-do.
    expect(await todos(reviewer)).toEqual({ items: [], total: 0 });
    expect((await step(officer, 'w-1', 1, 'submit')).status).toBe(200);

    const r = await todos(reviewer);
    expect(r.total).toBe(1);
    expect(r.items).toEqual([
      {
        plugin: 'registry-demo',
        pluginTitle: expect.any(Object),
        form: 'cooperative',
        formTitle: expect.any(Object),
        state: 'submitted',
        stateTitle: { 'zh-CN': '已提交', en: 'Submitted' },
        count: 1,
        transitions: [
          { id: 'return', title: { 'zh-CN': '退回', en: 'Return' } },
          { id: 'approve', title: { 'zh-CN': '通过', en: 'Approve' } },
        ],
      },
    ]);
    // The officer cannot step a submitted record; the city reviewer has no step from `submitted` (both are county's).
    expect((await todos(officer)).total).toBe(0);
    expect((await todos(cityReviewer)).total).toBe(0);

    expect((await step(reviewer, 'w-1', 2, 'return', '请补充成员名册')).status).toBe(200);
    expect((await todos(reviewer)).total).toBe(0);
  });

  it('tells the author of the return in the same step, and counts it unread', async () => {
    const m = await messages(officer);
    expect(m.unread).toBe(1);
    expect(m.total).toBe(1);
    expect(m.items[0]).toMatchObject({
      kind: 'returned',
      read: false,
      comment: '请补充成员名册',
      record: { id: 'w-1', plugin: 'registry-demo', form: 'cooperative', subject: COOP.name },
      transition: { id: 'return', title: { 'zh-CN': '退回', en: 'Return' } },
      fromState: { id: 'submitted' },
      toState: { id: 'draft', title: { 'zh-CN': '草稿', en: 'Draft' } },
    });
    // The reviewer, who took the step, and anyone else get nothing.
    expect((await messages(reviewer)).total).toBe(0);
    expect((await messages(otherOfficer)).total).toBe(0);
    // The officer's own submit told nobody.
    const rows = await t.platform.ctx.db.selectFrom('audit_events').select('transition').where('record_id', '=', 'w-1').execute();
    expect(rows.map((x) => x.transition)).toEqual([null, 'submit', 'return']);
  });

  it('lists the author’s records with the state and the last reviewer comment', async () => {
    const other = await t.call('POST', '/api/records', otherOfficer, {
      id: 'w-other',
      plugin: 'registry-demo',
      form: 'cooperative',
      period: '2024',
      orgUnitId: '440111',
      data: { ...COOP, creditCode: '91350100M000101Y2J', name: '白云社' },
    });
    expect(other.status).toBe(201);
    const mine = await t.call('GET', '/api/me/records', officer);
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(1);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      id: 'w-1',
      state: 'draft',
      stateTitle: { 'zh-CN': '草稿', en: 'Draft' },
      editable: true,
      lastComment: { comment: '请补充成员名册', transition: 'return' },
    });
    const theirs = await t.call('GET', '/api/me/records', otherOfficer);
    expect(theirs.body.items.map((r: { id: string; lastComment: unknown }) => [r.id, r.lastComment])).toEqual([['w-other', null]]);
    const bad = await t.call('GET', '/api/me/records?limit=0', officer);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
  });

  it('tells the author when the record reaches a state that notifies (approved) and a final one (barred)', async () => {
    expect((await step(officer, 'w-1', 3, 'submit')).status).toBe(200);
    expect((await step(reviewer, 'w-1', 4, 'approve', '材料齐全')).status).toBe(200);
    expect((await step(cityReviewer, 'w-1', 5, 'bar', '弄虚作假')).status).toBe(200);
    const m = await messages(officer);
    expect(m.unread).toBe(3);
    expect(m.items.map((x: { kind: string; toState: { id: string }; comment: string }) => [x.kind, x.toState.id, x.comment])).toEqual([
      ['reached', 'barred', '弄虚作假'],
      ['reached', 'approved', '材料齐全'],
      ['returned', 'draft', '请补充成员名册'],
    ]);
    const unreadOnly = await messages(officer, '?unread=true&limit=2');
    expect(unreadOnly).toMatchObject({ total: 3, unread: 3, limit: 2, offset: 0 });
    expect(unreadOnly.items).toHaveLength(2);
  });

  it('marks messages read by id (only the caller’s own) or all at once', async () => {
    const { items } = await messages(officer);
    const newest = items[0].id as string;
    // Another user naming the officer's message changes nothing.
    const foreign = await t.call('POST', '/api/me/messages/read', otherOfficer, { ids: [newest] });
    expect(foreign.body).toEqual({ marked: 0, unread: 0 });
    expect((await messages(officer)).unread).toBe(3);

    const one = await t.call('POST', '/api/me/messages/read', officer, { ids: [newest] });
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ marked: 1, unread: 2 });
    expect((await messages(officer)).items.map((x: { read: boolean }) => x.read)).toEqual([true, false, false]);

    const all = await t.call('POST', '/api/me/messages/read', officer, { all: true });
    expect(all.body).toEqual({ marked: 2, unread: 0 });
    expect((await messages(officer, '?unread=true')).total).toBe(0);
  });

  it('refuses a read request naming nothing, both forms, or a malformed id, changing nothing', async () => {
    for (const body of [{}, { ids: [] }, { ids: ['1'], all: true }, { ids: ['x1'] }, { all: false }]) {
      const r = await t.call('POST', '/api/me/messages/read', officer, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
      expect(r.body.error.message['zh-CN']).toBeTruthy();
    }
    const anon = await t.call('GET', '/api/me/todos');
    expect(anon.status).toBe(401);
  });
});
