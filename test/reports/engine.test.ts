// The report engine on a real PostgreSQL: every translated operation selects exactly the records json-logic-js
// says are truthy; plugin text stays bound data; joins, grouping, aggregates, ranks, limits and scope.
import path from 'node:path';
import jsonLogic from 'json-logic-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { REPO_ROOT } from '../../platform/boot/config';
import { buildReport } from '../../platform/reports/build-report';
import { reportQuery, runReportPlan } from '../../platform/store/reports-store';
import type { ReportFile } from '../../platform/reports/types';
import { seedRecord } from './seed';
import { createRuleEngine } from '../../platform/rules';

const PLUGIN = 'report-demo';
const INJECT = 'o\'brien"; drop table records; --';
const BRACES = 'a,b}c{d';
let t: TestPlatform;
const tokens: Record<string, string> = {};

const coops: { id: string; unit: string; period: string; state: string; data: Record<string, unknown> }[] = [
  {
    id: 'c1',
    unit: '440106',
    period: '2024',
    state: 'draft',
    data: { name: '甲社', members: 20, revenue: 100, certified: true, kind: 'farm', tags: ['organic', 'export'], extra: 5, [INJECT]: 'x' },
  },
  {
    id: 'c2',
    unit: '440106',
    period: '2024',
    state: 'draft',
    data: { name: '乙社', members: 5, revenue: null, certified: false, kind: 'service', tags: [], extra: '5', [BRACES]: 'y' },
  },
  {
    id: 'c3',
    unit: '440113',
    period: '2024',
    state: 'draft',
    data: { name: '丙社', members: 40, revenue: 300, certified: true, kind: 'farm', tags: ['organic'], extra: null },
  },
  {
    id: 'c4',
    unit: '440113',
    period: '2023',
    state: 'draft',
    data: { name: '丁社', members: 0, revenue: 50.5, kind: 'service', extra: true },
  },
  {
    id: 'c5',
    unit: '440111',
    period: '2024',
    state: 'done',
    data: { name: '戊社', members: 12, revenue: 0, certified: false, kind: 'farm', tags: ['export'], extra: [1] },
  },
];

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS, TEST_PLUGINS, path.join(REPO_ROOT, 'test/reports/plugins')] });
  for (const u of ['city-reviewer', 'tianhe-officer', 'panyu-officer']) tokens[u] = await t.login(u);
  const db = t.platform.ctx.db;
  for (const c of coops) await seedRecord(db, { plugin: PLUGIN, form: 'coop', subject: c.id, title: String(c.data.name), ...c });
  await seedRecord(db, {
    plugin: PLUGIN,
    form: 'household',
    id: 'h1',
    period: '',
    unit: '440106',
    state: 'draft',
    data: { head: '张三', size: 5, coop: 'c1' },
  });
  await seedRecord(db, {
    plugin: PLUGIN,
    form: 'household',
    id: 'h2',
    period: '',
    unit: '440113',
    state: 'draft',
    data: { head: '李四', size: 2, coop: 'c3' },
  });
  await seedRecord(db, {
    plugin: PLUGIN,
    form: 'household',
    id: 'h3',
    period: '',
    unit: '440113',
    state: 'draft',
    data: { head: '王五', size: 3, coop: 'c1' },
  });
});
afterAll(async () => {
  await t?.close();
});

/** A one-column list report over the coops with this filter, compiled as a plugin file would be. */
function adhoc(filter: unknown) {
  const plugin = t.platform.ctx.registry.get(PLUGIN);
  const file: ReportFile = {
    id: 'adhoc',
    title: { 'zh-CN': '临时', en: 'Ad hoc' },
    source: { form: 'coop' },
    period: 'optional',
    parameters: [{ name: 'limit', title: { 'zh-CN': '上限', en: 'Limit' }, type: 'integer' }],
    filter,
    columns: [{ id: 'id', label: { 'zh-CN': '编号', en: 'Id' }, value: { var: 'id' } }],
  };
  const r = buildReport('adhoc.json', file, { pluginId: PLUGIN, forms: plugin.forms, codeListIds: new Set(), pluginParameters: {} });
  if (!r.report) throw new Error(JSON.stringify(r.errors));
  return r.report.plan;
}
const everything = { period: null, scopePaths: ['/440000/'], underPath: null, params: { limit: 13 }, today: '2024-05-06' };
async function selected(filter: unknown): Promise<string[]> {
  const { rows } = await runReportPlan(t.platform.ctx.db, adhoc(filter), everything, 1000);
  return rows.map((r) => r.c0 as string).sort();
}

describe(`report engine on PostgreSQL (${testBackend()})`, () => {
  it('every translated operation selects what json-logic-js selects', async () => {
    const filters: [unknown, string[]][] = [
      [{ '==': [{ var: 'data.kind' }, 'farm'] }, ['c1', 'c3', 'c5']],
      [{ '===': [{ var: 'data.certified' }, true] }, ['c1', 'c3']],
      [{ '!=': [{ var: 'data.kind' }, 'farm'] }, ['c2', 'c4']],
      [{ '!==': [{ var: 'data.revenue' }, null] }, ['c1', 'c3', 'c4', 'c5']],
      [{ '==': [{ var: 'data.revenue' }, null] }, ['c2']],
      [{ '==': [{ var: 'data.certified' }, false] }, ['c2', 'c5']],
      [{ '<': [{ var: 'data.revenue' }, 60] }, ['c2', 'c4', 'c5']],
      [{ '<=': [10, { var: 'data.members' }, 30] }, ['c1', 'c5']],
      [{ '>': [{ var: 'data.members' }, 10] }, ['c1', 'c3', 'c5']],
      [{ '>=': [{ var: 'data.revenue' }, { '*': [{ var: 'data.members' }, 5] }] }, ['c1', 'c3', 'c4']],
      [{ and: [{ var: 'data.certified' }, { in: [{ var: 'data.kind' }, ['farm', 'x']] }] }, ['c1', 'c3']],
      [{ or: [{ '!': { var: 'data.certified' } }, { '>': [{ var: 'data.members' }, 30] }] }, ['c2', 'c3', 'c4', 'c5']],
      [{ '!!': { var: 'data.tags' } }, ['c1', 'c3', 'c5']],
      [{ in: ['organic', { var: 'data.tags' }] }, ['c1', 'c3']],
      [{ in: ['甲', { var: 'data.name' }] }, ['c1']],
      [{ '===': [{ var: 'data.extra' }, 5] }, ['c1']],
      [
        { if: [{ var: 'data.certified' }, { '>': [{ var: 'data.members' }, 30] }, { '==': [{ var: 'data.kind' }, 'service'] }] },
        ['c2', 'c3', 'c4'],
      ],
      [{ '==': [{ var: 'state' }, 'done'] }, ['c5']],
      [{ '==': [{ var: 'period' }, '2023'] }, ['c4']],
      [{ '==': [{ '-': [{ var: 'data.members' }, { '/': [{ var: 'data.members' }, 2] }] }, 10] }, ['c1']],
      [{ '<': [{ '+': [{ var: 'data.members' }, 1] }, { var: 'params.limit' }] }, ['c2', 'c4']],
      [{ var: ['data.members', 0] }, ['c1', 'c2', 'c3', 'c5']],
      [{ '>': [{ '-': [{ var: 'data.members' }] }, -10] }, ['c2', 'c4']],
    ];
    for (const [filter, expected] of filters) {
      const byJsonLogic = coops
        .filter((c) =>
          jsonLogic.truthy(
            jsonLogic.apply(filter as any, { data: c.data, state: c.state, period: c.period, id: c.id, params: everything.params }),
          ),
        )
        .map((c) => c.id)
        .sort();
      expect(byJsonLogic, `json-logic-js ${JSON.stringify(filter)}`).toEqual(expected);
      expect(await selected(filter), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('rounds half away from zero as the rule engine does, and floors, to n decimals (negative: tens, hundreds)', async () => {
    const plugin = t.platform.ctx.registry.get(PLUGIN);
    const revenue = { var: 'data.revenue' };
    const third = { '/': [revenue, 3] };
    const columns: [string, unknown][] = [
      ['id', { var: 'id' }],
      ['r2', { round: [third, 2] }],
      ['f1', { floor: [third, 1] }],
      ['r0', { round: revenue }],
      ['neg', { round: [{ '-': [revenue] }] }],
      ['fneg', { floor: { '-': [revenue] } }],
      ['hundreds', { round: [revenue, -2] }],
    ];
    const file: ReportFile = {
      id: 'rounding',
      title: { 'zh-CN': '取整', en: 'Rounding' },
      source: { form: 'coop' },
      period: 'optional',
      filter: { '!==': [revenue, null] },
      columns: columns.map(([id, value]) => ({ id, label: { 'zh-CN': id, en: id }, value })),
    };
    const r = buildReport('rounding.json', file, { pluginId: PLUGIN, forms: plugin.forms, codeListIds: new Set(), pluginParameters: {} });
    expect(r.errors).toEqual([]);
    const { rows } = await runReportPlan(t.platform.ctx.db, r.report!.plan, everything, 1000);
    const byId = Object.fromEntries(rows.map((x) => [x.c0, columns.slice(1).map((_, i) => Number(x[`c${i + 1}`]))]));
    // revenue 100, 300, 50.5, 0 (c2's null is filtered out): thirds 33.333…, 100, 16.8333…, 0.
    expect(byId).toEqual({
      c1: [33.33, 33.3, 100, -100, -100, 100],
      c3: [100, 100, 300, -300, -300, 300],
      c4: [16.83, 16.8, 51, -51, -51, 100],
      c5: [0, 0, 0, 0, 0, 0],
    });
    // The rule engine's round gives the same numbers for the same records.
    const engine = createRuleEngine();
    for (const c of coops.filter((x) => x.data.revenue !== null)) {
      const data = { data: c.data };
      expect(byId[c.id].slice(0, 1)).toEqual([engine.apply({ round: [third, 2] }, data)]);
      expect(byId[c.id][3]).toBe(engine.apply({ round: [{ '-': [revenue] }] }, data) || 0);
    }
    // Rounded values compare exactly in a filter (numeric, no binary fractions).
    expect(await selected({ '==': [{ round: [third, 2] }, 33.33] })).toEqual(['c1']);
    expect(await selected({ '<': [{ floor: [third] }, 17] })).toEqual(['c2', 'c4', 'c5']);
  });

  it('plugin text is bound data: odd field names and values never become SQL', async () => {
    const drop = "'; drop table records; --";
    expect(await selected({ '==': [{ var: `data.${INJECT}` }, 'x'] })).toEqual(['c1']);
    expect(await selected({ '==': [{ var: `data.${BRACES}` }, 'y'] })).toEqual(['c2']);
    expect(await selected({ '==': [{ var: 'data.name' }, drop] })).toEqual([]);
    expect(await selected({ in: [{ var: 'data.name' }, [drop, '甲社', 'x"}']] })).toEqual(['c1']);
    const compiled = reportQuery(adhoc({ '==': [{ var: `data.${INJECT}` }, drop] }), everything, 10).compile(t.platform.ctx.db);
    expect(compiled.sql).not.toContain('drop table');
    expect(compiled.sql).not.toContain("o'brien");
    expect(compiled.parameters).toContainEqual([INJECT]);
    expect(compiled.parameters).toContain(drop);
    // Aliases are generated; the plugin's column id ("id") is not an identifier of the statement.
    expect(compiled.sql).toMatch(/ as c0\b/);
    expect(await t.platform.ctx.db.selectFrom('records').select('id').where('plugin_id', '=', PLUGIN).execute()).toHaveLength(8);
  });

  it('joins the record a reference field names, and only when the user may see it', async () => {
    const city = await t.call('GET', `/api/plugins/${PLUGIN}/reports/households-with-coop`, tokens['city-reviewer']);
    expect(city.status).toBe(200);
    expect(city.body.rows).toEqual([
      { head: '张三', size: 5, coop: '甲社', 'coop-members': 20 },
      { head: '王五', size: 3, coop: '甲社', 'coop-members': 20 },
      { head: '李四', size: 2, coop: '丙社', 'coop-members': 40 },
    ]);
    // The Panyu officer sees Panyu's households; 王五's cooperative is in Tianhe, so its values stay empty.
    const panyu = await t.call('GET', `/api/plugins/${PLUGIN}/reports/households-with-coop?minSize=3`, tokens['panyu-officer']);
    expect(panyu.body.rows).toEqual([{ head: '王五', size: 3, coop: null, 'coop-members': null }]);
    expect(panyu.body.parameters).toEqual({ period: null, orgUnitId: null, minSize: 3 });
  });

  it('groups by values, counts, sums, averages, ratios, ranks groups and computes columns from columns', async () => {
    const r = await t.call('GET', `/api/plugins/${PLUGIN}/reports/coops-by-kind?lang=en`, tokens['city-reviewer']);
    expect(r.status).toBe(200);
    // farm/2024: c1 (20, 100, certified), c3 (40, 300, certified), c5 (12, 0); service/2024: c2 (5, null);
    // service/2023: c4 (0, 50.5, certified absent). Sorted by revenue desc, nulls last.
    expect(r.body.rows).toEqual(
      [
        {
          kind: 'farm',
          year: '2024',
          n: 3,
          certified: 2,
          share: 2 / 3,
          revenue: 400,
          'avg-members': 24,
          'min-members': 12,
          'max-members': 40,
          rank: 1,
          'per-member': 400 / 3,
        },
        {
          kind: 'service',
          year: '2023',
          n: 1,
          certified: 0,
          share: 0,
          revenue: 50.5,
          'avg-members': 0,
          'min-members': 0,
          'max-members': 0,
          rank: 2,
          'per-member': 50.5,
        },
        {
          kind: 'service',
          year: '2024',
          n: 1,
          certified: 0,
          share: 0,
          revenue: null,
          'avg-members': 5,
          'min-members': 5,
          'max-members': 5,
          rank: 3,
          'per-member': null,
        },
      ].map((x) => ({
        ...x,
        'per-member': x['per-member'] === null ? null : expect.closeTo(x['per-member'], 10),
        share: expect.closeTo(x.share, 10),
      })),
    );
    const top1 = await t.call('GET', `/api/plugins/${PLUGIN}/reports/coops-by-kind?top=1&period=2024`, tokens['city-reviewer']);
    expect(top1.body.rows.map((x: any) => [x.kind, x.n])).toEqual([['farm', 3]]);
    const tianhe = await t.call('GET', `/api/plugins/${PLUGIN}/reports/coops-by-kind`, tokens['tianhe-officer']);
    expect(tianhe.body.rows.map((x: any) => [x.kind, x.year, x.n])).toEqual([
      ['farm', '2024', 1],
      ['service', '2024', 1],
    ]);
  });
});

describe(`reports over stored rule results (${testBackend()})`, () => {
  it('reads score items and dimensions by id and the passed check ids; a record not yet migrated reads null there', async () => {
    const db = t.platform.ctx.db;
    const set = (id: string, results: unknown) =>
      db
        .updateTable('records')
        .set({ results: JSON.stringify(results) })
        .where('id', '=', id)
        .execute();
    const stored = (items: Record<string, number>, passed: string[]) => ({
      asOf: '2024-05-06',
      computed: {},
      passed,
      failed: [],
      classes: {},
      blocking: 0,
      score: { total: 10, max: 20, mandatoryFailed: [], dimensions: { d: Object.values(items).reduce((a, b) => a + b, 0) }, items },
    });
    await set('c1', stored({ s1: 7, '2': 3 }, ['a', 'b']));
    await set('c2', stored({ s1: 2 }, ['b']));
    // The shape stored before compaction: arrays where the stored form has maps (here even an item id like an index).
    await set('c3', {
      checks: [{ id: 'a', passed: true }],
      failed: [],
      score: {
        items: [
          { id: 's1', points: 9 },
          { id: '2', points: 1 },
        ],
        dimensions: [{ id: 'd', score: 10 }],
      },
    });
    try {
      expect(await selected({ '>': [{ var: 'results.score.items.s1' }, 5] })).toEqual(['c1']);
      expect(await selected({ '==': [{ var: 'results.score.items.2' }, 3] })).toEqual(['c1']);
      expect(await selected({ '==': [{ var: 'results.score.dimensions.d' }, 2] })).toEqual(['c2']);
      expect(await selected({ in: ['a', { var: 'results.passed' }] })).toEqual(['c1']);
      expect(await selected({ '==': [{ var: 'results.score.items.s1' }, null] })).toEqual(['c3', 'c4', 'c5']);
    } finally {
      for (const id of ['c1', 'c2', 'c3']) await set(id, {});
    }
  });
});
