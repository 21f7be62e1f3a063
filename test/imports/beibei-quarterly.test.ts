// The Beibei pilot's quarterly market-supervision file through the API (issue 10): the district imports the
// bureau's registration data onto the surveyed cooperatives by 统一社会信用代码 — an update-only import declared
// in the plugin's plugin.json. Deregistered or newly abnormal cooperatives move to 清理注销 (also a survey the
// district already accepted), the change is in each record's history, a row matching no surveyed cooperative is
// listed back and nothing is created, and a file with a bad row changes nothing in mode `all`.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { mergePatch } from '../../platform/fixtures/merge-patch';
import { multipartBody, readSheet, uscc, xlsxOf } from './helpers';

const PLUGIN = 'beibei-pilot';
const base = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, 'fixtures/survey.json'), 'utf8')).base;
const TIANSHENG = '500109001';
const JINGGUAN = '500109107';
// The fixture base meets all 28 requirements with no exit signal: 规范提升.
const A = base.identity.creditCode as string;
const B = '93500109MA5U8BB020'; // 23 points: 限期整改
const C = '93500109MA5U8BB046';
const UNKNOWN = uscc(99, '93500109MA5');
const NO_SITE = { site: { officeEnvironment: false, rulesOnWall: false, facilities: false, serviceFunctions: false } };

let t: TestPlatform;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

async function survey(who: string, unit: string, patch: object) {
  const r = await t.call('POST', '/api/records', tokens[who], {
    plugin: PLUGIN,
    form: 'survey',
    period: '2022',
    orgUnitId: unit,
    data: mergePatch(base, patch),
  });
  if (r.status !== 201) throw new Error(`create: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
const step = async (id: string, who: string, transition: string) => {
  const current = await t.call('GET', `/api/records/${id}`, tokens[who]);
  const r = await t.call('POST', `/api/records/${id}/transitions`, tokens[who], { revision: current.body.revision, transition });
  if (r.status !== 200) throw new Error(`${transition}: ${r.status} ${JSON.stringify(r.body)}`);
};

async function importFile(who: string, rows: unknown[][], mode = 'valid') {
  const bytes = await xlsxOf(
    ['统一社会信用代码', '企业名称', '登记状态', '列入经营异常名录', '住所'],
    rows,
    '市场监管局共享登记信息(季度)',
  );
  const { payload, headers } = multipartBody({ plugin: PLUGIN, form: 'survey', period: '2022', mode }, { name: '登记信息.xlsx', bytes });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload,
    headers: { ...headers, authorization: `Bearer ${tokens[who]}` },
  });
  expect(res.statusCode, res.body).toBe(202);
  await t.app.importJobs.idle();
  const id = JSON.parse(res.body).id as string;
  return { id, job: (await t.call('GET', `/api/imports/${id}`, tokens[who])).body };
}

const surveys = () =>
  t.platform.ctx.db
    .selectFrom('records')
    .select(['id', 'subject', 'state', 'revision', 'data', 'results'])
    .where('plugin_id', '=', PLUGIN)
    .where('form_id', '=', 'survey')
    .orderBy('subject')
    .execute();

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS], now: '2022-06-30T02:00:00Z' });
  for (const u of ['tiansheng-officer', 'jingguan-officer', 'beibei-reviewer']) tokens[u] = await t.login(u);
  ids.A = (await survey('tiansheng-officer', TIANSHENG, {})).id;
  await step(ids.A, 'tiansheng-officer', 'submit');
  await step(ids.A, 'beibei-reviewer', 'accept');
  ids.B = (
    await survey('tiansheng-officer', TIANSHENG, {
      identity: { name: '天生二社', creditCode: B, members: 10, memberHouseholds: 9 },
      organisation: { registrationUpToDate: false },
      ...NO_SITE,
    })
  ).id;
  ids.C = (await survey('jingguan-officer', JINGGUAN, { identity: { name: '静观四社', creditCode: C } })).id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('Beibei quarterly registration import (update only)', () => {
  it('a file with a bad row changes nothing in mode all', async () => {
    const before = await surveys();
    const { job } = await importFile(
      'beibei-reviewer',
      [
        [A, base.identity.name, '注销', '否', '天生街道'],
        [B, '天生二社', '歇业', '否', '天生街道'], // 歇业 is no status of the form and no alias
      ],
      'all',
    );
    expect(job.status).toBe('done');
    expect(job.counts).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 0, rejected: 1, unmatched: 0 });
    expect(job.errors.map((e: any) => [e.row, e.pointer])).toEqual([[4, '/identity/registrationStatus']]);
    expect(job.classChanges).toEqual([]);
    expect(await surveys()).toEqual(before);
  });

  it('updates matched surveys, reclassifies the deregistered and the abnormal, lists the unmatched row, creates nothing', async () => {
    const before = await surveys();
    expect(before.map((s) => [s.subject, s.state, (s.results as any).classes['improvement-class']])).toEqual([
      [A, 'accepted', 'improve'],
      [B, 'draft', 'rectify'],
      [C, 'draft', 'improve'],
    ]);
    const { id, job } = await importFile('beibei-reviewer', [
      [A, base.identity.name, '注销', '否', '天生街道'], // row 3: deregistered
      [B, '天生二社', '存续（在营、开业、在册）', '列入', '天生街道'], // row 4: newly on the abnormal list
      [C, '静观四社', '存续(在营、开业、在册)', '否', '静观镇'], // row 5: as surveyed
      [UNKNOWN, '未排查合作社', '存续(在营、开业、在册)', '否', '澄江镇'], // row 6: never surveyed
    ]);
    expect(job.status).toBe('done');
    expect(job.counts).toEqual({ rows: 4, created: 0, updated: 2, unchanged: 1, rejected: 0, unmatched: 1 });
    expect(job.errors.map((e: any) => [e.row, e.pointer, e.keyword])).toEqual([[6, '/identity/creditCode', 'unmatched']]);

    const after = await surveys();
    expect(after.map((s) => s.subject)).toEqual([A, B, C]); // nothing created
    expect(after.map((s) => [s.state, s.revision - before.find((b) => b.id === s.id)!.revision])).toEqual([
      ['accepted', 1], // accepted by the district, and still: import.update.states allows it
      ['draft', 1],
      ['draft', 0],
    ]);
    expect(after.map((s) => [(s.data as any).identity.registrationStatus, (s.data as any).exit.marketAbnormalList])).toEqual([
      ['deregistered', false],
      ['active', true],
      ['active', false],
    ]);
    // Only the carried columns: the survey's own findings stay as the town recorded them.
    expect((after[0].data as any).identity.surveyors).toBe(base.identity.surveyors);
    expect(after.map((s) => (s.results as any).classes['improvement-class'])).toEqual(['clean-up', 'clean-up', 'improve']);

    const moved = (job.classChanges as any[]).map((c) => [
      c.recordId,
      c.changes.find((x: any) => x.rule === 'improvement-class'),
      c.changes.find((x: any) => x.rule === 'exit-signal'),
    ]);
    expect(moved).toEqual([
      [ids.A, { rule: 'improvement-class', before: 'improve', after: 'clean-up' }, { rule: 'exit-signal', before: false, after: true }],
      [ids.B, { rule: 'improvement-class', before: 'rectify', after: 'clean-up' }, { rule: 'exit-signal', before: false, after: true }],
    ]);

    // The change is in the record's history, from the import, with what changed.
    const history = await t.call('GET', `/api/records/${ids.A}/history`, tokens['beibei-reviewer']);
    const last = history.body.events.at(-1);
    expect([last.action, last.actor.id !== null, last.comment.startsWith('导入 import: 登记信息.xlsx')]).toEqual(['update', true, true]);
    expect(last.changes.map((c: any) => c.pointer)).toEqual(['/identity/registrationStatus']);

    // The error file lists the unmatched row with its cells.
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/imports/${id}/errors`,
      headers: { authorization: `Bearer ${tokens['beibei-reviewer']}` },
    });
    const sheet = await readSheet(res.rawPayload);
    expect(sheet.slice(2).map((l) => [l[0], l[1], l[2]])).toEqual([[6, UNKNOWN, '未排查合作社']]);
  });

  it('a town officer’s import reaches only the town: another town’s cooperative is told as unmatched', async () => {
    const { job } = await importFile('tiansheng-officer', [[C, '静观四社', '注销', '否', '静观镇']]);
    expect(job.counts).toEqual({ rows: 1, created: 0, updated: 0, unchanged: 0, rejected: 0, unmatched: 1 });
    expect(((await surveys())[2].data as any).identity.registrationStatus).toBe('active');
  });

  it('a town imports its counsellors with their cooperatives by credit code; a code of no surveyed cooperative of the town is named', async () => {
    const bytes = await xlsxOf(
      ['姓名', '辅导员层级', '选聘来源', '联系辅导的合作社'],
      [
        ['李辅导', '镇街级', '基层农经队伍', `${A}、${B}`],
        ['王辅导', '村级', '乡土专家', `${A}、${C}`], // C was surveyed by 静观镇, not this town
      ],
    );
    const { payload, headers } = multipartBody(
      { plugin: PLUGIN, form: 'counsellor', period: '', orgUnitId: TIANSHENG, mode: 'valid' },
      { name: '辅导员.xlsx', bytes },
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      payload,
      headers: { ...headers, authorization: `Bearer ${tokens['tiansheng-officer']}` },
    });
    expect(res.statusCode, res.body).toBe(202);
    await t.app.importJobs.idle();
    const job = (await t.call('GET', `/api/imports/${JSON.parse(res.body).id}`, tokens['tiansheng-officer'])).body;
    expect(job.counts).toEqual({ rows: 2, created: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(job.errors.map((e: any) => [e.row, e.pointer, e.message['zh-CN']])).toEqual([
      [3, '/cooperatives', `没有统一社会信用代码为“${C}”的农民专业合作社排查登记表记录(或不在您的管辖范围)`],
    ]);
    const saved = await t.platform.ctx.db
      .selectFrom('records')
      .select(['data'])
      .where('plugin_id', '=', PLUGIN)
      .where('form_id', '=', 'counsellor')
      .execute();
    expect(saved.map((r) => [(r.data as any).name, (r.data as any).cooperatives, (r.data as any).cooperativeCount])).toEqual([
      ['李辅导', [{ creditCode: A }, { creditCode: B }], 2],
    ]);
  });
});
