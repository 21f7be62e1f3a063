// Records through the HTTP API on a real PostgreSQL, with the small registry-demo plugin of test/plugins:
// create (and retried create), edit with revisions, workflow, history, scope, references, periodic records, marks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';

// 91350100M000100Y43: a USCC whose check character is right (see test/forms); the others are built the same way.
const COOP = { name: '天河示范社', creditCode: '91350100M000100Y43', members: 25, phone: '13800138000' };

let t: TestPlatform;
let officer: string, reviewer: string, otherOfficer: string, cityReviewer: string, admin: string;

// Sessions last 12 hours of the (test) clock: after moving the clock, everyone logs in again.
async function loginAll() {
  [officer, reviewer, otherOfficer, cityReviewer, admin] = await Promise.all(
    ['tianhe-officer', 'tianhe-reviewer', 'baiyun-officer', 'city-reviewer', 'admin'].map((u) => t.login(u)),
  );
}
async function moveClock(iso: string) {
  t.clock.set(iso);
  await loginAll();
}

beforeAll(async () => {
  t = await startTestPlatform();
  await loginAll();
});
afterAll(async () => {
  await t?.close();
});

const createCoop = (id: string, data: object = COOP, period = '2024') =>
  t.call('POST', '/api/records', officer, { id, plugin: 'registry-demo', form: 'cooperative', period, orgUnitId: '440106', data });

describe(`records API (${testBackend()})`, () => {
  it('refuses requests without a session', async () => {
    const r = await t.call('GET', '/api/records');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHENTICATED');
    expect(r.body.error.message['zh-CN']).toBeTruthy();
  });

  it('refuses a wrong password with LOGIN_FAILED', async () => {
    const r = await t.call('POST', '/api/auth/login', undefined, { username: 'admin', password: 'nope-nope' });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('LOGIN_FAILED');
  });

  it('creates a draft, recomputes computed fields and ignores what the client sent for them', async () => {
    const r = await createCoop('coop-1', { ...COOP, memberLabel: 'forged' });
    expect(r.status).toBe(201);
    expect(r.body.state).toBe('draft');
    expect(r.body.revision).toBe(1);
    expect(r.body.data.memberLabel).toBe('large');
    expect(r.body.results.checks.find((c: any) => c.id === 'min-members').passed).toBe(true);
    const row = await t.platform.ctx.db.selectFrom('records').selectAll().where('id', '=', 'coop-1').executeTakeFirstOrThrow();
    expect(row.data.memberLabel).toBe('large');
    expect(row.subject).toBe(COOP.creditCode);
    const audit = await t.platform.ctx.db.selectFrom('audit_events').selectAll().where('record_id', '=', 'coop-1').execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('treats a retried create with the same id and body as the same record', async () => {
    const r = await createCoop('coop-1', { ...COOP, memberLabel: 'forged' });
    expect(r.status).toBe(200);
    expect(r.body.id).toBe('coop-1');
    const n = await t.platform.ctx.db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', '=', 'coop-1')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('refuses the same id with other content (ID_CONFLICT) and a second record of the same subject (DUPLICATE_RECORD)', async () => {
    const a = await createCoop('coop-1', { ...COOP, members: 30 });
    expect(a.status).toBe(409);
    expect(a.body.error.code).toBe('ID_CONFLICT');
    const b = await createCoop('coop-dup', COOP);
    expect(b.status).toBe(409);
    expect(b.body.error.code).toBe('DUPLICATE_RECORD');
    expect(b.body.error.details[0].pointer).toBe('/data/creditCode');
  });

  it('refuses bad data with pointers and messages in both languages, and stores nothing', async () => {
    const r = await createCoop('coop-bad', { ...COOP, creditCode: '91350100M000100Y44', members: -1 });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    const pointers = r.body.error.details.map((d: any) => d.pointer).sort();
    expect(pointers).toEqual(['/data/creditCode', '/data/members']);
    for (const d of r.body.error.details) {
      expect(d.message['zh-CN']).toBeTruthy();
      expect(d.message.en).toBeTruthy();
    }
    const row = await t.platform.ctx.db.selectFrom('records').select('id').where('id', '=', 'coop-bad').executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('answers malformed JSON with JSON_INVALID, not a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
      payload: '{"plugin": ',
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('JSON_INVALID');
  });

  it('edits with the current revision and refuses a stale one with 409, changing nothing', async () => {
    const ok = await t.call('PUT', '/api/records/coop-1', officer, { revision: 1, data: { ...COOP, members: 3 } });
    expect(ok.status).toBe(200);
    expect(ok.body.revision).toBe(2);
    expect(ok.body.data.memberLabel).toBe('small');
    expect(ok.body.results.blocking).toBe(1);
    const stale = await t.call('PUT', '/api/records/coop-1', officer, { revision: 1, data: { ...COOP, members: 99 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_REVISION');
    const row = await t.platform.ctx.db
      .selectFrom('records')
      .select(['data', 'revision'])
      .where('id', '=', 'coop-1')
      .executeTakeFirstOrThrow();
    expect(row.revision).toBe(2);
    expect(row.data.members).toBe(3);
  });

  it('refuses to submit while a blocking check fails, pointing at the field', async () => {
    const r = await t.call('POST', '/api/records/coop-1/transitions', officer, { revision: 2, transition: 'submit' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('BLOCKING_CHECKS_FAILED');
    expect(r.body.error.details).toEqual([expect.objectContaining({ pointer: '/data/members', code: 'min-members' })]);
  });

  it('a user of another district sees nothing of it', async () => {
    const r = await t.call('GET', '/api/records/coop-1', otherOfficer);
    expect(r.status).toBe(404);
    const list = await t.call('GET', '/api/records?plugin=registry-demo', otherOfficer);
    expect(list.body.items).toEqual([]);
    const edit = await t.call('PUT', '/api/records/coop-1', otherOfficer, { revision: 2, data: COOP });
    expect(edit.status).toBe(404);
  });

  it('moves through the workflow with roles and levels enforced, and keeps the history', async () => {
    await t.call('PUT', '/api/records/coop-1', officer, { revision: 2, data: COOP });
    const submit = await t.call('POST', '/api/records/coop-1/transitions', officer, { revision: 3, transition: 'submit' });
    expect(submit.status).toBe(200);
    expect(submit.body.state).toBe('submitted');
    expect(submit.body.submittedAt).toBeTruthy();

    const officerApproves = await t.call('POST', '/api/records/coop-1/transitions', officer, { revision: 4, transition: 'approve' });
    expect(officerApproves.status).toBe(403);
    const cityApproves = await t.call('POST', '/api/records/coop-1/transitions', cityReviewer, { revision: 4, transition: 'approve' });
    expect(cityApproves.status).toBe(403); // approve is for the county level

    const noComment = await t.call('POST', '/api/records/coop-1/transitions', reviewer, { revision: 4, transition: 'return' });
    expect(noComment.body.error.code).toBe('COMMENT_REQUIRED');
    const wrong = await t.call('POST', '/api/records/coop-1/transitions', reviewer, { revision: 4, transition: 'bar', comment: 'x' });
    expect(wrong.body.error.code).toBe('TRANSITION_NOT_ALLOWED');

    const edit = await t.call('PUT', '/api/records/coop-1', officer, { revision: 4, data: COOP });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('TRANSITION_NOT_ALLOWED');

    await moveClock('2024-05-08T03:00:00Z');
    const approve = await t.call('POST', '/api/records/coop-1/transitions', reviewer, {
      revision: 4,
      transition: 'approve',
      comment: '材料齐全',
    });
    expect(approve.status).toBe(200);
    expect(approve.body.state).toBe('approved');
    expect(approve.body.workflow.approvedOn).toBe('2024-05-08');

    const h = await t.call('GET', '/api/records/coop-1/history', officer);
    expect(h.body.events.map((e: any) => e.action)).toEqual(['create', 'update', 'update', 'transition', 'transition']);
    expect(h.body.events[1].changes).toContainEqual({ pointer: '/members', from: 25, to: 3 });
    expect(h.body.events[4]).toMatchObject({
      transition: 'approve',
      fromState: 'submitted',
      toState: 'approved',
      comment: '材料齐全',
      pluginVersion: '1.0.0',
    });
  });

  it('a bar put by a step blocks the subject until it ends', async () => {
    await moveClock('2024-06-01T03:00:00Z');
    const bar = await t.call('POST', '/api/records/coop-1/transitions', cityReviewer, {
      revision: 5,
      transition: 'bar',
      comment: '弄虚作假',
    });
    expect(bar.status).toBe(200);
    const marks = await t.platform.ctx.db.selectFrom('marks').selectAll().where('subject', '=', COOP.creditCode).execute();
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ kind: 'bar', from_date: '2024-06-01', until_date: '2027-06-01' });
    // The same cooperative next year: its not-barred check fails, and it cannot be submitted.
    const again = await createCoop('coop-again', { ...COOP, name: '同一社再申请' }, '2025');
    expect(again.status).toBe(201);
    expect(again.body.results.failed).toEqual(['not-barred']);
    const submit = await t.call('POST', '/api/records/coop-again/transitions', officer, { revision: 1, transition: 'submit' });
    expect(submit.body.error.code).toBe('BLOCKING_CHECKS_FAILED');
    // Three years on, the bar has ended.
    await moveClock('2027-06-02T03:00:00Z');
    const later = await t.call('PUT', '/api/records/coop-again', officer, { revision: 1, data: { ...COOP, name: '同一社再申请' } });
    expect(later.body.results.failed).toEqual([]);
  });

  it('checks references: a household must bind to a visible cooperative record', async () => {
    const bad = await t.call('POST', '/api/records', officer, {
      plugin: 'registry-demo',
      form: 'household',
      period: '',
      orgUnitId: '440106',
      data: { head: '李四', size: 3, cooperative: 'no-such' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('REFERENCE_INVALID');
    expect(bad.body.error.details[0].pointer).toBe('/cooperative');
    const good = await t.call('POST', '/api/records', officer, {
      plugin: 'registry-demo',
      form: 'household',
      period: '',
      orgUnitId: '440106',
      data: { head: '李四', size: 3, cooperative: 'coop-1' },
    });
    expect(good.status).toBe(201);
    expect(good.body.results.computed['coop-name']).toBe(COOP.name);
    const hidden = await t.call('POST', '/api/records', otherOfficer, {
      plugin: 'registry-demo',
      form: 'household',
      period: '',
      orgUnitId: '440111',
      data: { head: '王五', size: 3, cooperative: 'coop-1' },
    });
    expect(hidden.body.error.code).toBe('REFERENCE_INVALID');
  });

  it('keeps periodic records apart by week, one per org unit and week', async () => {
    const mk = (period: string, id: string) =>
      t.call('POST', '/api/records', officer, {
        id,
        plugin: 'registry-demo',
        form: 'weekly',
        period,
        orgUnitId: '440106',
        data: { visits: 4, issues: [{ fixed: true }, { fixed: false }, {}] },
      });
    const w5 = await mk('2024-W05', 'wk5');
    expect(w5.status).toBe(201);
    expect(w5.body.results.computed['open-issues']).toBe(2);
    expect((await mk('2024-W06', 'wk6')).status).toBe(201);
    const dup = await mk('2024-W05', 'wk5b');
    expect(dup.body.error.code).toBe('DUPLICATE_RECORD');
    const badPeriod = await mk('2024-05', 'wkx');
    expect(badPeriod.status).toBe(422);
    expect(badPeriod.body.error).toMatchObject({ code: 'PERIOD_INVALID', details: [expect.objectContaining({ pointer: '/period' })] });
    const list = await t.call('GET', '/api/records?form=weekly&period=2024-W06', officer);
    expect(list.body.items.map((r: any) => r.id)).toEqual(['wk6']);
  });

  it('parameter changes are checked against the plugin schema and re-evaluate open records', async () => {
    const get = await t.call('GET', '/api/plugins/registry-demo/parameters', admin);
    expect(get.body.values.maxHouseholdSize).toBe(12);
    const bad = await t.call('PUT', '/api/plugins/registry-demo/parameters', admin, {
      revision: get.body.revision,
      values: { maxHouseholdSize: 0 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('PARAMETERS_INVALID');
    expect(bad.body.error.details[0].pointer).toBe('/values/maxHouseholdSize');
    const notAdmin = await t.call('PUT', '/api/plugins/registry-demo/parameters', officer, {
      revision: get.body.revision,
      values: { maxHouseholdSize: 2 },
    });
    expect(notAdmin.status).toBe(403);
    const ok = await t.call('PUT', '/api/plugins/registry-demo/parameters', admin, {
      revision: get.body.revision,
      values: { maxHouseholdSize: 2 },
    });
    expect(ok.status).toBe(202);
    await t.app.jobs.idle();
    const households = await t.call('GET', '/api/records?form=household', officer);
    // A list row is a summary: the rule results are on the record itself.
    const hh = (await t.call('GET', `/api/records/${households.body.items[0].id}`, officer)).body;
    expect(hh.results.checks.find((c: any) => c.id === 'size-limit').passed).toBe(false);
    const stale = await t.call('PUT', '/api/plugins/registry-demo/parameters', admin, {
      revision: get.body.revision,
      values: { maxHouseholdSize: 5 },
    });
    expect(stale.status).toBe(409);
  });

  it('unknown routes answer ROUTE_NOT_FOUND in the error shape', async () => {
    const r = await t.call('GET', '/api/nothing-here', admin);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});
