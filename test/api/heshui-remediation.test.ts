// The Heshui remediation plugin through the API, with the demo seed's county users: township officers keep the
// entity ledgers and file weekly dividend reports (the owed amount read from the referenced ledger, in kind only
// with consent, one report per entity and week), and the county reads the weekly bulletin. The amounts are small
// enough for a person to add up from the records below.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { mergePatch } from '../../platform/fixtures/merge-patch';

const PLUGIN = 'heshui-remediation';
const ledgerFixtures = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, 'fixtures/ledger.json'), 'utf8'));
const XIHUACHI = '621024100';
const TAIBAI = '621024102';
const CAMPAIGN = '2023-remediation';

let t: TestPlatform;
const tokens: Record<string, string> = {};
const create = (who: string, id: string, form: string, period: string, orgUnitId: string, data: unknown) =>
  t.call('POST', '/api/records', tokens[who], { id, plugin: PLUGIN, form, period, orgUnitId, data });
const step = async (id: string, who: string, transition: string, comment?: string) => {
  const current = await t.call('GET', `/api/records/${id}`, tokens[who]);
  return t.call('POST', `/api/records/${id}/transitions`, tokens[who], { revision: current.body.revision, transition, comment });
};
const edit = async (id: string, who: string, patch: object) => {
  const current = await t.call('GET', `/api/records/${id}`, tokens[who]);
  return t.call('PUT', `/api/records/${id}`, tokens[who], { revision: current.body.revision, data: mergePatch(current.body.data, patch) });
};
/** An override-only write: the record's data as read, with `overrides`. */
const override = async (id: string, who: string, overrides: object) => {
  const current = await t.call('GET', `/api/records/${id}`, tokens[who]);
  return t.call('PUT', `/api/records/${id}`, tokens[who], { revision: current.body.revision, data: current.body.data, overrides });
};
const run = (report: string, query: string, who = 'heshui-reviewer') =>
  t.call('GET', `/api/plugins/${PLUGIN}/reports/${report}?${query}`, tokens[who]);
const pick = (rows: any[], keys: string[]) => rows.map((r) => keys.map((k) => r[k]));
/** Stage-progress rows of townships that filed a ledger, and the county total (every township is listed). */
const filed = (rows: any[]) => rows.filter((r) => r.entities !== 0);
/** The county's six 乡 (2xx codes), in code order. */
const TOWNSHIPS_2XX = ['吉岘乡', '段家集乡', '店子乡', '蒿咀铺乡', '太莪乡', '固城乡'];
/** Bulletin rows of townships that reported nothing that week: 0 entities and settled, every sum empty, ranked last. */
const unreported = (names: string[], rank: number) =>
  names.map((n) => [n, 0, null, null, null, null, null, null, null, null, 0, rank, null]);

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS], now: '2023-04-07T02:00:00Z' });
  for (const u of ['xihuachi-officer', 'taibai-officer', 'heshui-reviewer', 'heshui-admin', 'tianhe-officer']) tokens[u] = await t.login(u);
});
afterAll(async () => {
  await t?.close();
});

describe(`Heshui remediation through the API (${testBackend()})`, () => {
  it('is offered to Heshui townships only', async () => {
    const formsOf = async (who: string) =>
      ((await t.call('GET', '/api/forms', tokens[who])).body.forms as any[]).map((f) => `${f.plugin}/${f.form}`);
    expect(await formsOf('xihuachi-officer')).toEqual(expect.arrayContaining([`${PLUGIN}/ledger`, `${PLUGIN}/weekly-dividend`]));
    expect(await formsOf('tianhe-officer')).not.toContain(`${PLUGIN}/ledger`);
  });

  it('township officers keep ledgers: arrears and the computed mode come back from the server', async () => {
    // 西华池: the fixture base (operating, willing → mode 1) with 10,000 yuan of 2022 dividends unpaid.
    const one = await create(
      'xihuachi-officer',
      'hs-1',
      'ledger',
      CAMPAIGN,
      XIHUACHI,
      mergePatch(ledgerFixtures.base, {
        dividends: [
          { year: 2021, payee: 'households', due: 40000, paid: 40000 },
          { year: 2022, payee: 'households', due: 40000, paid: 30000 },
        ],
      }),
    );
    expect(one.status, JSON.stringify(one.body).slice(0, 600)).toBe(201);
    expect(one.body.data.totals).toEqual({ due: 80000, paid: 80000 - 10000, arrears: 10000 });
    expect(one.body.data.plan.mode).toBe('continue');
    expect(one.body.results.classes).toMatchObject({ 'remediation-mode': 'continue', 'mode-conditions': ['continue'] });

    // 太白: suspended and unwilling → mode 3 before mode 2; 5,000 yuan owed to a village collective for 2021.
    const two = await create(
      'taibai-officer',
      'hs-2',
      'ledger',
      CAMPAIGN,
      TAIBAI,
      mergePatch(ledgerFixtures.base, {
        entity: { name: '太白示例养殖合作社', creditCode: '93621024MA7H00002K', type: 'collective-funded' },
        dividends: [{ year: 2021, payee: 'collective', due: 5000, paid: 0 }],
        operation: { status: 'suspended' },
        assessment: { willingToLink: false },
      }),
    );
    expect(two.status, JSON.stringify(two.body).slice(0, 600)).toBe(201);
    expect(two.body.results.classes).toMatchObject({ 'remediation-mode': 'trustee', 'mode-conditions': ['trustee', 'withdraw'] });
    expect(two.body.data.totals.arrears).toBe(5000);
    // Each township sees its own entities only.
    expect((await t.call('GET', '/api/records/hs-2', tokens['xihuachi-officer'])).status).not.toBe(200);
  });

  it('an officer overrides the computed mode only with a reason; mode 2 is not approved before its agreements', async () => {
    const before = await t.call('GET', '/api/records/hs-1', tokens['xihuachi-officer']);
    const eventsBefore = (await t.call('GET', '/api/records/hs-1/history', tokens['heshui-reviewer'])).body.events.length;
    const blank = await override('hs-1', 'xihuachi-officer', { mode: { value: 'withdraw', reason: ' ' } });
    expect([blank.status, blank.body.error?.code, blank.body.error?.details[0].pointer]).toEqual([
      422,
      'OVERRIDE_REASON_REQUIRED',
      '/overrides/mode/reason',
    ]);
    // Nothing written: same revision, no override, no event.
    const after = await t.call('GET', '/api/records/hs-1', tokens['xihuachi-officer']);
    expect(after.body.revision).toBe(before.body.revision);
    expect(after.body.results.overrides).toBeUndefined();
    expect((await t.call('GET', '/api/records/hs-1/history', tokens['heshui-reviewer'])).body.events.length).toBe(eventsBefore);
    // The county reviewer approves plans; choosing the mode is the township's.
    const byReviewer = await override('hs-1', 'heshui-reviewer', { mode: { value: 'withdraw', reason: '县里决定' } });
    expect([byReviewer.status, byReviewer.body.error?.code]).toEqual([403, 'OVERRIDE_FORBIDDEN']);

    const reasoned = await override('hs-1', 'xihuachi-officer', { mode: { value: 'withdraw', reason: '农户会议多数要求退股' } });
    expect(reasoned.status, JSON.stringify(reasoned.body).slice(0, 600)).toBe(200);
    expect(reasoned.body.results.overrides.mode).toMatchObject({
      computed: 'continue',
      chosen: 'withdraw',
      reason: '农户会议多数要求退股',
    });
    // The chosen mode is the outcome: the field, the class and mode 2's checks follow it.
    expect(reasoned.body.data.plan.mode).toBe('withdraw');
    expect(reasoned.body.results.classes['remediation-mode']).toBe('withdraw');
    expect(reasoned.body.results.failed).toEqual(expect.arrayContaining(['m2-dividends-settled', 'm2-farmers-meeting']));
    // Who changed the mode, why and when is in the record's history.
    const events = (await t.call('GET', '/api/records/hs-1/history', tokens['heshui-reviewer'])).body.events as any[];
    const change = events.find((e) => (e.changes as any[]).some((c) => c.pointer === '/overrides/mode'));
    expect(change?.actor?.name).toBe('西华池镇经办人');
    expect(Number.isNaN(Date.parse(change?.at))).toBe(false); // the audit's own (database) time
    expect(change?.changes).toContainEqual({ pointer: '/overrides/mode', to: { chosen: 'withdraw', reason: '农户会议多数要求退股' } });
    // The mode list shows the computed and the chosen mode side by side, with the reason.
    const list = await run('mode-list', `period=${CAMPAIGN}`, 'xihuachi-officer');
    expect(list.status, JSON.stringify(list.body).slice(0, 600)).toBe(200);
    expect(pick(list.body.rows, ['name', 'computed-mode', 'chosen-mode', 'overridden', 'reason'])).toEqual([
      [ledgerFixtures.base.entity.name, '1 继续带动分红', '2 物化性退股到户', true, '农户会议多数要求退股'],
    ]);
    expect((await step('hs-1', 'xihuachi-officer', 'submit')).body.state).toBe('submitted');
    const approve = await step('hs-1', 'heshui-reviewer', 'approve');
    expect(approve.status).toBe(422);
    expect(approve.body.error.code).toBe('GUARD_FAILED'); // arrears 10,000 and no agreements yet
    expect((await step('hs-1', 'heshui-reviewer', 'return', '先落实拖欠分红')).body.state).toBe('draft');
  });

  it('weekly reports: owed from the ledger, paid before summed from the earlier weeks, cumulative and arrears computed, in kind only with consent', async () => {
    const w13 = await create('xihuachi-officer', 'hs-1-w13', 'weekly-dividend', '2023-W13', XIHUACHI, {
      entity: 'hs-1',
      owed: 999, // replaced by the ledger's arrears
      paidBefore: 999, // computed: no earlier week, so 0
      paidCash: 3000,
      paidInKind: 0,
    });
    expect(w13.status, JSON.stringify(w13.body).slice(0, 600)).toBe(201);
    expect(w13.body.data).toMatchObject({
      entityName: ledgerFixtures.base.entity.name,
      owed: 10000,
      paidBefore: 0,
      cumulative: 3000,
      arrears: 7000,
    });
    expect((await step('hs-1-w13', 'xihuachi-officer', 'report')).body.state).toBe('reported');

    const w14 = await create('xihuachi-officer', 'hs-1-w14', 'weekly-dividend', '2023-W14', XIHUACHI, {
      entity: 'hs-1',
      paidCash: 2000,
      paidInKind: 1000,
    });
    expect(w14.status).toBe(201);
    expect(w14.body.data).toMatchObject({ paidBefore: 3000 }); // week 13's 3000
    expect(w14.body.results.failed).toContain('in-kind-consent');
    expect((await step('hs-1-w14', 'xihuachi-officer', 'report')).body.error.code).toBe('BLOCKING_CHECKS_FAILED');
    const consented = await edit('hs-1-w14', 'xihuachi-officer', { inKindConsent: true });
    expect(consented.body.data).toMatchObject({ paidThisWeek: 3000, cumulative: 6000, arrears: 4000 });
    expect(consented.body.results.failed).toEqual(['consent-households']); // a warning only
    expect((await step('hs-1-w14', 'xihuachi-officer', 'report')).body.state).toBe('reported');

    // Week 15, 1,500 in cash: paid before = 3,000 (W13) + 3,000 (W14) = 6,000; cumulative 7,500; arrears 10,000 − 7,500.
    const w15 = await create('xihuachi-officer', 'hs-1-w15', 'weekly-dividend', '2023-W15', XIHUACHI, {
      entity: 'hs-1',
      paidCash: 1500,
      paidInKind: 0,
    });
    expect(w15.status, JSON.stringify(w15.body).slice(0, 600)).toBe(201);
    expect(w15.body.data).toMatchObject({ owed: 10000, paidBefore: 6000, paidThisWeek: 1500, cumulative: 7500, arrears: 2500 });
    expect(w15.body.results.computed['paid-share']).toBe(0.75);

    const t14 = await create('taibai-officer', 'hs-2-w14', 'weekly-dividend', '2023-W14', TAIBAI, {
      entity: 'hs-2',
      paidCash: 5000,
      paidInKind: 0,
    });
    expect(t14.body.data).toMatchObject({ owed: 5000, arrears: 0 });
    expect(t14.body.results.classes.settled).toBe(true);
    expect((await step('hs-2-w14', 'taibai-officer', 'report')).body.state).toBe('reported');
  });

  it('refuses a second report for the same entity and week', async () => {
    const again = await create('xihuachi-officer', 'hs-1-w14-bis', 'weekly-dividend', '2023-W14', XIHUACHI, {
      entity: 'hs-1',
      paidCash: 100,
      paidInKind: 0,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE_RECORD');
    expect((await t.call('GET', '/api/records/hs-1-w14-bis', tokens['xihuachi-officer'])).status).toBe(404);
  });

  it('the weekly bulletin by township, ranked by share paid, against the week before, with the unranked county total', async () => {
    const r = await run('weekly-bulletin', 'period=2023-W14');
    expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(200);
    expect(
      pick(r.body.rows, [
        'township',
        'entities',
        'owed',
        'paid-week',
        'paid-in-kind',
        'cumulative',
        'arrears',
        'share-paid',
        'paid-prev-week',
        'paid-change',
        'settled',
        'rank',
        'rank-change',
      ]),
    ).toEqual([
      // 太白镇 paid all 5,000 (100 %) and did not report in week 13: no previous week, no change.
      ['太白镇', 1, 5000, 5000, 0, 5000, 0, 1, null, null, 1, 1, null],
      // 西华池镇 paid 3,000 in week 13 and 3,000 (1,000 in kind) in week 14: change 0; 60 % paid, second; in week 13
      // it was the only township (30 %), first: rank change 2 − 1 = +1 (moved down).
      ['西华池镇', 1, 10000, 3000, 1000, 6000, 4000, 0.6, 3000, 0, 0, 2, 1],
      // Every other township is listed (allUnits): nothing reported, so no share paid; an empty value ranks after
      // those with one (tied third), then code order. No rank the week before, so no rank change.
      ...unreported(['老城镇', '板桥镇', '何家畔镇', '肖咀镇', ...TOWNSHIPS_2XX], 3),
      // The county: 8,000 this week against 3,000 the week before; a total is not ranked.
      ['合水县合计', 2, 15000, 8000, 1000, 11000, 4000, 11000 / 15000, 3000, 5000, 1, null, null],
    ]);
    const w13 = await run('weekly-bulletin', 'period=2023-W13');
    // Week 12 has no reports: nothing to compare with.
    expect(pick(w13.body.rows, ['township', 'cumulative', 'arrears', 'paid-prev-week', 'paid-change', 'rank', 'rank-change'])).toEqual([
      ['西华池镇', 3000, 7000, null, null, 1, null],
      ...['老城镇', '太白镇', '板桥镇', '何家畔镇', '肖咀镇', ...TOWNSHIPS_2XX].map((t) => [t, null, null, null, null, 2, null]),
      ['合水县合计', 3000, 7000, null, null, null, null],
    ]);
    const modes = await run('mode-summary', `period=${CAMPAIGN}`);
    expect(pick(modes.body.rows, ['township', 'entities', 'withdraw', 'trustee', 'overridden'])).toEqual([
      ['西华池镇', 1, 1, 0, 1],
      ['太白镇', 1, 0, 1, 0],
      ['合水县合计', 2, 1, 1, 1],
    ]);
  });

  it("dividend arrears by township, year and payee, from the ledgers' dividend rows", async () => {
    const r = await run('arrears-by-year', `period=${CAMPAIGN}`);
    expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(200);
    expect(pick(r.body.rows, ['township', 'year', 'payee', 'rows', 'due', 'paid', 'arrears'])).toEqual([
      // hs-1 (西华池): 2021 paid in full, 2022 10,000 short.
      ['西华池镇', 2021, '入股农户', 1, 40000, 40000, 0],
      ['西华池镇', 2022, '入股农户', 1, 40000, 30000, 10000],
      // hs-2 (太白): 2021 owed 5,000 to the village collective, nothing paid.
      ['太白镇', 2021, '村集体', 1, 5000, 0, 5000],
      // The county: 85,000 due, 70,000 paid, 15,000 in arrears — the two ledgers' totals.arrears, 10,000 + 5,000.
      ['合水县合计', null, null, 3, 85000, 70000, 15000],
    ]);
    // A township officer reads the township's rows only.
    const own = await run('arrears-by-year', `period=${CAMPAIGN}`, 'taibai-officer');
    expect(pick(own.body.rows, ['township', 'year', 'arrears'])).toEqual([['太白镇', 2021, 5000]]);
  });

  it('stage progress counts what is overdue against the stage deadlines', async () => {
    // 2023-04-07: both ledgers are drafts (hs-1 was returned) after the stage-1 deadline of 2023-03-20.
    const r = await run('stage-progress', `period=${CAMPAIGN}`);
    expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(200);
    const cols = ['township', 'entities', 'stage1-overdue', 'with-arrears', 'stage2-overdue', 'stage3-overdue'];
    // All 12 townships and the county total: one that filed no ledger shows 0 entities, so the county sees it.
    expect(r.body.rows).toHaveLength(13);
    expect(
      pick(
        r.body.rows.filter((row: any) => row.township === '吉岘乡'),
        cols,
      ),
    ).toEqual([['吉岘乡', 0, 0, 0, 0, 0]]);
    expect(pick(filed(r.body.rows), cols)).toEqual([
      ['西华池镇', 1, 1, 1, 0, 0],
      ['太白镇', 1, 1, 1, 0, 0],
      ['合水县合计', 2, 2, 2, 0, 0],
    ]);
    const onTime = await run('stage-progress', `period=${CAMPAIGN}&asOf=2023-03-20`);
    expect(pick(filed(onTime.body.rows), cols).at(-1)).toEqual(['合水县合计', 2, 0, 2, 0, 0]);
  });

  it('the campaign reruns in another year by parameters alone', async () => {
    const current = await t.call('GET', `/api/plugins/${PLUGIN}/parameters`, tokens['heshui-admin']);
    expect(current.status).toBe(200);
    const put = await t.call('PUT', `/api/plugins/${PLUGIN}/parameters`, tokens['heshui-admin'], {
      revision: current.body.revision,
      values: {
        ...current.body.values,
        campaignName: '合水县联农带农合作社规范提升专项整治月行动(2027年)',
        windowStart: '2027-03-15',
        windowEnd: '2027-05-15',
        stage1End: '2027-03-20',
        stage2End: '2027-04-30',
        stage3End: '2027-05-10',
        stage4End: '2027-05-15',
        arrearsLastYear: 2026,
      },
    });
    expect(put.status, JSON.stringify(put.body).slice(0, 600)).toBe(202);
    await t.app.jobs.idle();
    t.clock.set('2027-04-07T02:00:00Z');
    for (const u of ['xihuachi-officer', 'heshui-reviewer']) tokens[u] = await t.login(u); // four years on, sessions have expired
    // The same entity in the 2027 campaign: 2026 dividends unpaid now count (they would not under 2022).
    const again = await create(
      'xihuachi-officer',
      'hs-1-2027',
      'ledger',
      '2027-remediation',
      XIHUACHI,
      mergePatch(ledgerFixtures.base, { dividends: [{ year: 2026, payee: 'households', due: 2000, paid: 0 }] }),
    );
    expect(again.status, JSON.stringify(again.body).slice(0, 600)).toBe(201);
    expect(again.body.data.totals.arrears).toBe(2000);
    // Weekly reports fall in the campaign's own window: 2027-W14 (5–11 April 2027) is inside 2027-03-15 … 2027-05-15
    // and is reported; 2023-W16 (17–23 April 2023), inside the old window, is now outside and blocks the report.
    const inside = await create('xihuachi-officer', 'hs-1-2027-w14', 'weekly-dividend', '2027-W14', XIHUACHI, {
      entity: 'hs-1-2027',
      paidCash: 500,
      paidInKind: 0,
    });
    expect(inside.status, JSON.stringify(inside.body).slice(0, 600)).toBe(201);
    expect(inside.body.results.failed).not.toContain('week-in-window');
    expect((await step('hs-1-2027-w14', 'xihuachi-officer', 'report')).body.state).toBe('reported');
    const outside = await create('xihuachi-officer', 'hs-1-2023-w16', 'weekly-dividend', '2023-W16', XIHUACHI, {
      entity: 'hs-1-2027',
      paidCash: 500,
      paidInKind: 0,
    });
    expect(outside.status, JSON.stringify(outside.body).slice(0, 600)).toBe(201);
    expect(outside.body.results.failed).toContain('week-in-window');
    expect((await step('hs-1-2023-w16', 'xihuachi-officer', 'report')).body.error.code).toBe('BLOCKING_CHECKS_FAILED');
    const progress = await run('stage-progress', 'period=2027-remediation');
    expect(pick(filed(progress.body.rows), ['township', 'stage1-overdue', 'stage2-overdue'])).toEqual([
      ['西华池镇', 1, 0],
      ['合水县合计', 1, 0],
    ]);
    // The bulletin's run form offers the campaign name a run takes now (the county's parameter), not an empty box.
    const list = await t.call('GET', `/api/plugins/${PLUGIN}/reports`, tokens['heshui-reviewer']);
    const bulletin = list.body.reports.find((r: any) => r.id === 'weekly-bulletin');
    expect(bulletin.parameters.find((p: any) => p.name === 'campaignName').default).toBe(
      '合水县联农带农合作社规范提升专项整治月行动(2027年)',
    );
  });
});
