// Guangzhou's five reports on a handful of records whose values the test states, so every expected row below can
// be checked by hand: ranking by total score (ties to the earlier submission, 第七条3), the quota line (第六条),
// the 公示 dates (第七条5), monitoring outcomes (第十条) and the 3-year bars (第十一条、第十二条). One application is
// made through the API so that the report reads real rule results (priority flags of 第四条(四)).
import path from 'node:path';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { mergePatch } from '../../platform/fixtures/merge-patch';
import { seedMark, seedRecord, type Seed } from './seed';

const PLUGIN = 'guangzhou-demonstration';
const fixtures = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, 'fixtures/application.json'), 'utf8'));
const TIANHE = '440106';
const PANYU = '440113';
const BAIYUN = '440111';

let t: TestPlatform;
const tokens: Record<string, string> = {};
const run = async (report: string, query: string, who = 'city-reviewer') =>
  t.call('GET', `/api/plugins/${PLUGIN}/reports/${report}?${query}`, tokens[who]);

const score = (total: number | null, classes: Record<string, boolean> = {}, extra: Record<string, unknown> = {}) => ({
  score: total === null ? null : { total, max: 100, mandatoryFailed: [] },
  classes,
  failed: [],
  blocking: 0,
  ...extra,
});
const app = (s: Omit<Seed, 'plugin' | 'form'>): Seed => ({ plugin: PLUGIN, form: 'application', ...s });
const NOTICE = { noticeStart: '2024-09-27', noticeEnd: '2024-10-09' };

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS, TEST_PLUGINS] });
  for (const u of ['city-reviewer', 'tianhe-officer', 'panyu-officer', 'admin']) tokens[u] = await t.login(u);
  const db = t.platform.ctx.db;

  // Through the API: the fixture suite's passing cooperative (score 100), with a compliance certificate
  // (第四条(四)1 → brand) and a district media report (第四条(四)2 → model). Its attachments are left out (uploads
  // are another suite's subject); the material checks are not part of the score sheet.
  const data = mergePatch(fixtures.base, { priority: { qualifiedCertificate: true, mediaReported: true }, attachments: null });
  const created = await t.call('POST', '/api/records', tokens['panyu-officer'], {
    id: 'gz-api',
    plugin: PLUGIN,
    form: 'application',
    period: '2024',
    orgUnitId: PANYU,
    data,
  });
  expect(created.status, JSON.stringify(created.body).slice(0, 800)).toBe(201);
  await db.updateTable('records').set({ state: 'scored', submitted_at: '2024-05-02T01:00:00Z' }).where('id', '=', 'gz-api').execute();

  const seeds: Seed[] = [
    app({
      id: 'a1',
      period: '2024',
      unit: TIANHE,
      state: 'scored',
      subject: 'A1',
      title: '天河一社',
      results: score(92, { 'priority-brand': true }),
      submittedAt: '2024-05-01T01:00:00Z',
    }),
    app({
      id: 'a2',
      period: '2024',
      unit: PANYU,
      state: 'candidate',
      subject: 'A2',
      title: '番禺二社',
      results: score(96, { 'priority-brand': true, 'priority-model': true }),
      submittedAt: '2024-05-02T02:00:00Z',
    }),
    app({
      id: 'a3',
      period: '2024',
      unit: TIANHE,
      state: 'publicized',
      subject: 'A3',
      title: '天河三社',
      results: score(88),
      workflow: NOTICE,
      submittedAt: '2024-05-03T01:00:00Z',
    }),
    app({
      id: 'a4',
      period: '2024',
      unit: BAIYUN,
      state: 'awarded',
      subject: 'A4',
      title: '白云四社',
      results: score(92, { 'priority-machinery': true }),
      workflow: NOTICE,
      submittedAt: '2024-04-30T01:00:00Z',
    }),
    app({ id: 'a5', period: '2024', unit: TIANHE, state: 'draft', subject: 'A5', title: '天河五社', results: score(null) }),
    app({
      id: 'a6',
      period: '2024',
      unit: PANYU,
      state: 'rejected',
      subject: 'A6',
      title: '番禺六社',
      results: score(70),
      workflow: NOTICE,
      submittedAt: '2024-05-01T02:00:00Z',
    }),
    app({
      id: 'a7',
      period: '2024',
      unit: TIANHE,
      state: 'submitted',
      subject: 'A7',
      title: '天河七社',
      results: score(80),
      submittedAt: '2024-05-04T01:00:00Z',
    }),
    app({
      id: 'a8',
      period: '2023',
      unit: PANYU,
      state: 'awarded',
      subject: 'A8',
      title: '番禺八社',
      results: score(95),
      workflow: { noticeStart: '2023-09-01', noticeEnd: '2023-09-07' },
      submittedAt: '2023-05-01T01:00:00Z',
    }),
    app({
      id: 'a9',
      period: '2024',
      unit: PANYU,
      state: 'scored',
      subject: 'A9',
      title: '番禺九社',
      results: score(75),
      submittedAt: '2024-05-05T01:00:00Z',
    }),
    // Monitoring 2025: kept at 90; revoked at 79 (below 80); revoked at 85 with a mandatory item and a check failed.
    {
      plugin: PLUGIN,
      form: 'monitoring',
      id: 'm1',
      period: '2025',
      unit: TIANHE,
      state: 'kept',
      subject: 'M1',
      title: '天河监测一',
      data: { titleYear: 2021 },
      results: score(90),
    },
    {
      plugin: PLUGIN,
      form: 'monitoring',
      id: 'm2',
      period: '2025',
      unit: PANYU,
      state: 'revoked',
      subject: 'M2',
      title: '番禺监测二',
      data: { titleYear: 2022 },
      results: score(79),
    },
    {
      plugin: PLUGIN,
      form: 'monitoring',
      id: 'm3',
      period: '2025',
      unit: PANYU,
      state: 'revoked',
      subject: 'M3',
      title: '番禺监测三',
      data: { titleYear: 2020 },
      results: {
        score: { total: 85, max: 100, mandatoryFailed: ['s-licence'] },
        classes: { outcome: 'revoked' },
        failed: ['m-audited-statements'],
        blocking: 1,
      },
    },
    {
      plugin: PLUGIN,
      form: 'monitoring',
      id: 'm4',
      period: '2025',
      unit: TIANHE,
      state: 'checked',
      subject: 'M4',
      title: '天河监测四',
      data: { titleYear: 2021 },
      results: score(60),
    },
  ];
  for (const s of seeds) await seedRecord(db, s);
  const reason = (zh: string) => ({ 'zh-CN': zh, en: `EN ${zh}` });
  await seedMark(db, {
    plugin: PLUGIN,
    subject: 'M2',
    kind: 'bar',
    from: '2025-05-20',
    until: '2028-05-20',
    recordId: 'm2',
    reason: reason('监测不合格'),
  });
  await seedMark(db, {
    plugin: PLUGIN,
    subject: 'A6',
    kind: 'bar',
    from: '2022-01-10',
    until: '2025-01-10',
    recordId: 'a6',
    reason: reason('弄虚作假'),
  });
  await seedMark(db, {
    plugin: PLUGIN,
    subject: 'A7',
    kind: 'bar',
    from: '2025-03-01',
    until: '2028-03-01',
    recordId: 'a7',
    reason: reason('第十二条情形'),
  });
  await seedMark(db, {
    plugin: PLUGIN,
    subject: 'A4',
    kind: 'title',
    from: '2024-10-10',
    until: null,
    recordId: 'a4',
    reason: reason('获评'),
  });
});
afterAll(async () => {
  await t?.close();
});

const pick = (rows: any[], keys: string[]) => rows.map((r) => keys.map((k) => r[k]));

describe(`Guangzhou reports (${testBackend()})`, () => {
  it('lists the five reports with their parameters', async () => {
    const r = await t.call('GET', `/api/plugins/${PLUGIN}/reports`, tokens['tianhe-officer']);
    expect(r.status).toBe(200);
    expect(r.body.reports.map((x: any) => x.id)).toEqual([
      'applications-by-district',
      'candidate-ranking',
      'notice-list',
      'monitoring-results',
      'barred-list',
    ]);
    const ranking = r.body.reports.find((x: any) => x.id === 'candidate-ranking');
    expect(ranking.period).toMatchObject({ required: true, kind: 'year' });
    expect(ranking.parameters).toEqual([expect.objectContaining({ name: 'quota', type: 'integer', defaultParameter: 'quota' })]);
    expect(r.body.reports.find((x: any) => x.id === 'barred-list').period).toBeNull();
  });

  it('applications by district and state, with the city total rolled up from the districts', async () => {
    const r = await run('applications-by-district', 'period=2024');
    expect(r.status).toBe(200);
    const keys = ['district', 'total', 'draft', 'submitted', 'scored', 'candidate', 'publicized', 'awarded', 'rejected', 'awarded-share'];
    // Tianhe: a1 scored, a3 publicized, a5 draft, a7 submitted. Panyu: gz-api, a9 scored, a2 candidate, a6 rejected.
    // Baiyun: a4 awarded. a8 is of 2023. Equal totals go by district code (440106 before 440113).
    expect(pick(r.body.rows, keys)).toEqual([
      ['天河区', 4, 1, 1, 1, 0, 1, 0, 0, 0],
      ['番禺区', 4, 0, 0, 2, 1, 0, 0, 1, 0],
      ['白云区', 1, 0, 0, 0, 0, 0, 1, 0, 1],
      ['广州市合计', 9, 1, 1, 3, 1, 1, 1, 1, 1 / 9],
    ]);
    expect(r.body.rows[3]._rollup).toBe(true);
    expect(r.body.chart).toMatchObject({ type: 'stacked', category: 'district' });
    expect(r.body.columns[0]).toMatchObject({ id: 'district', label: { 'zh-CN': '区', en: 'District' } });
  });

  it('ranks the candidates by total score, ties to the earlier submission, with the quota line and priority flags', async () => {
    const r = await run('candidate-ranking', 'period=2024&quota=3');
    expect(r.status).toBe(200);
    expect(r.body.parameters).toEqual({ period: '2024', orgUnitId: null, quota: 3 });
    // States scored/candidate/publicized/awarded of 2024: gz-api 100, a2 96, a4 92 (submitted 04-30), a1 92 (05-01), a3 88, a9 75.
    expect(
      pick(r.body.rows, [
        'rank',
        'name',
        'district',
        'score',
        'within-quota',
        'priority-brand',
        'priority-model',
        'priority-governance',
        'priority-machinery',
        'state',
      ]),
    ).toEqual([
      [1, fixtures.base.name, '番禺区', 100, true, true, true, false, false, '已评分'],
      [2, '番禺二社', '番禺区', 96, true, true, true, null, null, '列入候选名单'],
      [3, '白云四社', '白云区', 92, true, null, null, null, true, '已授予市级示范社称号'],
      [4, '天河一社', '天河区', 92, false, true, null, null, null, '已评分'],
      [5, '天河三社', '天河区', 88, false, null, null, null, null, '公示中'],
      [6, '番禺九社', '番禺区', 75, false, null, null, null, null, '已评分'],
    ]);
    // Without quota the plugin parameter (10) applies: everyone is within it.
    const dflt = await run('candidate-ranking', 'period=2024');
    expect(dflt.body.parameters.quota).toBe(10);
    expect(dflt.body.rows.every((x: any) => x['within-quota'] === true)).toBe(true);
    expect(dflt.body.print.footerLines[0]).toContain('评定名额:10 家');
  });

  it('the 公示 list carries the notice dates of every published candidate', async () => {
    const r = await run('notice-list', 'period=2024');
    // a4 (92, awarded), a3 (88, still under notice), a6 (70, objection upheld); a8 is of 2023.
    expect(pick(r.body.rows, ['no', 'name', 'district', 'score', 'notice-start', 'notice-end', 'state'])).toEqual([
      [1, '白云四社', '白云区', 92, '2024-09-27', '2024-10-09', '已授予市级示范社称号'],
      [2, '天河三社', '天河区', 88, '2024-09-27', '2024-10-09', '公示中'],
      [3, '番禺六社', '番禺区', 70, '2024-09-27', '2024-10-09', '未通过'],
    ]);
    expect(r.body.print.title).toBe('2024年度广州市农民合作社市级示范社候选名单公示');
    expect(r.body.print.headerLines[0]).toContain('公示期为5个工作日');
  });

  it('monitoring results: kept and revoked, with the mandatory items and checks that failed', async () => {
    const r = await run('monitoring-results', 'period=2025');
    // m4 is still at the district check: not a result yet.
    expect(pick(r.body.rows, ['name', 'score', 'outcome', 'mandatory-failed', 'failed'])).toEqual([
      ['天河监测一', 90, '监测合格,保留资格', [], []],
      ['番禺监测三', 85, '取消市级示范社资格', ['依法登记,营业执照有效且信息一致(必备)'], ['上年度审计财务报表']],
      ['番禺监测二', 79, '取消市级示范社资格', [], []],
    ]);
    const en = await run('monitoring-results', 'period=2025&lang=en');
    expect(en.body.rows[1]).toMatchObject({
      district: 'Panyu District',
      outcome: 'Title revoked',
      failed: ['Audited statements of last year'],
    });
  });

  it('the barred list shows the bars open on a day, with the day they end and why', async () => {
    const r = await run('barred-list', 'on=2025-06-01');
    expect(pick(r.body.rows, ['credit-code', 'name', 'district', 'from', 'until', 'reason'])).toEqual([
      ['A7', '天河七社', '天河区', '2025-03-01', '2028-03-01', '第十二条情形'],
      ['M2', '番禺监测二', '番禺区', '2025-05-20', '2028-05-20', '监测不合格'],
    ]);
    // On 2024-06-01 only the bar that ended on 2025-01-10 was open; the title mark is never a bar.
    expect(pick((await run('barred-list', 'on=2024-06-01')).body.rows, ['credit-code'])).toEqual([['A6']]);
    // Default: today (the test clock says 2024-05-06).
    expect((await run('barred-list', '')).body.parameters.on).toBe('2024-05-06');
    expect(pick((await run('barred-list', 'on=2025-01-10')).body.rows, ['credit-code'])).toEqual([]); // the end day is free
  });

  it("a district officer sees exactly the city reviewer's rows of the district", async () => {
    for (const [report, query] of [
      ['candidate-ranking', 'period=2024'],
      ['notice-list', 'period=2024'],
      ['monitoring-results', 'period=2025'],
      ['barred-list', 'on=2025-06-01'],
    ]) {
      const city = await run(report, query, 'city-reviewer');
      const tianhe = await run(report, query, 'tianhe-officer');
      expect(tianhe.status).toBe(200);
      const expected = city.body.rows.filter((x: any) => x.district === '天河区');
      expect(tianhe.body.rows, report).toEqual(expected);
      expect(expected.length, report).toBeGreaterThan(0);
      expect(city.body.rows.length, report).toBeGreaterThan(expected.length);
    }
    // The ranks are the citywide ones (the official ranking), not re-counted within the district.
    expect(pick((await run('candidate-ranking', 'period=2024', 'tianhe-officer')).body.rows, ['rank', 'name'])).toEqual([
      [4, '天河一社'],
      [5, '天河三社'],
    ]);
    const summary = await run('applications-by-district', 'period=2024', 'tianhe-officer');
    // No city total for a district officer: it would be Tianhe's numbers under the city's name.
    expect(pick(summary.body.rows, ['district', 'total', 'scored'])).toEqual([['天河区', 4, 1]]);
    expect(summary.body.scope.units).toEqual([{ id: TIANHE, name: { 'zh-CN': '天河区', en: 'Tianhe District' } }]);
  });

  it("narrows to a requested org unit inside the user's scope", async () => {
    const r = await run('applications-by-district', `period=2024&orgUnitId=${PANYU}`);
    expect(pick(r.body.rows, ['district', 'total'])).toEqual([['番禺区', 4]]);
    expect(r.body.scope.orgUnit).toMatchObject({ id: PANYU, level: 'county' });
  });

  it('refuses bad parameters with catalogued errors that name the parameter', async () => {
    const cases: [string, string, string, number, string, string?][] = [
      ['candidate-ranking', 'period=2024&quota=abc', 'city-reviewer', 422, 'REPORT_PARAMETER_INVALID', '/quota'],
      ['candidate-ranking', 'period=2024&quota=-1', 'city-reviewer', 422, 'REPORT_PARAMETER_INVALID', '/quota'],
      ['candidate-ranking', 'period=2024&quota=1&quota=2', 'city-reviewer', 422, 'REPORT_PARAMETER_INVALID', '/quota'],
      ['candidate-ranking', 'period=24', 'city-reviewer', 422, 'PERIOD_INVALID', '/period'],
      ['candidate-ranking', '', 'city-reviewer', 422, 'PERIOD_INVALID', '/period'],
      ['candidate-ranking', 'period=2024&bogus=1', 'city-reviewer', 422, 'REPORT_PARAMETER_INVALID', '/bogus'],
      ['candidate-ranking', 'period=2024&format=pdf', 'city-reviewer', 422, 'REPORT_PARAMETER_INVALID', '/format'],
      ['candidate-ranking', 'period=2024&lang=fr', 'city-reviewer', 422, 'REPORT_PARAMETER_INVALID', '/lang'],
      ['candidate-ranking', `period=2024&orgUnitId=${PANYU}`, 'tianhe-officer', 422, 'ORG_UNIT_INVALID', '/orgUnitId'],
      ['candidate-ranking', 'period=2024&orgUnitId=nowhere', 'city-reviewer', 422, 'ORG_UNIT_INVALID', '/orgUnitId'],
      ['barred-list', 'on=2025-13-01', 'city-reviewer', 422, 'REPORT_PARAMETER_INVALID', '/on'],
      ['barred-list', 'period=2024', 'city-reviewer', 422, 'REPORT_PARAMETER_INVALID', '/period'],
      ['no-such-report', 'period=2024', 'city-reviewer', 404, 'NOT_FOUND', '/report'],
    ];
    for (const [report, query, who, status, code, pointer] of cases) {
      const r = await run(report, query, who);
      expect([r.status, r.body.error?.code, r.body.error?.details?.[0]?.pointer], `${report}?${query}`).toEqual([status, code, pointer]);
      expect(r.body.error.message['zh-CN'].length).toBeGreaterThan(0);
    }
    expect((await t.call('GET', `/api/plugins/${PLUGIN}/reports/candidate-ranking?period=2024`)).status).toBe(401);
  });

  it('downloads the ranking as .xlsx and .csv with Chinese headers and a title naming report, period, unit and time', async () => {
    t.clock.set('2024-05-06T02:30:00Z');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/plugins/${PLUGIN}/reports/candidate-ranking?period=2024&quota=3&format=xlsx`,
      headers: { authorization: `Bearer ${tokens['city-reviewer']}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="candidate-ranking-2024.xlsx"; filename*=UTF-8''${encodeURIComponent('市级示范社评分排名及候选名单-2024.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as any);
    const ws = wb.worksheets[0];
    const texts: string[] = [];
    ws.eachRow((row) =>
      texts.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) =>
            v && typeof v === 'object' && 'richText' in (v as any) ? (v as any).richText.map((x: any) => x.text).join('') : String(v ?? ''),
          )
          .join('|'),
      ),
    );
    expect(texts[0]).toContain('2024年度广州市农民合作社市级示范社评分排名');
    expect(texts.join('\n')).toContain('期间: 2024');
    expect(texts.join('\n')).toContain('组织机构: 广州市');
    expect(texts.join('\n')).toContain('生成时间: 2024-05-06 10:30'); // Asia/Shanghai
    const header = texts.findIndex((x) => x.startsWith('排名|合作社名称|统一社会信用代码|所在区|总分|名额以内'));
    expect(header).toBeGreaterThan(0);
    expect(texts[header + 1].split('|').slice(0, 6)).toEqual(['1', fixtures.base.name, fixtures.base.creditCode, '番禺区', '100', '是']);
    expect(texts[header + 4].split('|').slice(0, 6)).toEqual(['4', '天河一社', 'A1', '天河区', '92', '否']);
    // The print view's footer (the quota line of the plugin's report) ends the sheet too, which prints as declared.
    expect(texts.at(-1)).toContain('评定名额:3 家');
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1 });

    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/plugins/${PLUGIN}/reports/candidate-ranking?period=2024&quota=3&format=csv&lang=en`,
      headers: { authorization: `Bearer ${tokens['city-reviewer']}` },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const body = csv.rawPayload.toString('utf8');
    expect(body).toContain('Rank,Cooperative,Credit code,District,Total score,Within quota');
    expect(body).toContain('4,天河一社,A1,Tianhe District,92.0,No');
  });
});
