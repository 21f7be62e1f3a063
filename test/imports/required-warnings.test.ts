// Required fields a row leaves empty: the record is still stored as a draft (drafts may be incomplete), but each
// such row is reported, per field, in the job and in the error file — so an empty cell (a district merged down the
// sheet, say) never silently yields incomplete records. A record past its first state must be complete: an error.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { missingRequired } from '../../platform/imports/refusal-words';
import { multipartBody, readSheet, uscc } from './helpers';

let t: TestPlatform;
let officer: string;
beforeAll(async () => {
  t = await startTestPlatform();
  officer = await t.login('tianhe-officer');
});
afterAll(async () => {
  await t?.close();
});

// registry-demo has no English catalogue for its titles, so a field's English title is its Chinese one.
it('stores rows missing required fields as drafts and warns about each, in the job and the error file', async () => {
  // Row 2 is complete; row 3 has no 成员数 (required); row 4 has neither 成员数 nor 名称.
  const csv = `名称,统一社会信用代码,成员数\r\n完整合作社,${uscc(801)},12\r\n缺人数合作社,${uscc(802)},\r\n,${uscc(803)},\r\n`;
  const { payload, headers } = multipartBody(
    { plugin: 'registry-demo', form: 'cooperative', period: '2040', orgUnitId: '440106', mode: 'all' },
    { name: 'coops.csv', bytes: Buffer.from(csv) },
  );
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload,
    headers: { ...headers, authorization: `Bearer ${officer}` },
  });
  expect(res.statusCode).toBe(202);
  const id = JSON.parse(res.body).id;
  await t.app.importJobs.idle();

  const job = (await t.call('GET', `/api/imports/${id}`, officer)).body;
  expect(job.status).toBe('done');
  expect(job.counts).toMatchObject({ rows: 3, created: 3, rejected: 0 });
  expect(job.errors).toEqual([]);
  expect(job.warned).toBe(2);
  const draft = { 'zh-CN': '未填写(草稿可暂缺,提交前须补全)', en: 'is empty (a draft may lack it; fill it in before submitting)' };
  expect(job.warnings).toEqual([
    { row: 3, pointer: '/members', field: { 'zh-CN': '成员数', en: '成员数' }, message: draft, keyword: 'required' },
    { row: 4, pointer: '/name', field: { 'zh-CN': '名称', en: '名称' }, message: draft, keyword: 'required' },
    { row: 4, pointer: '/members', field: { 'zh-CN': '成员数', en: '成员数' }, message: draft, keyword: 'required' },
  ]);

  const file = await t.app.inject({ method: 'GET', url: `/api/imports/${id}/errors`, headers: { authorization: `Bearer ${officer}` } });
  expect(file.statusCode).toBe(200);
  const sheet = await readSheet(file.rawPayload);
  expect(sheet[1]).toEqual(['行号', '名称', '统一社会信用代码', '成员数', '错误']);
  expect(sheet.slice(2).map((r) => [r[0], r[4]])).toEqual([
    [3, '提醒:【成员数】未填写(草稿可暂缺,提交前须补全)'],
    [4, '提醒:【名称】未填写(草稿可暂缺,提交前须补全);【成员数】未填写(草稿可暂缺,提交前须补全)'],
  ]);
});

it('words a missing required field as an error for a record past its first state', () => {
  const { plugin, form } = t.platform.ctx.registry.form('registry-demo', 'cooperative');
  const run = { plugin, form, keyPointers: ['/creditCode'] };
  expect(missingRequired(run, 7, { name: '某合作社', creditCode: uscc(804) }, false)).toEqual([
    {
      row: 7,
      pointer: '/members',
      field: { 'zh-CN': '成员数', en: '成员数' },
      message: { 'zh-CN': '必须填写', en: 'is required' },
      keyword: 'required',
    },
  ]);
  expect(missingRequired(run, 7, { name: '某合作社', creditCode: uscc(804), members: 3 }, false)).toEqual([]);
});
