// The import preview and the user's mapping over HTTP: POST /api/imports/preview shows each column's target with
// sample values and writes nothing; POST /api/imports takes a mapping by column index (null leaves a column out),
// refuses a bad one with a pointer into it; a mapping that imported is remembered for the office and applied to the
// preview of the next file of the same shape, not for another office, and not when the import rolled back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { multipartBody, uscc } from './helpers';

let t: TestPlatform;
let officer: string, reviewer: string, other: string;
beforeAll(async () => {
  t = await startTestPlatform();
  [officer, reviewer, other] = await Promise.all(['tianhe-officer', 'tianhe-reviewer', 'baiyun-officer'].map((u) => t.login(u)));
});
afterAll(async () => {
  await t?.close();
});

const FIELDS = { plugin: 'registry-demo', form: 'cooperative', period: '2041', orgUnitId: '440106', mode: 'all' };

async function post(url: string, token: string, fields: Record<string, string>, name: string, text: string) {
  const { payload, headers } = multipartBody(fields, { name, bytes: Buffer.from(text) });
  const res = await t.app.inject({ method: 'POST', url, payload, headers: { ...headers, authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const preview = (token: string, text: string, fields: Record<string, string> = FIELDS) =>
  post('/api/imports/preview', token, fields, 'ledger.csv', text);
const upload = (token: string, text: string, fields: Record<string, string>) => post('/api/imports', token, fields, 'ledger.csv', text);

const records = (period: string) =>
  t.platform.ctx.db
    .selectFrom('records')
    .select(['data'])
    .where('form_id', '=', 'cooperative')
    .where('period', '=', period)
    .orderBy('subject')
    .execute();
const jobCount = async () => (await t.platform.ctx.db.selectFrom('import_jobs').select('id').execute()).length;

// 合作社名称 and 成员人数(人) match no title exactly (名称, 成员数); 备注 is no field at all.
const LEDGER = `合作社名称,统一社会信用代码,成员人数(人),备注\r\n甲合作社,${uscc(401)},12,新建\r\n乙合作社,${uscc(402)},30,\r\n丙合作社,${uscc(403)},7,迁入\r\n丁合作社,${uscc(404)},9,\r\n`;
const MAPPING = { '0': '/name', '2': '/members', '3': null };

describe('import preview and mapping', () => {
  it('previews each column with its target and the first three rows, offers the nearest field, writes nothing', async () => {
    const jobs = await jobCount();
    const r = await preview(officer, LEDGER);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ format: 'csv', headerRow: 1, header: ['合作社名称', '统一社会信用代码', '成员人数(人)', '备注'] });
    expect(r.body.columns).toEqual([
      { index: 0, header: '合作社名称', field: null, title: null, automatic: null, samples: ['甲合作社', '乙合作社', '丙合作社'] },
      {
        index: 1,
        header: '统一社会信用代码',
        field: '/creditCode',
        title: { 'zh-CN': '统一社会信用代码', en: '统一社会信用代码' },
        automatic: '/creditCode',
        samples: [uscc(401), uscc(402), uscc(403)],
      },
      { index: 2, header: '成员人数(人)', field: null, title: null, automatic: null, samples: ['12', '30', '7'] },
      { index: 3, header: '备注', field: null, title: null, automatic: null, samples: ['新建', '', '迁入'] },
    ]);
    expect(r.body.ignored).toEqual([
      { column: 0, header: '合作社名称', nearest: { field: '/name', title: { 'zh-CN': '名称', en: '名称' } } },
      { column: 2, header: '成员人数(人)', nearest: { field: '/members', title: { 'zh-CN': '成员数', en: '成员数' } } },
      { column: 3, header: '备注', nearest: null },
    ]);
    expect(r.body.ambiguous).toEqual([]);
    expect(r.body.uncovered.map((u: { field: string; key: boolean }) => [u.field, u.key])).toEqual([
      ['/name', false],
      ['/members', false],
      ['/phone', false],
    ]);
    expect(r.body.fields.map((f: { field: string }) => f.field)).toEqual(['/name', '/creditCode', '/members', '/phone']);
    expect(r.body.remembered).toBeNull();
    expect(r.body.problems).toEqual([]);
    expect(await jobCount()).toBe(jobs);
    expect(await records('2041')).toEqual([]);
  });

  it('previews with a mapping sent along, and says what the import would refuse', async () => {
    const r = await preview(officer, LEDGER, { ...FIELDS, mapping: JSON.stringify(MAPPING) });
    expect(r.status).toBe(200);
    expect(r.body.columns.map((c: { field: string | null; automatic: string | null }) => [c.field, c.automatic])).toEqual([
      ['/name', null],
      ['/creditCode', '/creditCode'],
      ['/members', null],
      [null, null],
    ]);
    expect(r.body.ignored).toEqual([]);
    expect(r.body.uncovered.map((u: { field: string }) => u.field)).toEqual(['/phone']);
    // Without the key column (统一社会信用代码 left out) the import would be refused: the preview says so.
    const noKey = await preview(officer, LEDGER, { ...FIELDS, mapping: JSON.stringify({ ...MAPPING, '1': null }) });
    expect(noKey.status).toBe(200);
    expect(noKey.body.problems.map((p: { pointer: string }) => p.pointer)).toEqual(['/creditCode']);
  });

  it('refuses a bad mapping with a pointer into it, queuing nothing', async () => {
    const jobs = await jobCount();
    const cases: [Record<string, string | null>, string, string][] = [
      [{ '0': '/nope' }, '/mapping/0', 'The mapping names /nope, which is not an importable field'],
      [{ '0': '/name', '3': '/name' }, '/mapping/3', '/name is already mapped by "0"; one column per field'],
      [{ '9': '/phone' }, '/mapping/9', 'The file has 4 columns, not column 10'],
      [{ 社名: '/name' }, '/mapping/社名', 'The file has no column "社名"'],
      [{ '0': '/memberLabel' }, '/mapping/0', 'The mapping names /memberLabel, which is not an importable field'],
    ];
    for (const [mapping, pointer, en] of cases) {
      const r = await upload(officer, LEDGER, { ...FIELDS, mapping: JSON.stringify(mapping) });
      expect(r.status, JSON.stringify(mapping)).toBe(422);
      expect(r.body.error.code).toBe('IMPORT_MAPPING_INVALID');
      expect(r.body.error.details).toEqual([expect.objectContaining({ pointer, message: expect.objectContaining({ en }) })]);
    }
    const notObject = await upload(officer, LEDGER, { ...FIELDS, mapping: '["/name"]' });
    expect(notObject.status).toBe(422);
    expect(notObject.body.error.details[0].pointer).toBe('/mapping');
    // Two columns the automatic mapping and the user give the same field: refused, naming the second column.
    const twice = await upload(officer, LEDGER, { ...FIELDS, mapping: '{"0": "/creditCode"}' });
    expect(twice.status).toBe(422);
    expect(twice.body.error.details[0].pointer).toBe('/columns/1');
    expect(await jobCount()).toBe(jobs);
    expect(await records('2041')).toEqual([]);
  });

  it('imports with the mapping: the fixed columns are stored, the column left out is not', async () => {
    const r = await upload(officer, LEDGER, { ...FIELDS, mapping: JSON.stringify(MAPPING) });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    await t.app.importJobs.idle();
    const job = await t.call('GET', `/api/imports/${r.body.id}`, officer);
    expect(job.body).toMatchObject({ status: 'done', counts: { rows: 4, created: 4, rejected: 0 } });
    expect((await records('2041')).map((x) => x.data)).toEqual([
      // memberLabel is the form's compute rule's (small below 20 members).
      { name: '甲合作社', creditCode: uscc(401), members: 12, memberLabel: 'small' },
      { name: '乙合作社', creditCode: uscc(402), members: 30, memberLabel: 'large' },
      { name: '丙合作社', creditCode: uscc(403), members: 7, memberLabel: 'small' },
      { name: '丁合作社', creditCode: uscc(404), members: 9, memberLabel: 'small' },
    ]);
    const audit = await t.platform.ctx.db.selectFrom('admin_audit').selectAll().where('action', '=', 'import_mapping.remember').execute();
    expect(audit.map((a) => [a.actor_name, a.details])).toEqual([
      ['tianhe-officer', { mapping: MAPPING, header: ['合作社名称', '统一社会信用代码', '成员人数(人)', '备注'] }],
    ]);
  });

  it('applies the remembered mapping to the next file of the same shape in the same office only', async () => {
    // Same header cells up to spaces, case and full-width brackets; other rows.
    const next = `合作社 名称,统一社会信用代码,成员人数(人),备注\r\n戊合作社,${uscc(405)},5,\r\n`;
    for (const token of [officer, reviewer]) {
      const r = await preview(token, next, { ...FIELDS, period: '2042' });
      expect(r.status).toBe(200);
      expect(r.body.remembered).toEqual({ savedBy: '天河区经办人', savedAt: expect.any(String) });
      expect(r.body.columns.map((c: { field: string | null }) => c.field)).toEqual(['/name', '/creditCode', '/members', null]);
      expect(r.body.ignored).toEqual([]);
    }
    const elsewhere = await preview(other, next, { ...FIELDS, period: '2042', orgUnitId: '440111' });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.remembered).toBeNull();
    expect(elsewhere.body.columns.map((c: { field: string | null }) => c.field)).toEqual([null, '/creditCode', null, null]);
    // Another shape (a column more) is another template: nothing remembered.
    const wider = await preview(officer, `合作社名称,统一社会信用代码,成员人数(人),备注,手机号\r\n戊合作社,${uscc(405)},5,,\r\n`);
    expect(wider.body.remembered).toBeNull();
  });

  it('does not remember a mapping whose import rolled back', async () => {
    const shape = `社名,统一社会信用代码\r\n己合作社,${uscc(406)}\r\n庚,${uscc(407)}\r\n`; // 庚 is under the 2 characters a name needs
    const r = await upload(officer, shape, { ...FIELDS, period: '2043', mapping: '{"0": "/name"}' });
    expect(r.status).toBe(202);
    await t.app.importJobs.idle();
    expect((await t.call('GET', `/api/imports/${r.body.id}`, officer)).body.counts).toMatchObject({ created: 0, rejected: 1 });
    expect((await preview(officer, shape, { ...FIELDS, period: '2043' })).body.remembered).toBeNull();
  });
});
