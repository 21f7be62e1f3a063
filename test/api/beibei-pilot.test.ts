// The second bundled plugin through the API, with the demo seed's district users: town officers fill surveys at
// their towns, problems never block a submission, the district accepts or returns, and the plugin's reports
// (today's engine) count what a person can count from the four surveys below.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { mergePatch } from '../../platform/fixtures/merge-patch';
import { openTable } from '../../platform/spreadsheets/read-table';

const PLUGIN = 'beibei-pilot';
const fixtures = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, 'fixtures/survey.json'), 'utf8'));
const counsellorFixtures = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, 'fixtures/counsellor.json'), 'utf8'));
const TIANSHENG = '500109001';
// The 17 towns and streets in unit-code order, as allUnits lists them.
const TOWNS: string[] = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, 'codelists/towns.json'), 'utf8'))
  .items.slice()
  .sort((a: any, b: any) => a.code.localeCompare(b.code))
  .map((x: any) => x.label['zh-CN']);
/** One row per town: the given rows for the towns named, `zero` for every other town. */
const everyTown = (given: Record<string, unknown[]>, zero: unknown[]) => TOWNS.map((name) => given[name] ?? [name, ...zero]);
const JINGGUAN = '500109107';
const ALL_SITE_UNMET = { site: { officeEnvironment: false, rulesOnWall: false, facilities: false, serviceFunctions: false } };
// The fixture base meets every requirement (28 points); each survey changes what its comment says.
const SURVEYS: [string, string, string, object][] = [
  ['bb-1', TIANSHENG, 'tiansheng-officer', {}], // 28 → 规范提升, district candidate
  [
    'bb-2',
    TIANSHENG,
    'tiansheng-officer',
    {
      identity: { name: '天生二社', creditCode: '93500109MA5U8BB020', members: 10, memberHouseholds: 9 },
      organisation: { registrationUpToDate: false },
      ...ALL_SITE_UNMET,
    },
  ], // 23 → 限期整改
  [
    'bb-3',
    TIANSHENG,
    'tiansheng-officer',
    { identity: { name: '天生三社', creditCode: '93500109MA5U8BB033', leadIndustry: 'citrus' }, exit: { marketAbnormalList: true } },
  ], // 清理注销
  [
    'bb-4',
    JINGGUAN,
    'jingguan-officer',
    {
      identity: { name: '静观四社', creditCode: '93500109MA5U8BB046', leadIndustry: 'wintersweet', members: 35, memberHouseholds: 30 },
      demonstration: { level: 'municipal', year: 2020 },
    },
  ], // national candidate
];

let t: TestPlatform;
const tokens: Record<string, string> = {};
const step = async (id: string, who: string, transition: string, comment?: string) => {
  const current = await t.call('GET', `/api/records/${id}`, tokens[who]);
  return t.call('POST', `/api/records/${id}/transitions`, tokens[who], { revision: current.body.revision, transition, comment });
};
const run = (report: string, query: string, who = 'beibei-reviewer') =>
  t.call('GET', `/api/plugins/${PLUGIN}/reports/${report}?${query}`, tokens[who]);
const pick = (rows: any[], keys: string[]) => rows.map((r) => keys.map((k) => r[k]));

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS], now: '2022-06-30T02:00:00Z' });
  for (const u of ['tiansheng-officer', 'jingguan-officer', 'beibei-reviewer', 'beibei-admin', 'tianhe-reviewer', 'tianhe-officer'])
    tokens[u] = await t.login(u);
});
afterAll(async () => {
  await t?.close();
});

describe(`Beibei pilot through the API (${testBackend()})`, () => {
  it('applies only in its region (plugin.json regions): offered to and created by Beibei units, refused elsewhere', async () => {
    const formsOf = async (who: string) =>
      ((await t.call('GET', '/api/forms', tokens[who])).body.forms as any[]).map((f) => `${f.plugin}/${f.form}`);
    expect(await formsOf('tiansheng-officer')).toContain(`${PLUGIN}/survey`);
    expect(await formsOf('tiansheng-officer')).not.toContain('guangzhou-demonstration/application');
    expect(await formsOf('tianhe-officer')).toContain('guangzhou-demonstration/application');
    expect(await formsOf('tianhe-officer')).not.toContain(`${PLUGIN}/survey`);
    const outside = await t.call('POST', '/api/records', tokens['tianhe-officer'], {
      id: 'bb-outside',
      plugin: PLUGIN,
      form: 'survey',
      period: '2022',
      orgUnitId: '440106',
      data: fixtures.base,
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('OUTSIDE_PLUGIN_REGIONS');
    expect(outside.body.error.details[0].pointer).toBe('/orgUnitId');
    expect((await t.call('GET', '/api/records/bb-outside', tokens['tianhe-officer'])).status).toBe(404);
  });

  it('a town officer fills surveys; the server returns score, problems with their codes and categories, and the class', async () => {
    for (const [id, unit, who, patch] of SURVEYS) {
      const r = await t.call('POST', '/api/records', tokens[who], {
        id,
        plugin: PLUGIN,
        form: 'survey',
        period: '2022',
        orgUnitId: unit,
        data: mergePatch(fixtures.base, patch),
      });
      expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(201);
    }
    const one = (await t.call('GET', '/api/records/bb-1', tokens['tiansheng-officer'])).body.results;
    expect(one.score).toMatchObject({ total: 28, max: 28 });
    expect(one.score.dimensions.map((d: any) => [d.id, d.score, d.max])).toEqual([
      ['organisation', 6, 6],
      ['charter', 7, 7],
      ['finance', 9, 9],
      ['site', 4, 4],
      ['business', 2, 2],
    ]);
    expect(one.classes).toMatchObject({ 'improvement-class': 'improve', 'demonstration-candidate': 'district', 'problem-count': 0 });

    const two = (await t.call('GET', '/api/records/bb-2', tokens['tiansheng-officer'])).body.results;
    expect(two.score.total).toBe(23);
    expect(two.classes['improvement-class']).toBe('rectify');
    const problems = two.checks.filter((c: any) => !c.passed).map((c: any) => [c.code, c.category, c.message['zh-CN']]);
    expect(problems).toEqual([
      ['BB-ORG-04', 'organisation', '登记事项与实际不一致,未依法办理登记'],
      ['BB-SITE-01', 'site', '办公环境差'],
      ['BB-SITE-02', 'site', '章程制度未上墙'],
      ['BB-SITE-03', 'site', '设施设备不齐全'],
      ['BB-SITE-04', 'site', '服务功能不突出'],
    ]);
    expect((await t.call('GET', '/api/records/bb-3', tokens['tiansheng-officer'])).body.results.classes).toMatchObject({
      'improvement-class': 'clean-up',
      'exit-signal': true,
    });
    expect((await t.call('GET', '/api/records/bb-4', tokens['jingguan-officer'])).body.results.classes['demonstration-candidate']).toBe(
      'national',
    );
  });

  it('keeps each town to its own cooperatives and the district to Beibei', async () => {
    expect((await t.call('GET', '/api/records/bb-1', tokens['jingguan-officer'])).status).not.toBe(200);
    expect((await t.call('GET', '/api/records/bb-4', tokens['tianhe-reviewer'])).status).not.toBe(200);
    expect((await t.call('GET', '/api/records/bb-4', tokens['beibei-reviewer'])).status).toBe(200);
  });

  it('problems do not block submission; the district accepts, or returns with a comment', async () => {
    expect((await step('bb-2', 'beibei-reviewer', 'submit')).status).toBe(403); // the town submits
    for (const id of ['bb-1', 'bb-2', 'bb-3']) expect((await step(id, 'tiansheng-officer', 'submit')).body.state).toBe('submitted');
    expect((await step('bb-4', 'jingguan-officer', 'submit')).body.state).toBe('submitted');
    expect((await step('bb-1', 'tiansheng-officer', 'accept')).status).toBe(403); // acceptance is the district's
    expect((await step('bb-1', 'beibei-reviewer', 'accept')).body.state).toBe('accepted');
    expect((await step('bb-2', 'beibei-reviewer', 'return')).body.error.code).toBe('COMMENT_REQUIRED');
    expect((await step('bb-2', 'beibei-reviewer', 'return', '登记事项请与市场监管局核对')).body.state).toBe('draft');
    expect((await step('bb-1', 'beibei-reviewer', 'reopen', '季度登记信息更新')).body.state).toBe('draft');
    expect((await step('bb-1', 'tiansheng-officer', 'submit')).body.state).toBe('submitted');
    expect((await step('bb-1', 'beibei-reviewer', 'accept')).body.state).toBe('accepted');
  });

  it('survey ledger by town with the district total', async () => {
    const r = await run('survey-ledger', 'period=2022');
    expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(200);
    // 天生: bb-1 (20 members, 18 households), bb-2 (10, 9), bb-3 (20, 18; citrus). 静观: bb-4 (35, 30; wintersweet, municipal).
    const keys = [
      'town',
      'surveyed',
      'accepted',
      'operating',
      'members',
      'households',
      'ind-vegetables',
      'ind-citrus',
      'ind-wintersweet',
      'demo-municipal',
    ];
    const none = [0, 0, 0, null, null, 0, 0, 0, 0];
    expect(pick(r.body.rows, keys)).toEqual([
      // Every town is listed (allUnits); the 15 not yet surveyed count 0 and sum nothing.
      ...everyTown({ 天生街道: ['天生街道', 3, 1, 3, 50, 45, 2, 1, 0, 0], 静观镇: ['静观镇', 1, 0, 1, 35, 30, 0, 0, 1, 1] }, none),
      ['北碚区合计', 4, 1, 4, 85, 75, 2, 1, 1, 1],
    ]);
    // A year nobody surveyed yet: every town at 0, and the district total at 0 too.
    const empty = await run('survey-ledger', 'period=2023');
    expect(pick(empty.body.rows, keys)).toEqual([...everyTown({}, none), ['北碚区合计', ...none]]);
    // A town officer sees their town's row and no district total.
    const town = await run('survey-ledger', 'period=2023', 'jingguan-officer');
    expect(pick(town.body.rows, keys)).toEqual([['静观镇', ...none]]);
  });

  it('classes by town, the list of one class, and the demonstration candidates', async () => {
    const summary = await run('classification-summary', 'period=2022');
    expect(pick(summary.body.rows, ['town', 'total', 'improve', 'rectify', 'clean-up', 'candidates', 'average-score'])).toEqual([
      ['天生街道', 3, 1, 1, 1, 1, 26.333333333333332],
      ['静观镇', 1, 1, 0, 0, 1, 28],
      ['北碚区合计', 4, 2, 1, 1, 2, 26.75],
    ]);
    const rectify = await run('classification-list', 'period=2022&class=rectify');
    expect(pick(rectify.body.rows, ['unit', 'name', 'score', 'problem-count'])).toEqual([['天生街道', '天生二社', 23, 5]]);
    expect(rectify.body.rows[0].problems).toContain('办公环境良好');
    const candidates = await run('demonstration-candidates', 'period=2022');
    expect(pick(candidates.body.rows, ['name', 'current', 'candidate'])).toEqual([
      [fixtures.base.identity.name, '无', '区级'],
      ['静观四社', '市级', '国家级'],
    ]);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/plugins/${PLUGIN}/reports/survey-register?period=2022&format=xlsx`,
      headers: { authorization: `Bearer ${tokens['beibei-reviewer']}` },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('problem ledger by town and category, the problem list with codes, and the ledger as .xlsx', async () => {
    // 天生: bb-1 none; bb-2 BB-ORG-04 and the four site marks (5); bb-3 on the market abnormal list, BB-EXIT-01 (1).
    // 静观: bb-4 none. Nothing is accepted with a problem (bb-1, the accepted one, has none).
    expect((await t.call('GET', '/api/records/bb-3', tokens['beibei-reviewer'])).body.results.classes['problem-count']).toBe(1);
    const ledger = await run('problem-ledger', 'period=2022');
    expect(ledger.status, JSON.stringify(ledger.body).slice(0, 600)).toBe(200);
    const keys = ['town', 'problems', 'organisation', 'charter', 'finance', 'site', 'business', 'exit', 'in-accepted'];
    expect(pick(ledger.body.rows, keys)).toEqual([
      ...everyTown({ 天生街道: ['天生街道', 6, 1, 0, 0, 4, 0, 1, 0] }, [0, 0, 0, 0, 0, 0, 0, 0]),
      ['北碚区合计', 6, 1, 0, 0, 4, 0, 1, 0],
    ]);
    // A town officer's ledger is their town alone.
    const jingguan = await run('problem-ledger', 'period=2022', 'jingguan-officer');
    expect(pick(jingguan.body.rows, keys)).toEqual([['静观镇', 0, 0, 0, 0, 0, 0, 0, 0]]);

    const list = await run('problem-list', 'period=2022');
    expect(list.body.rows).toHaveLength(6);
    const site = await run('problem-list', 'period=2022&category=site');
    expect(pick(site.body.rows, ['town', 'name', 'code', 'category', 'problem', 'class'])).toEqual([
      ['天生街道', '天生二社', 'BB-SITE-01', '阵地建设', '办公环境差', '限期整改'],
      ['天生街道', '天生二社', 'BB-SITE-02', '阵地建设', '章程制度未上墙', '限期整改'],
      ['天生街道', '天生二社', 'BB-SITE-03', '阵地建设', '设施设备不齐全', '限期整改'],
      ['天生街道', '天生二社', 'BB-SITE-04', '阵地建设', '服务功能不突出', '限期整改'],
    ]);
    const exit = await run('problem-list', 'period=2022&category=exit&lang=en');
    expect(pick(exit.body.rows, ['name', 'credit-code', 'code', 'category', 'class'])).toEqual([
      ['天生三社', '93500109MA5U8BB033', 'BB-EXIT-01', 'Exit', 'Clean-up and deregistration'],
    ]);

    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/plugins/${PLUGIN}/reports/problem-ledger?period=2022&format=xlsx`,
      headers: { authorization: `Bearer ${tokens['beibei-reviewer']}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const table = await openTable(xlsx.rawPayload);
    const rows: unknown[][] = [];
    for await (const r of table.rows) rows.push(r.cells);
    await table.close();
    expect(table.header.slice(0, 3)).toEqual(['镇街', '问题合计', '组织机构']);
    expect(rows.find((r) => r[0] === '天生街道')?.slice(0, 8)).toEqual(['天生街道', 6, 1, 0, 0, 4, 0, 1]);
    expect(rows.find((r) => r[0] === '北碚区合计')?.[1]).toBe(6);
    expect(rows.filter((r) => TOWNS.includes(String(r[0])))).toHaveLength(17);
  });

  it('counsellor register: counts, the level against the unit, and counsellors per town', async () => {
    const base = counsellorFixtures.base;
    const make = (id: string, data: unknown) =>
      t.call('POST', '/api/records', tokens['tiansheng-officer'], {
        id,
        plugin: PLUGIN,
        form: 'counsellor',
        period: '',
        orgUnitId: TIANSHENG,
        data,
      });
    const ok = await make('c-1', base);
    expect(ok.status, JSON.stringify(ok.body).slice(0, 600)).toBe(201);
    expect(ok.body.data).toMatchObject({ trainingCount: 1, cooperativeCount: 2 });
    expect(ok.body.results.failed).toEqual([]);
    const village = await make(
      'c-2',
      mergePatch(base, { name: '刘强', level: 'village', background: 'coop-leader', trainings: null, cooperatives: null }),
    );
    expect(village.body.results.failed.sort()).toEqual(['counsels-cooperatives', 'level-matches-unit', 'trained']); // registered at a town, not a village
    const r = await run('counsellors-by-town', '');
    expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(200);
    expect(
      pick(r.body.rows, [
        'town',
        'total',
        'town-level',
        'village',
        'rural-economics',
        'coop-leader',
        'trained',
        'cooperatives',
        'per-counsellor',
      ]),
    ).toEqual([
      // Towns without a counsellor are listed with 0 (allUnits).
      ...everyTown({ 天生街道: ['天生街道', 2, 1, 1, 1, 1, 1, 2, 1] }, [0, 0, 0, 0, 0, 0, null, null]),
      ['北碚区合计', 2, 1, 1, 1, 1, 1, 2, 1],
    ]);
  });
});
