// Imports through the HTTP API: a multipart upload answered 202 with a job, the job followed to its end, the
// error file downloaded; refused files answered at once; jobs seen only by their user and admins in scope; jobs
// of a process that died reported as interrupted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { buildApp } from '../../platform/http/app';
import { buildZip } from '../spreadsheets/zip-builder';
import { multipartBody, readSheet, uscc, xlsxOf } from './helpers';

let t: TestPlatform;
let officer: string, admin: string, other: string;
beforeAll(async () => {
  t = await startTestPlatform();
  [officer, admin, other] = await Promise.all(['tianhe-officer', 'admin', 'baiyun-officer'].map((u) => t.login(u)));
});
afterAll(async () => {
  await t?.close();
});

const FIELDS = { plugin: 'registry-demo', form: 'cooperative', period: '2024', orgUnitId: '440106', mode: 'valid' };

async function upload(token: string, fields: Record<string, string>, name: string, bytes: Buffer) {
  const { payload, headers } = multipartBody(fields, { name, bytes });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload,
    headers: { ...headers, authorization: `Bearer ${token}` },
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

const count = async (period: string) =>
  Number(
    (
      await t.platform.ctx.db
        .selectFrom('records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('form_id', '=', 'cooperative')
        .where('period', '=', period)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('imports API', () => {
  let jobId: string;

  it('accepts an upload with 202, runs the job, and reports progress, counts and the first errors', async () => {
    const file = await xlsxOf(
      ['名称', '统一社会信用代码', '成员数'],
      [
        ['甲合作社', uscc(11), 25],
        ['乙合作社', uscc(12), 'many'],
        ['丙合作社', uscc(13), 7],
      ],
    );
    const r = await upload(officer, FIELDS, '合作社.xlsx', file);
    expect(r.status).toBe(202);
    jobId = r.body.id;
    await t.app.importJobs.idle();
    const job = await t.call('GET', `/api/imports/${jobId}`, officer);
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({
      status: 'done',
      mode: 'valid',
      fileName: '合作社.xlsx',
      progress: { processed: 3, total: 3 },
      counts: { rows: 3, created: 2, updated: 0, unchanged: 0, rejected: 1 },
    });
    expect(job.body.errors).toEqual([
      expect.objectContaining({
        row: 3,
        pointer: '/members',
        message: { 'zh-CN': '“成员数”应为数字(填写的是“many”)', en: '"成员数" must be a number (got "many")' },
      }),
    ]);
    expect(await count('2024')).toBe(2);
  });

  it('serves the error file as .xlsx', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/imports/${jobId}/errors`, headers: { authorization: `Bearer ${officer}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('合作社-错误.xlsx'));
    const sheet = await readSheet(res.rawPayload);
    expect(sheet[1]).toEqual(['行号', '名称', '统一社会信用代码', '成员数', '错误']);
    expect(sheet[2]).toEqual([3, '乙合作社', uscc(12), 'many', '【成员数】“成员数”应为数字(填写的是“many”)']);
  });

  it('shows a job to its user and to admins above its unit, to nobody else', async () => {
    expect((await t.call('GET', `/api/imports/${jobId}`, admin)).status).toBe(200);
    const r = await t.call('GET', `/api/imports/${jobId}`, other);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
    expect((await t.call('GET', `/api/imports/${jobId}`)).status).toBe(401);
  });

  it('refuses a file that is not a spreadsheet and a zip bomb at once, importing nothing and queuing no job', async () => {
    const jobsBefore = await t.platform.ctx.db.selectFrom('import_jobs').select('id').execute();
    const pdf = await upload(officer, { ...FIELDS, period: '2031' }, 'x.pdf', Buffer.from('%PDF-1.5\n…'));
    expect(pdf.status).toBe(422);
    expect(pdf.body.error.code).toBe('IMPORT_FILE_INVALID');
    expect(pdf.body.error.details[0]).toMatchObject({ pointer: '/file', message: { en: 'This is a PDF, not a spreadsheet' } });
    const bomb = buildZip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(30 * 1024 * 1024, 0x20) },
    ]);
    const b = await upload(officer, { ...FIELDS, period: '2031' }, 'bomb.xlsx', bomb);
    expect(b.status).toBe(413);
    expect(b.body.error.code).toBe('IMPORT_TOO_LARGE');
    const unmapped = await upload(officer, { ...FIELDS, period: '2031' }, 'x.csv', Buffer.from('甲,乙\n1,2\n'));
    expect(unmapped.status).toBe(422);
    expect(unmapped.body.error.code).toBe('IMPORT_MAPPING_INVALID');
    const badMapping = await upload(
      officer,
      { ...FIELDS, period: '2031', mapping: '{"社名": "/nope"}' },
      'x.csv',
      Buffer.from('社名,统一社会信用代码\n甲社,x\n'),
    );
    expect(badMapping.status).toBe(422);
    expect(badMapping.body.error.details[0].pointer).toBe('/mapping/社名');
    const badPeriod = await upload(officer, { ...FIELDS, period: 'last year' }, 'x.csv', Buffer.from('名称,统一社会信用代码\n甲社,x\n'));
    expect(badPeriod.body.error.code).toBe('PERIOD_INVALID');
    expect(await count('2031')).toBe(0);
    expect((await t.platform.ctx.db.selectFrom('import_jobs').select('id').execute()).length).toBe(jobsBefore.length);
  });

  it('takes a mapping sent with the upload', async () => {
    const r = await upload(
      officer,
      { ...FIELDS, period: '2032', mapping: JSON.stringify({ 社名: '/name', 代码: '/creditCode', 人数: '/members' }) },
      'm.csv',
      Buffer.from(`社名,代码,人数\r\n映射合作社,${uscc(21)},9\r\n`),
    );
    expect(r.status).toBe(202);
    await t.app.importJobs.idle();
    expect((await t.call('GET', `/api/imports/${r.body.id}`, officer)).body.counts).toMatchObject({ created: 1, rejected: 0 });
    expect((await t.call('GET', `/api/imports/${r.body.id}/errors`, officer)).status).toBe(404);
  });

  it('refuses a request that is not multipart or has no file', async () => {
    const json = await t.call('POST', '/api/imports', officer, FIELDS);
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('BAD_REQUEST');
  });

  it('marks jobs whose process died as interrupted when a server starts', async () => {
    const user = await t.platform.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'tianhe-officer')
      .executeTakeFirstOrThrow();
    await t.platform.ctx.db
      .insertInto('import_jobs')
      .values({
        id: 'dead-job',
        plugin_id: 'registry-demo',
        form_id: 'cooperative',
        period: '2024',
        user_id: user.id,
        org_unit_id: '440106',
        org_path: null,
        mode: 'all',
        status: 'running',
        file_name: 'x.xlsx',
        total: 100,
        heartbeat_at: new Date(Date.now() - 3_600_000),
      })
      .execute();
    const second = await buildApp(t.platform.ctx);
    await second.ready();
    await second.close();
    const r = await t.call('GET', '/api/imports/dead-job', officer);
    expect(r.body.status).toBe('interrupted');
  });
});
