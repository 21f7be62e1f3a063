// The Guangzhou plugin end to end through the API: application → district 初审 → recommendation → city 复审 →
// scoring → ranking within the quota → 公示 for 5 working days → award; then the monitoring round revokes the
// title, and the 3-year bar refuses the next application. Dates are chosen so that a person can check the
// 公示 end against the 2024 holiday notice (国庆 10/1–10/7, make-up working day 9/29).
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { mergePatch } from '../../platform/fixtures/merge-patch';
import { withUploads } from '../helpers/uploads';

const PLUGIN = 'guangzhou-demonstration';
const fixtures = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, 'fixtures/application.json'), 'utf8'));
const monitoringFixtures = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, 'fixtures/monitoring.json'), 'utf8'));
// The fixture suite's passing cooperative (score 100) and a second one without a trademark (打造品牌 −4 → 96).
const FIRST = fixtures.base;
const SECOND = mergePatch(fixtures.base, {
  name: '番禺区第二合作社',
  creditCode: '93440113MA5CXX2A51',
  sheet: { trademark: false },
}) as Record<string, any>;

let t: TestPlatform;
const tokens: Record<string, string> = {};
const users = ['panyu-officer', 'panyu-reviewer', 'city-reviewer', 'admin', 'tianhe-officer'];
async function at(iso: string) {
  t.clock.set(iso);
  for (const u of users) tokens[u] = await t.login(u);
}
const step = async (id: string, who: string, transition: string, comment?: string) => {
  const current = await t.call('GET', `/api/records/${id}`, tokens[who]);
  return t.call('POST', `/api/records/${id}/transitions`, tokens[who], { revision: current.body.revision, transition, comment });
};
// The fixtures name placeholder attachment ids; a saved record names real uploads of its author.
const apply = async (id: string, data: object, period = '2024') =>
  t.call('POST', '/api/records', tokens['panyu-officer'], {
    id,
    plugin: PLUGIN,
    form: 'application',
    period,
    orgUnitId: '440113',
    data: await withUploads(t, tokens['panyu-officer'], PLUGIN, 'application', data as Record<string, unknown>),
  });

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS] });
  await at('2024-05-06T02:00:00Z');
});
afterAll(async () => {
  await t?.close();
});

describe(`Guangzhou demonstration cooperatives through the API (${testBackend()})`, () => {
  it('lists the forms a district officer may fill', async () => {
    const r = await t.call('GET', '/api/forms', tokens['panyu-officer']);
    // Other bundled plugins' forms are listed too (the engine does not yet scope a plugin to its `regions`).
    expect(
      r.body.forms
        .filter((f: any) => f.plugin === PLUGIN)
        .map((f: any) => f.form)
        .sort(),
    ).toEqual(['application', 'monitoring']);
  });

  it('computes eligibility, score by dimension and priority flags on the server', async () => {
    const r = await apply('gz-1', FIRST);
    expect(r.status).toBe(201);
    expect(r.body.results.blocking).toBe(0);
    expect(r.body.results.score.total).toBe(100);
    expect(r.body.results.score.dimensions.map((d: any) => d.id)).toHaveLength(7);
    expect(r.body.results.checks.find((c: any) => c.id === 'dq-bar').passed).toBe(true);
    expect(r.body.results.classList.some((c: any) => c.group === 'priority')).toBe(true);
    const second = await apply('gz-2', SECOND);
    expect(second.body.results.score.total).toBe(96);
  });

  it('refuses to submit an application that fails a condition at its boundary', async () => {
    const poor = mergePatch(FIRST, {
      name: '资本不足社',
      creditCode: '93440113MA5CXX3A5N',
      membership: { memberCapital: 299999 },
    }) as object;
    const r = await apply('gz-poor', poor);
    expect(r.status).toBe(201);
    const submit = await step('gz-poor', 'panyu-officer', 'submit');
    expect(submit.status).toBe(422);
    expect(submit.body.error.code).toBe('BLOCKING_CHECKS_FAILED');
    expect(submit.body.error.details.map((d: any) => d.pointer)).toContain('/data/membership/memberCapital');
  });

  it('walks both applications through district and city review to scoring', async () => {
    for (const id of ['gz-1', 'gz-2']) {
      expect((await step(id, 'panyu-officer', 'submit')).body.state).toBe('submitted');
      expect((await step(id, 'city-reviewer', 'first-review-approve')).status).toBe(403); // 初审 is the district's
      expect((await step(id, 'panyu-reviewer', 'first-review-approve')).body.state).toBe('first-reviewed');
      expect((await step(id, 'panyu-reviewer', 'recommend')).body.error.code).toBe('COMMENT_REQUIRED');
      expect((await step(id, 'panyu-reviewer', 'recommend', '区发改、商务、市场监管、金融、税务部门无异议')).body.state).toBe(
        'recommended',
      );
      expect((await step(id, 'city-reviewer', 'second-review-accept')).body.state).toBe('selected');
      expect((await step(id, 'city-reviewer', 'score')).body.state).toBe('scored');
    }
    const tianhe = await t.call('GET', '/api/records/gz-1', tokens['tianhe-officer']);
    expect(tianhe.status).toBe(404);
  });

  it('ranks by total score, and the quota decides who may be nominated', async () => {
    const params = await t.call('GET', `/api/plugins/${PLUGIN}/parameters`, tokens.admin);
    expect(params.body.values.quota).toBe(10);
    const set = await t.call('PUT', `/api/plugins/${PLUGIN}/parameters`, tokens.admin, {
      revision: params.body.revision,
      values: { ...params.body.values, quota: 1 },
    });
    expect(set.status).toBe(202);
    await t.app.jobs.idle();

    const ranking = await t.call('GET', `/api/plugins/${PLUGIN}/forms/application/ranking?period=2024`, tokens['city-reviewer']);
    expect(ranking.body.quota).toBe(1);
    expect(ranking.body.rows.map((r: any) => [r.id, r.rank, r.value, r.withinQuota])).toEqual([
      ['gz-1', 1, 100, true],
      ['gz-2', 2, 96, false],
    ]);

    const refused = await step('gz-2', 'city-reviewer', 'nominate');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('GUARD_FAILED');
    expect((await step('gz-1', 'city-reviewer', 'nominate')).body.state).toBe('candidate');
  });

  it('publicizes for 5 working days on the holiday calendar, and awards only after the notice', async () => {
    await at('2024-09-27T02:00:00Z'); // a Friday; 9/29 is a make-up working day, 10/1–10/7 are holidays
    const pub = await step('gz-1', 'city-reviewer', 'publicize');
    expect(pub.body.state).toBe('publicized');
    // Working days counted from 9/27: 9/27, 9/29, 9/30, 10/8, 10/9.
    expect(pub.body.workflow).toMatchObject({ noticeStart: '2024-09-27', noticeEnd: '2024-10-09' });

    await at('2024-10-09T02:00:00Z');
    const early = await step('gz-1', 'city-reviewer', 'award');
    expect(early.body.error.code).toBe('GUARD_FAILED');
    await at('2024-10-10T02:00:00Z');
    const award = await step('gz-1', 'city-reviewer', 'award');
    expect(award.body.state).toBe('awarded');
    const marks = await t.platform.ctx.db.selectFrom('marks').selectAll().where('subject', '=', FIRST.creditCode).execute();
    expect(marks.map((m) => [m.kind, m.from_date, m.until_date])).toEqual([['title', '2024-10-10', null]]);
  });

  it('revokes the title in monitoring below 80 points and bars re-application for 3 years', async () => {
    await at('2025-05-20T02:00:00Z');
    const at79 = monitoringFixtures.cases.find((c: any) => c.expected?.classes?.outcome === 'revoked' && c.expected?.score?.total === 79);
    expect(at79).toBeDefined();
    const data = await withUploads(
      t,
      tokens['panyu-officer'],
      PLUGIN,
      'monitoring',
      mergePatch(monitoringFixtures.base, at79.input) as Record<string, unknown>,
    );
    const created = await t.call('POST', '/api/records', tokens['panyu-officer'], {
      id: 'gz-m1',
      plugin: PLUGIN,
      form: 'monitoring',
      period: '2025',
      orgUnitId: '440113',
      data,
    });
    expect(created.status).toBe(201);
    expect(created.body.results.score.total).toBe(79);
    expect(created.body.results.classes.outcome).toBe('revoked');
    expect(created.body.results.checks.find((c: any) => c.id === 'm-title-held').passed).toBe(true);
    expect((await step('gz-m1', 'panyu-officer', 'submit')).body.state).toBe('submitted');
    expect((await step('gz-m1', 'panyu-reviewer', 'district-check')).body.state).toBe('checked');
    expect((await step('gz-m1', 'city-reviewer', 'keep')).body.error.code).toBe('GUARD_FAILED');
    expect((await step('gz-m1', 'city-reviewer', 'revoke', '评分79分,低于80分')).body.state).toBe('revoked');

    const marks = await t.platform.ctx.db.selectFrom('marks').selectAll().where('subject', '=', FIRST.creditCode).orderBy('id').execute();
    expect(marks.map((m) => [m.kind, m.from_date, m.until_date])).toEqual([
      ['title', '2024-10-10', '2025-05-20'],
      ['bar', '2025-05-20', '2028-05-20'],
    ]);

    await at('2026-04-01T02:00:00Z');
    const again = await apply('gz-again', FIRST, '2026');
    expect(again.status).toBe(201);
    expect(again.body.results.failed).toContain('dq-bar');
    const submit = await step('gz-again', 'panyu-officer', 'submit');
    expect(submit.body.error.code).toBe('BLOCKING_CHECKS_FAILED');
    const barred = await t.call('GET', `/api/plugins/${PLUGIN}/marks?kind=bar`, tokens['city-reviewer']);
    expect(barred.body.marks).toEqual([expect.objectContaining({ subject: FIRST.creditCode, until: '2028-05-20' })]);
  });

  it('a parameter change moves the rule results of open records, not of decided ones', async () => {
    const params = await t.call('GET', `/api/plugins/${PLUGIN}/parameters`, tokens.admin);
    const r = await t.call('PUT', `/api/plugins/${PLUGIN}/parameters`, tokens.admin, {
      revision: params.body.revision,
      values: { ...params.body.values, minMemberCapital: 600000 },
    });
    expect(r.status).toBe(202);
    await t.app.jobs.idle();
    const open = await t.call('GET', '/api/records/gz-again', tokens['panyu-officer']);
    expect(open.body.results.failed).toContain('capital-cooperative');
    const decided = await t.call('GET', '/api/records/gz-1', tokens['panyu-officer']);
    expect(decided.body.results.failed).not.toContain('capital-cooperative');
    const history = await t.call('GET', '/api/records/gz-again/history', tokens['panyu-officer']);
    expect(history.body.events.at(-1).action).toBe('recompute');
  });
});
