// Reports over table rows (source.rows) on PostgreSQL: each item of a record's `dues` table is a row, grouped by
// district, year and payee, summed, filtered on row fields, narrowed by the user's units, with a sensitive field of
// the rows masked. The three holdings below give every expected figure by hand.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { REPO_ROOT } from '../../platform/boot/config';
import { seedRecord } from './seed';

const PLUGIN = 'row-demo';
const ID = '440106199001011234';
let t: TestPlatform;
const tokens: Record<string, string> = {};

const holdings = [
  // Tianhe. 2023 is overpaid: its arrears are 0, not −30.
  {
    id: 'h1',
    unit: '440106',
    name: '一号',
    dues: [
      { year: 2022, payee: 'households', due: 100, paid: 60, contact: ID },
      { year: 2022, payee: 'collective', due: 50, paid: 50 },
      { year: 2023, payee: 'households', due: 120, paid: 150 },
    ],
  },
  // Tianhe.
  {
    id: 'h2',
    unit: '440106',
    name: '二号',
    dues: [
      { year: 2022, payee: 'households', due: 200, paid: 100 },
      { year: 2023, payee: 'households', due: 80, paid: 0 },
    ],
  },
  // Panyu.
  {
    id: 'h3',
    unit: '440113',
    name: '三号',
    dues: [
      { year: 2022, payee: 'households', due: 300, paid: 250 },
      { year: 2023, payee: 'collective', due: 40, paid: 10 },
      { year: 2021, payee: 'households', due: 10, paid: 0 },
    ],
  },
];

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [path.join(REPO_ROOT, 'test/reports/plugins')] });
  for (const u of ['admin', 'city-reviewer', 'panyu-officer']) tokens[u] = await t.login(u);
  for (const h of holdings) {
    await seedRecord(t.platform.ctx.db, {
      plugin: PLUGIN,
      form: 'holding',
      id: h.id,
      period: '',
      unit: h.unit,
      state: 'draft',
      title: h.name,
      data: { name: h.name, dues: h.dues },
    });
  }
  // A record without the table has no rows (and breaks nothing).
  await seedRecord(t.platform.ctx.db, { plugin: PLUGIN, form: 'holding', id: 'h4', period: '', unit: '440113', state: 'draft', data: {} });
});
afterAll(async () => {
  await t?.close();
});

const report = (id: string, token: string, query = '') => t.call('GET', `/api/plugins/${PLUGIN}/reports/${id}${query}`, token);
const pick = (rows: Record<string, unknown>[]) =>
  rows.map((r) => [r.district, r.year, r.payee, r.rows, r.due, r.paid, r.arrears, r['unpaid-rows'], r['last-contact']]);

describe(`reports over table rows on PostgreSQL (${testBackend()})`, () => {
  it('sums the rows of every record by district, year and payee, arrears not below 0 per row, with the city total', async () => {
    const r = await report('dues-by-year', tokens['admin'], '?lang=en');
    expect(r.status).toBe(200);
    expect(pick(r.body.rows)).toEqual([
      // Tianhe 2022 households: h1 100/60 + h2 200/100 → due 300, paid 160, arrears 40 + 100.
      // Value groups sort by code: collective before households.
      ['Tianhe District', 2022, 'Collective', 1, 50, 50, 0, 0, null],
      ['Tianhe District', 2022, 'Households', 2, 300, 160, 140, 2, ID],
      // 2023: h1 overpaid (arrears 0, not −30) + h2 80 → 80, though due − paid over the group is 50.
      ['Tianhe District', 2023, 'Households', 2, 200, 150, 80, 1, null],
      ['Panyu District', 2021, 'Households', 1, 10, 0, 10, 1, null],
      ['Panyu District', 2022, 'Households', 1, 300, 250, 50, 1, null],
      ['Panyu District', 2023, 'Collective', 1, 40, 10, 30, 1, null],
      // 8 rows: due 900, paid 620, arrears 140 + 80 + 10 + 50 + 30.
      ['Guangzhou total', null, null, 8, 900, 620, 310, 6, ID],
    ]);
  });

  it('filters on a row field and narrows rows to the user units', async () => {
    const from2023 = await report('dues-by-year', tokens['admin'], '?fromYear=2023&lang=en');
    expect(pick(from2023.body.rows)).toEqual([
      ['Tianhe District', 2023, 'Households', 2, 200, 150, 80, 1, null],
      ['Panyu District', 2023, 'Collective', 1, 40, 10, 30, 1, null],
      ['Guangzhou total', null, null, 3, 240, 160, 110, 2, null],
    ]);
    // A district officer sees the district's rows only (and, as in every rollup report, no city total).
    const panyu = await report('dues-by-year', tokens['panyu-officer'], '?lang=en');
    expect(pick(panyu.body.rows)).toEqual([
      ['Panyu District', 2021, 'Households', 1, 10, 0, 10, 1, null],
      ['Panyu District', 2022, 'Households', 1, 300, 250, 50, 1, null],
      ['Panyu District', 2023, 'Collective', 1, 40, 10, 30, 1, null],
    ]);
  });

  it('masks a sensitive field of the rows for a user without the right, as a data field', async () => {
    const masked = '44**************34';
    const grouped = await report('dues-by-year', tokens['city-reviewer'], '?lang=en');
    expect(grouped.body.rows[1]['last-contact']).toBe(masked);
    expect(grouped.body.rows[1].arrears).toBe(140);
    const list = await report('row-list', tokens['city-reviewer']);
    expect(list.status).toBe(200);
    // Records by id, rows in stored order; the value is masked, the condition on it withheld.
    expect(list.body.rows.map((r: Record<string, unknown>) => [r.name, r.year, r.payee, r.contact, r['has-contact']])).toEqual([
      ['一号', 2022, '农户', masked, null],
      ['一号', 2022, '集体', null, null],
      ['一号', 2023, '农户', null, null],
      ['二号', 2022, '农户', null, null],
      ['二号', 2023, '农户', null, null],
      ['三号', 2022, '农户', null, null],
      ['三号', 2023, '集体', null, null],
      ['三号', 2021, '农户', null, null],
    ]);
    const full = await report('row-list', tokens['admin']);
    expect(full.body.rows[0]).toMatchObject({ contact: ID, 'has-contact': true });
    expect(full.body.rows[1]).toMatchObject({ contact: null, 'has-contact': false });
  });
});
