// Sensitive fields over the API, with a neutral plugin whose person form marks the ID number (keep first 4, last 4),
// the phone (first 3, last 2) and family members' ID numbers (full) x-sensitive, and lets reviewers at city level
// see them in full (admins of the unit or above always may). The district's officer and reviewer see masks
// everywhere the values leave the server; the city reviewer and the admin see them in full, and each such view is
// in the access log.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { REPO_ROOT } from '../../platform/boot/config';
import { cnIdCardCheckChar } from '../../platform/forms/formats';

const PLUGIN = 'sensitive-demo';
const idCard = (first17: string) => first17 + cnIdCardCheckChar(first17);
const ID_A = idCard('53012319900101123');
const ID_B = idCard('53012319851212567');
const MEMBER_ID = idCard('53012320100505001');
const masked = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;

let t: TestPlatform;
const tok: Record<string, string> = {};
const get = (who: string, url: string) => t.call('GET', url, tok[who]);
const accessLog = async () => (await get('admin', '/api/audit?action=sensitive.&limit=500')).body.events as any[];

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [path.join(REPO_ROOT, 'test/access/plugins')] });
  for (const u of ['admin', 'city-reviewer', 'tianhe-officer', 'tianhe-reviewer']) tok[u] = await t.login(u);
  for (const [id, name, idNumber, village, extra] of [
    ['p-a', '王一', ID_A, '东村', { phone: '13812345678', members: [{ name: '王小一', idNumber: MEMBER_ID }] }],
    ['p-b', '李二', ID_B, '西村', {}],
  ] as const) {
    const r = await t.call('POST', '/api/records', tok['tianhe-officer'], {
      id,
      plugin: PLUGIN,
      form: 'person',
      orgUnitId: '440106',
      data: { name, idNumber, village, ...extra },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe(`sensitive fields (${testBackend()})`, () => {
  it('a record is masked for the officer and the district reviewer, and full for the city reviewer and the admin', async () => {
    for (const who of ['tianhe-officer', 'tianhe-reviewer']) {
      const r = await get(who, '/api/records/p-a');
      expect(r.status).toBe(200);
      expect(r.body.data).toEqual({
        name: '王一',
        idNumber: masked(ID_A),
        phone: '138******78',
        village: '东村',
        members: [{ name: '王小一', idNumber: '******************' }],
      });
      expect(r.body.subject).toBe(masked(ID_A));
      expect(r.body.subjectTitle).toBe('王一');
    }
    for (const who of ['city-reviewer', 'admin']) {
      const r = await get(who, '/api/records/p-a');
      expect(r.body.data.idNumber).toBe(ID_A);
      expect(r.body.data.phone).toBe('13812345678');
      expect(r.body.data.members[0].idNumber).toBe(MEMBER_ID);
      expect(r.body.subject).toBe(ID_A);
    }
  });

  it('lists mask the subject and a declared column reading the ID number', async () => {
    const url = `/api/records?plugin=${PLUGIN}&form=person`;
    const officer = (await get('tianhe-officer', url)).body.items.find((x: any) => x.id === 'p-a');
    expect(officer.subject).toBe(masked(ID_A));
    expect(officer.columns).toEqual({ 'id-number': masked(ID_A), village: '东村' });
    const city = (await get('city-reviewer', url)).body.items.find((x: any) => x.id === 'p-a');
    expect(city.subject).toBe(ID_A);
    expect(city.columns).toEqual({ 'id-number': ID_A, village: '东村' });
  });

  it('searching finds a masked subject only by the whole number, never by a part; a user with the right searches parts', async () => {
    const ids = async (who: string, q: string) =>
      (await get(who, `/api/records?plugin=${PLUGIN}&form=person&q=${encodeURIComponent(q)}`)).body.items.map((x: any) => x.id).sort();
    expect(await ids('tianhe-officer', ID_A.slice(0, 12))).toEqual([]);
    expect(await ids('tianhe-officer', ID_A)).toEqual(['p-a']);
    expect(await ids('tianhe-officer', '王')).toEqual(['p-a']);
    expect(await ids('city-reviewer', ID_A.slice(0, 12))).toEqual(['p-a']);
    expect(await ids('city-reviewer', '530123')).toEqual(['p-a', 'p-b']);
  });

  it('saving the form as shown (with masks) keeps the stored values; a new number replaces the old', async () => {
    const shown = (await get('tianhe-officer', '/api/records/p-a')).body;
    const saved = await t.call('PUT', '/api/records/p-a', tok['tianhe-officer'], {
      revision: shown.revision,
      data: { ...shown.data, village: '南村' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.data.idNumber).toBe(masked(ID_A));
    const full = (await get('city-reviewer', '/api/records/p-a')).body;
    expect(full.data).toEqual({
      name: '王一',
      idNumber: ID_A,
      phone: '13812345678',
      village: '南村',
      members: [{ name: '王小一', idNumber: MEMBER_ID }],
    });
    const history = (await get('city-reviewer', '/api/records/p-a/history')).body.events;
    expect(history.at(-1).changes).toEqual([{ pointer: '/village', from: '东村', to: '南村' }]);

    const b = (await get('tianhe-officer', '/api/records/p-b')).body;
    const NEW_ID = idCard('53012319851212568');
    const changed = await t.call('PUT', '/api/records/p-b', tok['tianhe-officer'], {
      revision: b.revision,
      data: { ...b.data, idNumber: NEW_ID },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await get('admin', '/api/records/p-b')).body.data.idNumber).toBe(NEW_ID);
    // Back to the first number, so the reports below read the records as created.
    const again = await t.call('PUT', '/api/records/p-b', tok['tianhe-officer'], {
      revision: changed.body.revision,
      data: { ...b.data, idNumber: ID_B },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  });

  it('the history masks old and new values of sensitive fields for users without the right', async () => {
    const officer = (await get('tianhe-officer', '/api/records/p-b/history')).body.events;
    const idChange = (e: any) => e.action === 'update' && e.changes.some((c: any) => c.pointer === '/idNumber');
    // The create shows the number masked, then the first edit's old and new numbers.
    expect(officer[0].changes).toContainEqual({ pointer: '/idNumber', to: masked(ID_B) });
    const change = officer.find(idChange).changes[0];
    expect(change).toEqual({ pointer: '/idNumber', from: masked(ID_B), to: masked(idCard('53012319851212568')) });
    const city = (await get('city-reviewer', '/api/records/p-b/history')).body.events;
    const full = city.find(idChange).changes[0];
    expect(full).toEqual({ pointer: '/idNumber', from: ID_B, to: idCard('53012319851212568') });
  });

  it('report rows mask the ID number and the subject, withhold values computed from the phone or from the masked ID column, and keep counts', async () => {
    const officer = await get('tianhe-officer', `/api/plugins/${PLUGIN}/reports/people`);
    expect(officer.status, JSON.stringify(officer.body)).toBe(200);
    expect(officer.body.rows).toEqual([
      { name: '李二', 'id-number': masked(ID_B), subject: masked(ID_B), village: '西村', 'has-phone': null, 'id-is-known': null },
      { name: '王一', 'id-number': masked(ID_A), subject: masked(ID_A), village: '南村', 'has-phone': null, 'id-is-known': null },
    ]);
    const city = await get('city-reviewer', `/api/plugins/${PLUGIN}/reports/people`);
    expect(city.body.rows).toEqual([
      { name: '李二', 'id-number': ID_B, subject: ID_B, village: '西村', 'has-phone': false, 'id-is-known': false },
      { name: '王一', 'id-number': ID_A, subject: ID_A, village: '南村', 'has-phone': true, 'id-is-known': true },
    ]);
    const grouped = await get('tianhe-reviewer', `/api/plugins/${PLUGIN}/reports/by-id`);
    expect(grouped.body.rows).toEqual([
      { village: '南村', n: 1, 'with-phone': 1, 'first-id': masked(ID_A) },
      { village: '西村', n: 1, 'with-phone': 0, 'first-id': masked(ID_B) },
    ]);
  });

  it('a report comparing a parameter with the ID number runs only for users with the right', async () => {
    const officer = await get('tianhe-officer', `/api/plugins/${PLUGIN}/reports/lookup?id=${ID_A}`);
    expect(officer.status).toBe(403);
    expect(officer.body.error.code).toBe('FORBIDDEN');
    const city = await get('city-reviewer', `/api/plugins/${PLUGIN}/reports/lookup?id=${ID_A}`);
    expect(city.status).toBe(200);
    expect(city.body.rows).toEqual([{ name: '王一' }]);
  });

  it('.xlsx and .csv downloads carry the masks for the officer and the full values for the city reviewer', async () => {
    const download = (who: string, format: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/plugins/${PLUGIN}/reports/people?format=${format}&lang=en`,
        headers: { authorization: `Bearer ${tok[who]}` },
      });
    const xlsxCells = async (who: string) => {
      const res = await download(who, 'xlsx');
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as any);
      const cells: string[] = [];
      wb.worksheets[0].eachRow((row) => (row.values as unknown[]).slice(1).forEach((v) => cells.push(String(v ?? ''))));
      return cells;
    };
    const officerCells = await xlsxCells('tianhe-officer');
    expect(officerCells).toEqual(expect.arrayContaining([masked(ID_A), masked(ID_B)]));
    expect(officerCells.join('|')).not.toContain(ID_A);
    expect(officerCells.join('|')).not.toContain(ID_B);
    expect(await xlsxCells('city-reviewer')).toEqual(expect.arrayContaining([ID_A, ID_B]));

    const officerCsv = await download('tianhe-officer', 'csv');
    expect(officerCsv.body).toContain(`王一,${masked(ID_A)},${masked(ID_A)},南村,`);
    expect(officerCsv.body).not.toContain(ID_A);
    const cityCsv = await download('city-reviewer', 'csv');
    expect(cityCsv.body).toContain(`王一,${ID_A},${ID_A},南村,Yes`);
  });

  it('the ranking and the marks mask a subject read from the ID number by the same right', async () => {
    const submitted = await t.call('POST', '/api/records/p-a/transitions', tok['tianhe-officer'], {
      revision: (await get('tianhe-officer', '/api/records/p-a')).body.revision,
      transition: 'submit',
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const flagged = await t.call('POST', '/api/records/p-a/transitions', tok['tianhe-reviewer'], {
      revision: submitted.body.revision,
      transition: 'flag',
    });
    expect(flagged.status, JSON.stringify(flagged.body)).toBe(200);
    const ranking = (who: string) => get(who, `/api/plugins/${PLUGIN}/forms/person/ranking`);
    const officerRanking = await ranking('tianhe-officer');
    expect(officerRanking.status, JSON.stringify(officerRanking.body)).toBe(200);
    expect(officerRanking.body.rows.map((r: any) => [r.id, r.subject, r.subjectTitle])).toEqual([['p-a', masked(ID_A), '王一']]);
    expect((await ranking('city-reviewer')).body.rows.map((r: any) => r.subject)).toEqual([ID_A]);
    const marks = (who: string) => get(who, `/api/plugins/${PLUGIN}/marks?kind=flag`);
    expect((await marks('tianhe-reviewer')).body.marks.map((m: any) => [m.recordId, m.subject])).toEqual([['p-a', masked(ID_A)]]);
    expect((await marks('city-reviewer')).body.marks.map((m: any) => [m.recordId, m.subject])).toEqual([['p-a', ID_A]]);
  });

  it('the access log names who saw which record or report in full; masked views are not logged', async () => {
    const events = await accessLog();
    expect(events.every((e) => ['admin', 'city-reviewer'].includes(e.actorName))).toBe(true);
    const views = events.filter((e) => e.action === 'sensitive.view' && e.actorName === 'city-reviewer');
    expect(views).toContainEqual(
      expect.objectContaining({ targetType: 'record', targetId: 'p-a', details: { via: 'record', records: ['p-a'] } }),
    );
    expect(views).toContainEqual(expect.objectContaining({ details: { via: 'history', records: ['p-b'] } }));
    expect(views).toContainEqual(expect.objectContaining({ details: { via: 'list', records: expect.arrayContaining(['p-a', 'p-b']) } }));
    expect(views).toContainEqual(expect.objectContaining({ details: { via: 'ranking', records: ['p-a'] } }));
    expect(views).toContainEqual(expect.objectContaining({ details: { via: 'marks', records: ['p-a'] } }));
    const exports = events.filter((e) => e.action === 'sensitive.export' && e.actorName === 'city-reviewer');
    expect(exports.map((e) => [e.targetId, e.details.format])).toEqual(
      expect.arrayContaining([
        [`${PLUGIN}/people`, 'json'],
        [`${PLUGIN}/people`, 'xlsx'],
        [`${PLUGIN}/people`, 'csv'],
        [`${PLUGIN}/lookup`, 'json'],
      ]),
    );
    for (const e of events) expect(new Date(e.at).getTime()).not.toBeNaN();
    // Only admins read the log.
    expect((await get('city-reviewer', '/api/audit?action=sensitive.')).status).toBe(403);
  });
});
