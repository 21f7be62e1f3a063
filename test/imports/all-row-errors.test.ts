// A refused row tells all of its errors at once (issue 14): cells that do not convert ("很多人" for a number) and
// fields the form refuses (an applicant type no one has, a credit code with a wrong check character) together, so
// the person fixes the row in one go. Such a row is checked but never written; its neighbours import as before.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { runImport } from '../../platform/imports/run-import';
import { firstErrors } from '../../platform/imports/import-jobs';
import { principalNamed, uscc, xlsxOf } from './helpers';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS] });
});
afterAll(async () => {
  await t?.close();
});

const HEADER = ['申报主体类型', '合作社名称', '统一社会信用代码', '所在区', '注册登记日期', '成员总数(合作社填写)', '手机号码'];
const wrongCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

it('lists conversion and validation errors of one row together, and stores the good rows in mode valid', async () => {
  const bytes = await xlsxOf(HEADER, [
    ['农民合作社', '天河区全错一号合作社', uscc(9101), '天河区', '2019-03-05', '25人', '138-1000-7919'],
    ['个体工商户', '天河区全错二号合作社', wrongCheck(uscc(9102)), '天河区', '2019-03-05', '很多人', '电话待补'],
    ['农民合作社', '天河区全错三号合作社', uscc(9103), '天河区', '2019年3月5日', '30', ''],
  ]);
  const p = await principalNamed(t.platform.ctx, 'tianhe-officer');
  const r = await runImport(t.platform.ctx, p, {
    plugin: 'guangzhou-demonstration',
    form: 'application',
    period: '2024',
    orgUnitId: '440106',
    mode: 'valid',
    fileName: '台账.xlsx',
    locale: 'zh-CN',
    source: bytes,
  });
  expect(r.counts).toMatchObject({ rows: 3, created: 2, rejected: 1 });
  expect(r.rejected.map((x) => x.row)).toEqual([3]);
  const errors = r.rejected[0].errors;
  expect(errors.map((e) => e.pointer)).toEqual(['/applicantType', '/creditCode', '/legalRepresentative/mobile', '/membership/memberCount']);
  expect(errors.find((e) => e.pointer === '/membership/memberCount')!.message['zh-CN']).toContain('很多人');
  expect(errors.find((e) => e.pointer === '/applicantType')!.message['zh-CN']).toContain('个体工商户');
  // The job view keeps every error of a row, never cutting one in the middle.
  const many = Array.from({ length: 30 }, (_, i) => ({ row: i + 2, cells: [], errors: errors.map((e) => ({ ...e, row: i + 2 })) }));
  const kept = firstErrors(many);
  expect(kept.length % errors.length).toBe(0);
  expect(kept.length).toBeGreaterThanOrEqual(100);
  const stored = await t.platform.ctx.db
    .selectFrom('records')
    .select('subject')
    .where('form_id', '=', 'application')
    .where('period', '=', '2024')
    .orderBy('subject')
    .execute();
  expect(stored.map((s) => s.subject)).toEqual([uscc(9101), uscc(9103)]);
}, 60_000);
