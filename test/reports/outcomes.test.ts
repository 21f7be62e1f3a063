// The outcomes data set on PostgreSQL: one row per record × stored failed (or passed) check, with the plugin's code,
// category and message; grouped by unit and category, counted, filtered; and allUnits listing every unit of a level
// in the user's scope, those without problems with zero counts. Expected rows follow from the five sites below.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { REPO_ROOT } from '../../platform/boot/config';
import { buildReport } from '../../platform/reports/build-report';
import { reportQuery } from '../../platform/store/reports-store';
import { seedRecord } from './seed';

const PLUGIN = 'problem-demo';
let t: TestPlatform;
const tokens: Record<string, string> = {};

// Results as the evaluation stores them (file order fence, sign, books, staffed), written out by hand from the data.
const sites = [
  // Tianhe: no fence, no books → 2 problems (safety, finance); staffed.
  {
    id: 's1',
    unit: '440106',
    data: { name: '一号站', fence: false, sign: true, books: false, staff: 3 },
    failed: ['fence', 'books'],
    passed: ['sign', 'staffed'],
  },
  // Tianhe: no fence, no sign → 2 safety problems; not staffed (eligibility, not a check).
  {
    id: 's2',
    unit: '440106',
    data: { name: '二号站', fence: false, sign: false, books: true, staff: 0 },
    failed: ['fence', 'sign', 'staffed'],
    passed: ['books'],
  },
  // Panyu: everything met.
  {
    id: 's3',
    unit: '440113',
    data: { name: '三号站', fence: true, sign: true, books: true, staff: 2 },
    failed: [],
    passed: ['fence', 'sign', 'books', 'staffed'],
  },
  // Baiyun: no sign, no books.
  {
    id: 's4',
    unit: '440111',
    data: { name: '四号站', fence: true, sign: false, books: false, staff: 1 },
    failed: ['sign', 'books'],
    passed: ['fence', 'staffed'],
  },
];

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [path.join(REPO_ROOT, 'test/reports/plugins')] });
  for (const u of ['city-reviewer', 'panyu-officer']) tokens[u] = await t.login(u);
  const db = t.platform.ctx.db;
  for (const s of sites) {
    await seedRecord(db, {
      plugin: PLUGIN,
      form: 'site',
      id: s.id,
      period: '',
      unit: s.unit,
      state: 'draft',
      title: s.data.name,
      data: s.data,
      results: { asOf: '2024-05-06', computed: {}, passed: s.passed, failed: s.failed, score: null, classes: {}, blocking: 0 },
    });
  }
  // A record whose results were never stored has no outcomes (and breaks nothing).
  await seedRecord(db, {
    plugin: PLUGIN,
    form: 'site',
    id: 's5',
    period: '',
    unit: '440113',
    state: 'draft',
    title: '五号站',
    data: { name: '五号站' },
  });
});
afterAll(async () => {
  await t?.close();
});

const report = (id: string, token: string, query = '') => t.call('GET', `/api/plugins/${PLUGIN}/reports/${id}${query}`, token);

describe(`outcomes source and all-unit groups on PostgreSQL (${testBackend()})`, () => {
  it('lists one row per site × failed check with code, category and message, in stored order', async () => {
    const r = await report('problem-list', tokens['city-reviewer']);
    expect(r.status).toBe(200);
    expect(r.body.rows).toEqual([
      { site: '一号站', unit: '天河区', code: 'P-01', kind: '安全', problem: '没有围栏', field: '/fence' },
      { site: '一号站', unit: '天河区', code: 'F-01', kind: '财务', problem: '没有账簿', field: '/books' },
      { site: '二号站', unit: '天河区', code: 'P-01', kind: '安全', problem: '没有围栏', field: '/fence' },
      { site: '二号站', unit: '天河区', code: 'P-02', kind: '安全', problem: '没有标牌', field: '/sign' },
      { site: '四号站', unit: '白云区', code: 'P-02', kind: '安全', problem: '没有标牌', field: '/sign' },
      { site: '四号站', unit: '白云区', code: 'F-01', kind: '财务', problem: '没有账簿', field: '/books' },
    ]);
    const finance = await report('problem-list', tokens['city-reviewer'], '?kind=finance&lang=en');
    expect(finance.body.rows).toEqual([
      { site: '一号站', unit: 'Tianhe District', code: 'F-01', kind: 'Finance', problem: 'No books', field: '/books' },
      { site: '四号站', unit: 'Baiyun District', code: 'F-01', kind: 'Finance', problem: 'No books', field: '/books' },
    ]);
    // Panyu's only surveyed site has no problems: the officer's list is empty.
    expect((await report('problem-list', tokens['panyu-officer'])).body.rows).toEqual([]);
  });

  it('lists passed outcomes of the chosen kind when asked', async () => {
    const r = await report('passed-eligibility', tokens['city-reviewer'], '?lang=en');
    expect(r.body.rows).toEqual([
      { site: '一号站', rule: 'Staffed', id: 'staffed' },
      { site: '三号站', rule: 'Staffed', id: 'staffed' },
      { site: '四号站', rule: 'Staffed', id: 'staffed' },
    ]);
  });

  it('counts problems per district and category, and lists every district in scope, zero where none', async () => {
    const r = await report('problems-by-unit', tokens['city-reviewer'], '?lang=en');
    expect(r.status).toBe(200);
    const zero = (district: string) => ({ district, kind: null, problems: 0, blocking: 0, staff: null });
    // Staff is summed over outcome rows (one per problem): Tianhe safety = s1 (3) + s2 (0) + s2 (0).
    expect(r.body.rows).toEqual([
      zero('Liwan District'),
      zero('Yuexiu District'),
      zero('Haizhu District'),
      { district: 'Tianhe District', kind: 'Finance', problems: 1, blocking: 1, staff: 3 },
      { district: 'Tianhe District', kind: 'Safety', problems: 3, blocking: 0, staff: 3 },
      { district: 'Baiyun District', kind: 'Finance', problems: 1, blocking: 1, staff: 1 },
      { district: 'Baiyun District', kind: 'Safety', problems: 1, blocking: 0, staff: 1 },
      zero('Huangpu District'),
      zero('Panyu District'),
      zero('Huadu District'),
      zero('Nansha District'),
      zero('Conghua District'),
      zero('Zengcheng District'),
    ]);
    // An officer's scope is their own district: one zero row, no other district named.
    const panyu = await report('problems-by-unit', tokens['panyu-officer'], '?lang=en');
    expect(panyu.body.rows).toEqual([zero('Panyu District')]);
    // Narrowed to one unit, only that unit's row.
    const tianhe = await report('problems-by-unit', tokens['city-reviewer'], '?lang=en&orgUnitId=440106');
    expect(tianhe.body.rows.map((x: any) => [x.district, x.kind, x.problems])).toEqual([
      ['Tianhe District', 'Finance', 1],
      ['Tianhe District', 'Safety', 3],
    ]);
  });

  it('binds the rules of the plugin version as one value: no plugin text in the statement', async () => {
    const plugin = t.platform.ctx.registry.get(PLUGIN);
    const def = plugin.reports.get('problem-list')!;
    const run = { period: null, scopePaths: ['/440000/'], underPath: null, params: {}, today: '2024-05-06' };
    const compiled = reportQuery(def.plan, run, 10).compile(t.platform.ctx.db);
    expect(compiled.sql).not.toContain('P-01');
    expect(compiled.sql).not.toContain('没有围栏');
    expect(compiled.parameters.some((p) => typeof p === 'string' && p.includes('没有围栏'))).toBe(true);
  });

  it('refuses outcome values that do not exist and allUnits on a value group', () => {
    const plugin = t.platform.ctx.registry.get(PLUGIN);
    const ctx = { pluginId: PLUGIN, forms: plugin.forms, codeListIds: new Set(['problem-kinds']), pluginParameters: {} };
    const bad = buildReport(
      'bad.json',
      {
        id: 'bad',
        title: { 'zh-CN': '坏', en: 'Bad' },
        source: { outcomes: { form: 'site' } },
        groupBy: [{ id: 'k', value: { var: 'outcome.category' }, allUnits: true }],
        columns: [
          { id: 'k', label: { 'zh-CN': '类', en: 'K' }, group: 'k' },
          { id: 'n', label: { 'zh-CN': '数', en: 'N' }, aggregate: { fn: 'count', where: { var: 'outcome.colour' } } },
        ],
      },
      ctx,
    );
    expect(bad.errors.map((e) => e.pointer).sort()).toEqual(['/columns/1/aggregate/where/var', '/groupBy/0/allUnits']);
    // A form source offers no outcome values.
    const plain = buildReport(
      'plain.json',
      {
        id: 'plain',
        title: { 'zh-CN': '坏', en: 'Bad' },
        source: { form: 'site' },
        columns: [{ id: 'c', label: { 'zh-CN': '码', en: 'Code' }, value: { var: 'outcome.code' } }],
      },
      ctx,
    );
    expect(plain.errors.map((e) => e.pointer)).toEqual(['/columns/0/value/var']);
  });
});
