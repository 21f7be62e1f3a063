// Follow-ups on failed checks through the API, with the neutral plugin test/follow-ups/plugins/follow-up-demo:
// items opened on acceptance with deadlines on its working-day calendar (2024 only; 1–3 May are holidays), marked
// rectified with evidence, confirmed or reopened by the declared roles and levels, audited in the record's
// history, counted in the class rule and the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { FOLLOW_UP_PLUGINS } from '../helpers/paths';
import { testBackend } from '../helpers/database';
import { pdf, upload } from '../helpers/uploads';

let t: TestPlatform;
const tok: Record<string, string> = {};
const P = 'follow-up-demo';

const USERS = ['tianhe-officer', 'tianhe-reviewer', 'city-reviewer', 'panyu-officer'];
/** Moves the clock; sessions end when idle, so everyone logs in again. */
async function at(iso: string) {
  t.clock.set(iso);
  for (const u of USERS) tok[u] = await t.login(u);
}

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [FOLLOW_UP_PLUGINS], now: '2024-04-29T02:00:00Z' });
  for (const u of USERS) tok[u] = await t.login(u);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const BASE = { ledger: false, minutes: true, sign: false, phone: false };

async function record(code: string, data: Record<string, unknown> = BASE) {
  const c = await t.call('POST', '/api/records', tok['tianhe-officer'], {
    plugin: P,
    form: 'inspection',
    period: '2024',
    orgUnitId: '440106',
    data: { code, ...data },
  });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  return c.body as { id: string; revision: number };
}
async function step(id: string, transition: string, who: string, comment?: string) {
  const cur = await t.call('GET', `/api/records/${id}`, tok[who]);
  return t.call('POST', `/api/records/${id}/transitions`, tok[who], { revision: cur.body.revision, transition, comment });
}
async function accepted(code: string, data?: Record<string, unknown>) {
  const r = await record(code, data);
  expect((await step(r.id, 'submit', 'tianhe-officer')).status).toBe(200);
  const a = await step(r.id, 'accept', 'city-reviewer');
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  return r.id;
}
const list = (id: string, who = 'tianhe-officer') => t.call('GET', `/api/records/${id}/follow-ups`, tok[who]);
const act = (id: string, fu: string, action: string, who: string, body: Record<string, unknown>) =>
  t.call('POST', `/api/records/${id}/follow-ups/${fu}/${action}`, tok[who], body);
const item = async (id: string, rule: string) => (await list(id)).body.items.find((i: any) => i.rule === rule);

describe(`follow-ups (${testBackend()})`, () => {
  let id: string;

  it('opens one item per failed check of the declared groups on acceptance, deadline in working days over the holiday', async () => {
    id = await accepted('A1');
    const r = await list(id);
    expect(r.status).toBe(200);
    // has-phone failed too, but its group (contact) is not followed up. 29 Apr + 3 working days: 30 Apr, (1–5 May
    // off), 6 May, 7 May.
    expect(r.body.items.map((i: any) => [i.rule, i.status, i.deadline, i.overdue])).toEqual([
      ['has-ledger', 'open', '2024-05-07', false],
      ['has-sign', 'open', '2024-05-07', false],
    ]);
    expect(r.body.items[0].title).toEqual({ 'zh-CN': '台账', en: 'Ledger' });
    expect(r.body.summary).toEqual({ total: 2, open: 2, rectified: 0, confirmed: 0, reopened: 0, overdue: 0 });
    expect(r.body.may).toEqual({ mark: true, confirm: false });
    expect((await list(id, 'city-reviewer')).body.may).toEqual({ mark: false, confirm: true });
    expect((await list(id, 'panyu-officer')).status).toBe(404);
    // The acceptance's audit event names the items it opened.
    const h = await t.call('GET', `/api/records/${id}/history`, tok['tianhe-officer']);
    const accept = h.body.events.find((e: any) => e.transition === 'accept');
    expect(accept.changes.map((c: any) => c.to)).toEqual([
      { rule: 'has-ledger', status: 'open', deadline: '2024-05-07' },
      { rule: 'has-sign', status: 'open', deadline: '2024-05-07' },
    ]);
  });

  it('is overdue only after the deadline day (Asia/Shanghai), and the report counts it by unit', async () => {
    await at('2024-05-07T15:59:00Z'); // 23:59 on 7 May in Shanghai: the deadline day itself
    expect((await list(id)).body.summary.overdue).toBe(0);
    await at('2024-05-07T16:00:00Z'); // 00:00 on 8 May
    const r = await list(id);
    expect(r.body.today).toBe('2024-05-08');
    expect(r.body.items.map((i: any) => i.overdue)).toEqual([true, true]);
    expect(r.body.summary.overdue).toBe(2);
    const rep = await t.call('GET', `/api/plugins/${P}/reports/follow-ups-by-unit`, tok['city-reviewer']);
    expect(rep.status, JSON.stringify(rep.body)).toBe(200);
    expect(rep.body.rows).toEqual([
      { unit: expect.anything(), records: 1, open: 2, rectified: 0, confirmed: 0, overdue: 2, 'with-overdue': 1 },
    ]);
  });

  it('refuses a rectification by the wrong role, without a date, dated after today, or on a stale revision', async () => {
    const ledger = await item(id, 'has-ledger');
    const ok = { revision: ledger.revision, rectifiedOn: '2024-05-08', note: '已建立台账' };
    expect((await act(id, ledger.id, 'rectify', 'tianhe-reviewer', ok)).body.error.code).toBe('FORBIDDEN');
    expect((await act(id, ledger.id, 'rectify', 'city-reviewer', ok)).status).toBe(403);
    const noDate = await act(id, ledger.id, 'rectify', 'tianhe-officer', { revision: ledger.revision });
    expect([noDate.status, noDate.body.error.code, noDate.body.error.details[0].pointer]).toEqual([
      422,
      'FOLLOW_UP_INVALID',
      '/rectifiedOn',
    ]);
    const future = await act(id, ledger.id, 'rectify', 'tianhe-officer', { ...ok, rectifiedOn: '2024-05-09' });
    expect([future.status, future.body.error.code]).toEqual([422, 'FOLLOW_UP_INVALID']);
    const stale = await act(id, ledger.id, 'rectify', 'tianhe-officer', { ...ok, revision: ledger.revision + 1 });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'FOLLOW_UP_STALE']);
    const confirmOpen = await act(id, ledger.id, 'confirm', 'city-reviewer', { revision: ledger.revision });
    expect([confirmOpen.status, confirmOpen.body.error.code]).toEqual([409, 'FOLLOW_UP_STEP_NOT_ALLOWED']);
    const other = await act(id, 'no-such-item', 'rectify', 'tianhe-officer', ok);
    expect([other.status, other.body.error.code]).toEqual([404, 'FOLLOW_UP_NOT_FOUND']);
    expect((await item(id, 'has-ledger')).status).toBe('open');
  });

  it('marks rectified with evidence uploaded for the follow-up, linking it to the record, and audits the step', async () => {
    const ledger = await item(id, 'has-ledger');
    const up = await upload(
      t,
      tok['tianhe-officer'],
      { plugin: P, form: 'inspection', field: '#followUp', orgUnitId: '440106' },
      {
        name: '台账.pdf',
        type: 'application/pdf',
        content: pdf(),
      },
    );
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    // Someone else's upload is not evidence of this officer's.
    const before = (await t.call('GET', `/api/records/${id}`, tok['tianhe-officer'])).body.revision;
    const r = await act(id, ledger.id, 'rectify', 'tianhe-officer', {
      revision: ledger.revision,
      rectifiedOn: '2024-05-08',
      note: '已建立台账',
      evidence: [up.body.id],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.item).toMatchObject({
      status: 'rectified',
      rectifiedOn: '2024-05-08',
      note: '已建立台账',
      evidence: [up.body.id],
      overdue: false,
    });
    expect(r.body.recordRevision).toBe(before + 1);
    const att = await t.platform.ctx.db.selectFrom('attachments').select(['record_id']).where('id', '=', up.body.id).executeTakeFirst();
    expect(att?.record_id).toBe(id);
    const h = await t.call('GET', `/api/records/${id}/history`, tok['tianhe-officer']);
    const last = h.body.events.at(-1);
    expect(last).toMatchObject({ action: 'follow-up', transition: 'rectify', comment: '已建立台账', revision: before + 1 });
    expect(last.changes[0]).toMatchObject({ pointer: `/followUps/${ledger.id}/status`, from: 'open', to: 'rectified' });
    // Rectified again: not from status rectified.
    const again = await act(id, ledger.id, 'rectify', 'tianhe-officer', { revision: r.body.item.revision, rectifiedOn: '2024-05-08' });
    expect(again.body.error.code).toBe('FOLLOW_UP_STEP_NOT_ALLOWED');
  });

  it('lets only the reviewer at the declared level confirm, and reopen with a comment', async () => {
    const ledger = await item(id, 'has-ledger');
    expect((await act(id, ledger.id, 'confirm', 'tianhe-officer', { revision: ledger.revision })).status).toBe(403);
    expect((await act(id, ledger.id, 'confirm', 'tianhe-reviewer', { revision: ledger.revision })).status).toBe(403); // county, not city
    const c = await act(id, ledger.id, 'confirm', 'city-reviewer', { revision: ledger.revision });
    expect(c.status).toBe(200);
    expect(c.body.item.status).toBe('confirmed');
    const bare = await act(id, ledger.id, 'reopen', 'city-reviewer', { revision: c.body.item.revision });
    expect([bare.status, bare.body.error.code, bare.body.error.details[0].pointer]).toEqual([422, 'FOLLOW_UP_INVALID', '/comment']);
    const re = await act(id, ledger.id, 'reopen', 'city-reviewer', { revision: c.body.item.revision, comment: '台账不全' });
    expect(re.body.item).toMatchObject({ status: 'reopened', comment: '台账不全', overdue: true });
    expect((await list(id)).body.summary).toEqual({ total: 2, open: 1, rectified: 0, confirmed: 0, reopened: 1, overdue: 2 });
    const events = (await t.call('GET', `/api/records/${id}/history`, tok['tianhe-officer'])).body.events.filter(
      (e: any) => e.action === 'follow-up',
    );
    expect(events.map((e: any) => e.transition)).toEqual(['rectify', 'confirm', 'reopen']);
  });

  it('moves the class when every item is confirmed (the record is re-evaluated with each step)', async () => {
    const grade = async () => (await t.call('GET', `/api/records/${id}`, tok['tianhe-officer'])).body.results.classes.grade;
    expect(await grade()).toBe('rectify');
    for (const rule of ['has-ledger', 'has-sign']) {
      let it = await item(id, rule);
      const r = await act(id, it.id, 'rectify', 'tianhe-officer', { revision: it.revision, rectifiedOn: '2024-05-08' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      it = r.body.item;
      expect(await grade()).toBe('rectify');
      expect((await act(id, it.id, 'confirm', 'city-reviewer', { revision: it.revision })).status).toBe(200);
    }
    expect(await grade()).toBe('good');
    const last = (await t.call('GET', `/api/records/${id}/history`, tok['tianhe-officer'])).body.events.at(-1);
    expect(last.changes).toContainEqual({ pointer: '/results/classes/grade', from: 'rectify', to: 'good' });
  });

  it('does not duplicate an item still open when the record enters the state again', async () => {
    await at('2024-06-03T02:00:00Z');
    const r = await accepted('B1');
    expect((await list(r)).body.items).toHaveLength(2);
    expect((await step(r, 'reopen', 'city-reviewer', '补充材料')).status).toBe(200);
    // Accepted again through the bulk step: the same plan, so the same items.
    const cur = await t.call('GET', `/api/records/${r}`, tok['city-reviewer']);
    const bulk = await t.call('POST', '/api/records/bulk-transitions', tok['city-reviewer'], {
      transition: 'accept',
      items: [{ id: r, revision: cur.body.revision }],
    });
    expect(bulk.body).toMatchObject({ succeeded: 1, failed: 0 });
    const items = (await list(r)).body.items;
    expect(items.map((i: any) => [i.rule, i.deadline])).toEqual([
      ['has-ledger', '2024-06-06'],
      ['has-sign', '2024-06-06'],
    ]);
  });

  it('opens nothing when the declaration’s condition does not hold (all followed-up checks pass)', async () => {
    const r = await accepted('C1', { ledger: true, minutes: true, sign: true, phone: false });
    expect((await list(r)).body).toMatchObject({ declared: true, items: [], summary: { total: 0 } });
  });

  it('refuses the acceptance when the calendar has no data for the year, rather than guessing a deadline', async () => {
    await at('2025-01-06T02:00:00Z');
    const r = await record('D1');
    expect((await step(r.id, 'submit', 'tianhe-officer')).status).toBe(200);
    const a = await step(r.id, 'accept', 'city-reviewer');
    expect([a.status, a.body.error.code]).toEqual([422, 'FOLLOW_UP_DEADLINE_UNKNOWN']);
    expect(a.body.error.details.map((d: any) => d.pointer)).toEqual(['/followUps/has-ledger', '/followUps/has-sign']);
    const now = await t.call('GET', `/api/records/${r.id}`, tok['tianhe-officer']);
    expect(now.body.state).toBe('submitted');
    expect((await list(r.id)).body.items).toEqual([]);
  });
});
