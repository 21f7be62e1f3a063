// Report columns against the previous period, ranks by a computed column and unranked totals, on PostgreSQL
// (issue 11). Coops of the neutral report-demo plugin (year periods) in four districts of one city; every expected
// value is worked out by hand in the comments.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { REPO_ROOT } from '../../platform/boot/config';
import { buildReport } from '../../platform/reports/build-report';
import { runReportPlan } from '../../platform/store/reports-store';
import type { ReportColumn, ReportFile, ReportGroup } from '../../platform/reports/types';
import { seedRecord } from './seed';

const PLUGIN = 'report-demo';
const TIANHE = '440106';
const PANYU = '440113';
const BAIYUN = '440111';
const HAIZHU = '440105';
const CITY = '440100';
let t: TestPlatform;

// [id, district, year, members, revenue]
const coops: [string, string, string, number, number][] = [
  ['a', TIANHE, '2024', 10, 100],
  ['b', TIANHE, '2024', 10, 50],
  ['c', PANYU, '2024', 10, 90],
  ['d', BAIYUN, '2024', 20, 60],
  ['e', TIANHE, '2023', 10, 40],
  ['f', PANYU, '2023', 10, 80],
  ['h', HAIZHU, '2023', 10, 100],
  ['g', PANYU, '2022', 10, 1000], // two years back: in no column
];

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [path.join(REPO_ROOT, 'test/reports/plugins')] });
  for (const [id, unit, period, members, revenue] of coops) {
    await seedRecord(t.platform.ctx.db, { plugin: PLUGIN, form: 'coop', id, unit, period, state: 'draft', data: { members, revenue } });
  }
});
afterAll(async () => {
  await t?.close();
});

const text = (s: string) => ({ 'zh-CN': s, en: s });
const col = (id: string, rest: Omit<ReportColumn, 'id' | 'label'>): ReportColumn => ({ id, label: text(id), ...rest });
const sum = (field: string) => ({ fn: 'sum' as const, of: { var: `data.${field}` } });
const COLUMNS: ReportColumn[] = [
  col('district', { group: 'district' }),
  col('n', { aggregate: { fn: 'count' } }),
  col('members', { aggregate: sum('members') }),
  col('revenue', { aggregate: sum('revenue') }),
  col('revenue-prev', { aggregate: sum('revenue'), period: 'previous' }),
  col('revenue-change', { change: { of: 'revenue' } }),
  col('n-change', { change: { of: 'n' } }),
  col('per-member', { value: { '/': [{ var: 'column.revenue' }, { var: 'column.members' }] } }),
  col('rank', { rank: { by: 'per-member', order: 'desc' } }),
  col('rank-prev', { rank: { by: 'per-member', order: 'desc' }, period: 'previous' }),
  col('rank-change', { change: { of: 'rank' } }),
];

function compile(columns: ReportColumn[], group: Partial<ReportGroup> = {}) {
  const file: ReportFile = {
    id: 'by-district',
    title: text('By district'),
    source: { form: 'coop' },
    period: 'optional',
    groupBy: [{ id: 'district', orgLevel: 'county', rollup: 'city', ...group }],
    columns,
    sort: [{ column: 'rank', order: 'asc' }],
  };
  const plugin = t.platform.ctx.registry.get(PLUGIN);
  return buildReport('by-district.json', file, { pluginId: PLUGIN, forms: plugin.forms, codeListIds: new Set(), pluginParameters: {} });
}

async function run(columns: ReportColumn[], period: string | null, previousPeriod: string | null, group: Partial<ReportGroup> = {}) {
  const r = compile(columns, group);
  expect(r.errors).toEqual([]);
  const run = { period, previousPeriod, scopePaths: ['/440000/'], underPath: null, params: {}, today: '2024-05-06' };
  const { rows } = await runReportPlan(t.platform.ctx.db, r.report!.plan, run, 1000);
  // Rows keyed by column id, numbers as numbers, the twins (p…) left out by the store.
  return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c.id, row[`c${i}`] === null ? null : numberOr(row[`c${i}`])])));
}
const numberOr = (v: unknown) => (typeof v === 'string' && /^-?\d/.test(v) && !/^44/.test(v) ? Number(v) : v);

describe(`report columns against the previous period (${testBackend()})`, () => {
  it('sums, counts, computed ranks and their changes against the previous year; the total has no rank', async () => {
    const rows = await run(COLUMNS, '2024', '2023');
    // 2024 per member: Panyu 90/10 = 9, Tianhe 150/20 = 7.5, Baiyun 60/20 = 3, Haizhu nothing (empty ranks last).
    // 2023 per member: Haizhu 100/10 = 10, Panyu 80/10 = 8, Tianhe 40/10 = 4; Baiyun nothing (no previous rank).
    // Haizhu filed only in 2023: a row with count 0 and empty sums. The city total: 4 coops, 300 of 50 members = 6,
    // last year 40 + 80 + 100 = 220 from 3 coops; 2022's 1000 is in no column.
    expect(rows).toEqual([
      {
        district: PANYU,
        n: 1,
        members: 10,
        revenue: 90,
        'revenue-prev': 80,
        'revenue-change': 10,
        'n-change': 0,
        'per-member': 9,
        rank: 1,
        'rank-prev': 2,
        'rank-change': -1,
      },
      {
        district: TIANHE,
        n: 2,
        members: 20,
        revenue: 150,
        'revenue-prev': 40,
        'revenue-change': 110,
        'n-change': 1,
        'per-member': 7.5,
        rank: 2,
        'rank-prev': 3,
        'rank-change': -1,
      },
      {
        district: BAIYUN,
        n: 1,
        members: 20,
        revenue: 60,
        'revenue-prev': null,
        'revenue-change': null,
        'n-change': 1,
        'per-member': 3,
        rank: 3,
        'rank-prev': null,
        'rank-change': null,
      },
      {
        district: HAIZHU,
        n: 0,
        members: null,
        revenue: null,
        'revenue-prev': 100,
        'revenue-change': null,
        'n-change': -1,
        'per-member': null,
        rank: 4,
        'rank-prev': 1,
        'rank-change': 3,
      },
      {
        district: CITY,
        n: 4,
        members: 50,
        revenue: 300,
        'revenue-prev': 220,
        'revenue-change': 80,
        'n-change': 1,
        'per-member': 6,
        rank: null,
        'rank-prev': null,
        'rank-change': null,
      },
    ]);
  });

  it('the first year with data has nothing before it; a run without a period has no previous period', async () => {
    const few = [
      ...COLUMNS.filter((c) => ['district', 'n', 'revenue', 'revenue-prev', 'revenue-change', 'n-change'].includes(c.id)),
      col('rank', { rank: { by: 'revenue', order: 'desc' } }),
    ];
    // 2022: Panyu's coop g alone; 2021 has no records.
    expect(await run(few, '2022', '2021')).toEqual([
      { district: PANYU, n: 1, revenue: 1000, 'revenue-prev': null, 'revenue-change': null, 'n-change': 1, rank: 1 },
      { district: CITY, n: 1, revenue: 1000, 'revenue-prev': null, 'revenue-change': null, 'n-change': 1, rank: null },
    ]);
    // All years at once (period optional, none given): previous values are empty, counts 0.
    const all = await run(few, null, null);
    expect(all.at(-1)).toEqual({
      district: CITY,
      n: 8,
      revenue: 1520,
      'revenue-prev': null,
      'revenue-change': null,
      'n-change': 8,
      rank: null,
    });
  });

  it('with allUnits, a district without records in either year is a zero row; the twins line up with its columns', async () => {
    const rows = await run(COLUMNS, '2024', '2023', { allUnits: true });
    // 11 districts of the city in the demo tree: 4 with records, 7 zero rows, then the total.
    expect(rows).toHaveLength(12);
    expect(rows.find((r) => r.district === '440103')).toEqual({
      district: '440103',
      n: 0,
      members: null,
      revenue: null,
      'revenue-prev': null,
      'revenue-change': null,
      'n-change': 0,
      'per-member': null,
      rank: 4, // empty values rank after the 3 with a value, tied with Haizhu's
      'rank-prev': null,
      'rank-change': null,
    });
    expect(rows.at(-1)).toMatchObject({ district: CITY, n: 4, 'revenue-prev': 220, rank: null });
  });

  it('refuses previous-period columns a report cannot compute, with file and pointer', () => {
    const errors = (columns: ReportColumn[]) => compile(columns).errors.map((e) => [e.file, e.pointer]);
    expect(errors([...COLUMNS, col('x', { change: { of: 'district' } })])).toEqual([['by-district.json', '/columns/11/change/of']]);
    expect(errors([...COLUMNS, col('x', { change: { of: 'revenue-change' } })])).toEqual([['by-district.json', '/columns/11/change/of']]);
    expect(errors([...COLUMNS, col('x', { change: { of: 'revenue-prev' } })])).toEqual([['by-district.json', '/columns/11/change/of']]);
    expect(errors([...COLUMNS, col('x', { change: { of: 'nope' } })])).toEqual([['by-district.json', '/columns/11/change/of']]);
    expect(errors([...COLUMNS, col('x', { group: 'district', period: 'previous' })])).toEqual([['by-district.json', '/columns/11/period']]);
    // A list report has no groups to compare.
    const plugin = t.platform.ctx.registry.get(PLUGIN);
    const list = buildReport(
      'list.json',
      {
        id: 'list',
        title: text('List'),
        source: { form: 'coop' },
        columns: [col('m', { value: { var: 'data.members' }, period: 'previous' })],
      },
      { pluginId: PLUGIN, forms: plugin.forms, codeListIds: new Set(), pluginParameters: {} },
    );
    expect(list.errors.map((e) => [e.file, e.pointer, e.code])).toEqual([['list.json', '/columns/0/period', 'REPORT_INVALID']]);
    // Households have no periods: nothing comes before.
    const households = buildReport(
      'households.json',
      {
        id: 'households',
        title: text('Households'),
        source: { form: 'household' },
        groupBy: [{ id: 'district', orgLevel: 'county' }],
        columns: [col('n', { aggregate: { fn: 'count' } }), col('n-change', { change: { of: 'n' } })],
      },
      { pluginId: PLUGIN, forms: plugin.forms, codeListIds: new Set(), pluginParameters: {} },
    );
    expect(households.errors.map((e) => [e.file, e.pointer])).toEqual([['households.json', '/columns/1/change']]);
  });
});
