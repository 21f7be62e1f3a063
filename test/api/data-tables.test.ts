// Data tables of the record lists (issue 15): any field of the form as a column, sorting on it (numbers as numbers,
// ties by id), by state and by update time; saved views that are each user's own; and "导出全部" of every filtered
// record with every field, read back from the .xlsx and the .csv and compared with the records themselves.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { pdf, upload, withUploads } from '../helpers/uploads';
import { usccCheckChar } from '../../platform/forms/formats';
import { openTable } from '../../platform/spreadsheets/read-table';

const GZ = 'guangzhou-demonstration';
const FORM = `plugin=${GZ}&form=application`;
const fixtures = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, GZ, 'fixtures/application.json'), 'utf8'));
const uscc = (first17: string) => first17 + usccCheckChar(first17);
const CAPITAL = '/membership/memberCapital';

let t: TestPlatform;
const tok: Record<string, string> = {};
const get = async (who: string, url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tok[who]}` } });
  return {
    status: res.statusCode,
    headers: res.headers,
    raw: res.rawPayload,
    body: res.headers['content-type']?.includes('json') ? res.json() : null,
  };
};

// Four applications of the reviewer's district: capitals 900,000, 1,000,000 twice and 10,000,000 (as text the last
// two come first, so a text sort would be caught), one submitted; and one of another district the reviewer must never see or export.
const MADE = [
  { id: 'dt-d', name: '甲合作社', capital: 10_000_000, demo: true, licence: '营业执照-甲.pdf', submit: false },
  { id: 'dt-c', name: '乙合作社', capital: 1_000_000, demo: false, licence: '营业执照-乙.pdf', submit: true },
  { id: 'dt-b', name: '丙合作社', capital: 1_000_000, demo: true, licence: '营业执照-丙.pdf', submit: false },
  { id: 'dt-a', name: '丁合作社', capital: 900_000, demo: false, licence: '营业执照-丁.pdf', submit: false },
];

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS, BUNDLED_PLUGINS] });
  for (const u of ['panyu-officer', 'panyu-reviewer', 'tianhe-officer', 'tianhe-reviewer']) tok[u] = await t.login(u);
  const make = async (who: string, unit: string, m: (typeof MADE)[number], i: number) => {
    const data = await withUploads(t, tok[who], GZ, 'application', fixtures.base);
    const file = await upload(
      t,
      tok[who],
      { plugin: GZ, form: 'application', field: '/attachments/licence' },
      { name: m.licence, type: 'application/pdf', content: pdf() },
    );
    expect(file.status).toBe(201);
    data.attachments.licence = [file.body.id];
    data.name = m.name;
    data.creditCode = uscc(`93${unit}MA5DT00${i}A`);
    data.isDistrictDemonstration = m.demo;
    data.membership.memberCapital = m.capital;
    const r = await t.call('POST', '/api/records', tok[who], {
      id: m.id,
      plugin: GZ,
      form: 'application',
      period: '2024',
      orgUnitId: unit,
      data,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    if (m.submit) {
      const s = await t.call('POST', `/api/records/${m.id}/transitions`, tok[who], { revision: r.body.revision, transition: 'submit' });
      expect(s.status, JSON.stringify(s.body)).toBe(200);
    }
  };
  for (const [i, m] of MADE.entries()) await make('panyu-officer', '440113', m, i);
  await make(
    'tianhe-officer',
    '440106',
    { id: 'dt-other', name: '戊合作社', capital: 500_000, demo: true, licence: '别区.pdf', submit: false },
    7,
  );
}, 240_000);
afterAll(async () => {
  await t?.close();
});

describe(`data tables (${testBackend()})`, () => {
  it('offers every leaf field of the form as a column, with titles, kinds and units', async () => {
    const r = await get('panyu-reviewer', `/api/plugins/${GZ}/forms/application/columns`);
    expect(r.status).toBe(200);
    const at = (p: string) => r.body.columns.find((c: any) => c.pointer === p);
    expect(at(CAPITAL)).toEqual({
      pointer: CAPITAL,
      title: { 'zh-CN': '成员出资总额', en: expect.any(String) },
      path: { 'zh-CN': '成员与出资/成员出资总额', en: expect.any(String) },
      kind: 'number',
      unit: '元',
      decimals: null,
      labels: null,
    });
    // A choice carries its labels, so a cell reads 农民合作社联合社, not "union" (the form's enumNames).
    expect(at('/applicantType').labels).toEqual({ cooperative: '农民合作社', union: '农民合作社联合社' });
    expect(at('/isDistrictDemonstration').kind).toBe('boolean');
    expect(at('/attachments/licence').kind).toBe('attachment');
    // Computed fields are columns too (they are values of the record), objects are not (their leaves are).
    expect(at('/membership/total')).toBeDefined();
    expect(at('/membership')).toBeUndefined();
  });

  it('returns picked fields in the summary, sorts on them numerically with id as tiebreak, and refuses unknown ones', async () => {
    const asc = await get('panyu-reviewer', `/api/records?${FORM}&state=draft,submitted&columns=${CAPITAL},/name&sort=${CAPITAL}`);
    expect(asc.status).toBe(200);
    expect(asc.body.items.map((x: any) => x.id)).toEqual(['dt-a', 'dt-b', 'dt-c', 'dt-d']);
    expect(asc.body.items.map((x: any) => x.columns)).toEqual(
      MADE.slice()
        .reverse()
        .map((m) => ({ [CAPITAL]: m.capital, '/name': m.name })),
    );
    for (const item of asc.body.items) expect(item).not.toHaveProperty('data');
    const desc = await get('panyu-reviewer', `/api/records?${FORM}&sort=${CAPITAL}&order=desc&columns=`);
    // Ties stay in id order whichever way the column is sorted.
    expect(desc.body.items.map((x: any) => x.id)).toEqual(['dt-d', 'dt-b', 'dt-c', 'dt-a']);
    expect(desc.body.items[0].columns).toEqual({});

    const byState = await get('panyu-reviewer', `/api/records?${FORM}&sort=state`);
    expect(byState.body.items.map((x: any) => x.state)).toEqual(['draft', 'draft', 'draft', 'submitted']);
    const byStateDesc = await get('panyu-reviewer', `/api/records?${FORM}&sort=state&order=desc`);
    expect(byStateDesc.body.items.map((x: any) => x.id)).toEqual(['dt-c', 'dt-a', 'dt-b', 'dt-d']);
    const oldest = await get('panyu-reviewer', `/api/records?${FORM}&sort=updated&order=asc`);
    // Made in the order d, c (submitted at once), b, a.
    expect(oldest.body.items.map((x: any) => x.id)).toEqual(['dt-d', 'dt-c', 'dt-b', 'dt-a']);

    for (const [query, pointer, column] of [
      [`columns=/nowhere`, '/columns', '/nowhere'],
      [`columns=${CAPITAL},/membership`, '/columns', '/membership'],
      [`sort=/nowhere`, '/sort', '/nowhere'],
    ]) {
      const bad = await get('panyu-reviewer', `/api/records?${FORM}&${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.code).toBe('COLUMN_UNKNOWN');
      expect(bad.body.error.details).toEqual([expect.objectContaining({ pointer, params: { column } })]);
    }
    const tooMany = Array.from({ length: 21 }, (_, i) => `/sheet/x${i}`).join(',');
    expect((await get('panyu-reviewer', `/api/records?${FORM}&columns=${tooMany}`)).status).toBe(400);
  });

  it('keeps a page with picked columns light', async () => {
    const r = await get('panyu-reviewer', `/api/records?${FORM}&columns=${CAPITAL},/name,/district,/address,/attachments/licence&limit=50`);
    expect(r.status).toBe(200);
    expect(r.raw.length / r.body.items.length).toBeLessThan(2048);
  });

  it('saves views per user: listed, replaced by name, invisible and undeletable to another user', async () => {
    const filter = { plugin: GZ, form: 'application', states: ['draft'], columns: [CAPITAL], sort: CAPITAL, order: 'desc' };
    const made = await t.call('POST', '/api/me/saved-views', tok['panyu-reviewer'], { name: '大额草稿', filter });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ name: '大额草稿', filter });
    const again = await t.call('POST', '/api/me/saved-views', tok['panyu-reviewer'], {
      name: '大额草稿',
      filter: { ...filter, order: 'asc' },
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(made.body.id);
    const mine = await t.call('GET', '/api/me/saved-views', tok['panyu-reviewer']);
    expect(mine.body.views.map((v: any) => [v.name, v.filter.order])).toEqual([['大额草稿', 'asc']]);

    const theirs = await t.call('GET', '/api/me/saved-views', tok['tianhe-reviewer']);
    expect(theirs.body.views).toEqual([]);
    const stolen = await t.call('DELETE', `/api/me/saved-views/${made.body.id}`, tok['tianhe-reviewer']);
    expect(stolen.status).toBe(404);
    expect(stolen.body.error.code).toBe('SAVED_VIEW_NOT_FOUND');
    expect((await t.call('GET', '/api/me/saved-views', tok['panyu-reviewer'])).body.views).toHaveLength(1);

    // A view is checked as the list checks its query, and a refused one is not kept.
    const bad = await t.call('POST', '/api/me/saved-views', tok['panyu-reviewer'], {
      name: '坏',
      filter: { ...filter, columns: ['/nowhere'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('COLUMN_UNKNOWN');
    expect(bad.body.error.details[0].pointer).toBe('/filter/columns');
    const outside = await t.call('POST', '/api/me/saved-views', tok['panyu-reviewer'], { name: '坏', filter: { orgUnitId: '440106' } });
    expect(outside.status).toBe(422);
    expect(outside.body.error.details[0].pointer).toBe('/filter/orgUnitId');
    const shape = await t.call('POST', '/api/me/saved-views', tok['panyu-reviewer'], { name: '坏', filter: { states: 'draft' } });
    expect(shape.status).toBe(400);
    expect((await t.call('GET', '/api/me/saved-views', tok['panyu-reviewer'])).body.views.map((v: any) => v.name)).toEqual(['大额草稿']);

    const gone = await t.call('DELETE', `/api/me/saved-views/${made.body.id}`, tok['panyu-reviewer']);
    expect(gone).toEqual({ status: 200, body: { deleted: made.body.id } });
    expect((await t.call('GET', '/api/me/saved-views', tok['panyu-reviewer'])).body.views).toEqual([]);
  });

  /** The rows of an export as objects by header, read with the importer's own reader. */
  async function readBack(bytes: Buffer) {
    const table = await openTable(bytes);
    const rows: Record<string, unknown>[] = [];
    for await (const r of table.rows) rows.push(Object.fromEntries(table.header.map((h, i) => [h, r.cells[i] ?? null])));
    await table.close();
    return { header: table.header, rows };
  }

  it('exports every filtered record (not just a page) with every field, as .xlsx and .csv that read back', async () => {
    const xlsx = await get('panyu-reviewer', `/api/records/export?${FORM}&sort=${CAPITAL}&format=xlsx`);
    expect(xlsx.status, String(xlsx.raw)).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(xlsx.headers['content-disposition']))).toContain('.xlsx');
    const book = await readBack(xlsx.raw);
    // Every leaf field of the form is a column, after the record's id, unit, period and state.
    const fields = (await get('panyu-reviewer', `/api/plugins/${GZ}/forms/application/columns`)).body.columns;
    expect(book.header.length).toBe(4 + fields.length + 3);
    expect(book.header.slice(0, 4)).toEqual(['记录编号', '组织机构', '期间', '状态']);
    expect(book.header.slice(-3)).toEqual(['附件', '更新时间', '提交时间']);
    // A title two fields share is given with its path; the unit follows in brackets.
    const capital = '成员与出资/成员出资总额(元)';
    expect(book.header).toContain(capital);
    // Only the reviewer's district, in the sort asked for.
    expect(book.rows.map((r) => r['记录编号'])).toEqual(['dt-a', 'dt-b', 'dt-c', 'dt-d']);
    for (const row of book.rows) {
      const made = MADE.find((m) => m.id === row['记录编号'])!;
      const record = (await get('panyu-reviewer', `/api/records/${made.id}`)).body;
      // The state's name, never its id.
      expect(row['状态']).toBe(record.stateTitle['zh-CN']);
      expect(row['状态']).toMatch(made.submit ? /^已提交/ : /^草稿/);
      expect(row['组织机构']).toBe(record.orgUnit.name['zh-CN']);
      expect(row['期间']).toBe('2024');
      expect(row['合作社名称']).toBe(made.name);
      expect(row['统一社会信用代码']).toBe(record.data.creditCode);
      expect(row[capital]).toBe(made.capital);
      expect(row['成员总数(合作社填写)']).toBe(record.data.membership.memberCount);
      expect(row['是否为区级示范社']).toBe(made.demo ? '是' : '否');
      expect(row['所在区']).toBe('番禺区');
      expect(row['3.营业执照']).toBe(made.licence);
      expect(String(row['附件'])).toContain(made.licence);
      // One file in each of the ten attachment fields (the fixture's upload for the licence was replaced, never linked).
      expect(String(row['附件']).split('、')).toHaveLength(10);
    }

    const csv = await get('panyu-reviewer', `/api/records/export?${FORM}&sort=${CAPITAL}&order=desc&format=csv&state=draft`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect([...csv.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const sheet = await readBack(csv.raw);
    expect(sheet.header).toEqual(book.header);
    expect(sheet.rows.map((r) => r['记录编号'])).toEqual(['dt-d', 'dt-b', 'dt-a']);
    for (const row of sheet.rows) {
      const same = book.rows.find((r) => r['记录编号'] === row['记录编号'])!;
      expect(row['合作社名称']).toBe(same['合作社名称']);
      expect(Number(row[capital])).toBe(same[capital]);
      expect(row['是否为区级示范社']).toBe(same['是否为区级示范社']);
      expect(row['3.营业执照']).toBe(same['3.营业执照']);
    }
  });

  it('exports only what the user may read, and refuses what the list refuses', async () => {
    const other = await readBack((await get('tianhe-reviewer', `/api/records/export?${FORM}&format=csv`)).raw);
    expect(other.rows.map((r) => r['记录编号'])).toEqual(['dt-other']);
    const outside = await get('tianhe-reviewer', `/api/records/export?${FORM}&orgUnitId=440113`);
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('ORG_UNIT_INVALID');
    const noForm = await get('panyu-reviewer', `/api/records/export?plugin=${GZ}`);
    expect(noForm.status).toBe(400);
    expect(noForm.body.error.details[0].pointer).toBe('/form');
    const badSort = await get('panyu-reviewer', `/api/records/export?${FORM}&sort=/nowhere`);
    expect([badSort.status, badSort.body.error.code]).toEqual([400, 'COLUMN_UNKNOWN']);
    // The download is in the audit log with the number of records it took out.
    const audit = await t.platform.ctx.db
      .selectFrom('admin_audit')
      .select(['action', 'details'])
      .where('action', '=', 'export.records')
      .orderBy('id')
      .execute();
    expect(audit.map((a: any) => a.details.records)).toEqual([4, 3, 1]);
  });
});
