// The dual-binding registry plugin through the API, with the demo seed's four-level tree (county → township →
// village): the township registers a cooperative and its enterprise binding at the cooperative's village, an
// enterprise at the township;
// the village officer registers a household and its binding; the township returns it with a comment, the village
// corrects it, the township checks it and the county audits it. Referenced records feed the binding's status
// (on the evaluation date) and the reports (in SQL, on the date asked for).
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';

const PLUGIN = 'huaning-dual-binding';
const fixture = (name: string) => JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, `fixtures/${name}.json`), 'utf8'));
const household = fixture('household').base;
const cooperative = fixture('cooperative').base;
const enterprise = fixture('enterprise').base;
const PANXI = '530424101';
const PANXI_1 = '530424101201';
const HUAXI = '530424102';

let t: TestPlatform;
const tokens: Record<string, string> = {};
const USERS = ['panxi-officer', 'panxi1-officer', 'panxi2-officer', 'huaxi-officer', 'huaning-county', 'huaning-admin', 'tianhe-officer'];
const get = (id: string, who: string) => t.call('GET', `/api/records/${id}`, tokens[who]);
const create = (who: string, id: string, form: string, orgUnitId: string, period: string, data: unknown) =>
  t.call('POST', '/api/records', tokens[who], { id, plugin: PLUGIN, form, period, orgUnitId, data });
const step = async (id: string, who: string, transition: string, comment?: string) => {
  const current = await get(id, who);
  return t.call('POST', `/api/records/${id}/transitions`, tokens[who], { revision: current.body.revision, transition, comment });
};
const edit = async (id: string, who: string, patch: Record<string, unknown>) => {
  const current = await get(id, who);
  return t.call('PUT', `/api/records/${id}`, tokens[who], { revision: current.body.revision, data: { ...current.body.data, ...patch } });
};
const run = (report: string, query: string, who = 'huaning-county') =>
  t.call('GET', `/api/plugins/${PLUGIN}/reports/${report}?${query}`, tokens[who]);
const pick = (rows: any[], keys: string[]) => rows.map((r) => keys.map((k) => r[k]));
/** A row of a unit no record reached, as the reports' allUnits list it: zero counts, then empty shares. */
const zero = (units: string[], counts: number, shares = 0) => [...units, ...Array(counts).fill(0), ...Array(shares).fill(null)];

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS], now: '2025-10-15T02:00:00Z' });
  for (const u of USERS) tokens[u] = await t.login(u);
});
afterAll(async () => {
  await t?.close();
});

describe(`Huaning dual binding through the API (${testBackend()})`, () => {
  it('applies only in Huaning: offered to its village officer, not to a Guangzhou officer', async () => {
    const formsOf = async (who: string) =>
      ((await t.call('GET', '/api/forms', tokens[who])).body.forms as any[]).map((f) => `${f.plugin}/${f.form}`);
    expect(await formsOf('panxi1-officer')).toContain(`${PLUGIN}/household`);
    expect(await formsOf('tianhe-officer')).not.toContain(`${PLUGIN}/household`);
  });

  it('the township registers a cooperative, an enterprise and their binding; the county audits them', async () => {
    expect((await create('panxi-officer', 'coop-1', 'cooperative', PANXI_1, '', cooperative)).status).toBe(201);
    expect((await create('panxi-officer', 'ent-1', 'enterprise', PANXI, '', enterprise)).status).toBe(201);
    const eb = await create('panxi-officer', 'eb-1', 'enterprise-binding', PANXI_1, '', {
      enterprise: 'ent-1',
      cooperative: 'coop-1',
      form: 'contract',
      industry: 'fruit',
      start: '2023-01-01',
    });
    expect(eb.status, JSON.stringify(eb.body).slice(0, 600)).toBe(201);
    // Names and the cooperative's industries come from the referenced records.
    expect(eb.body.data).toMatchObject({
      enterpriseName: enterprise.name,
      cooperativeName: cooperative.name,
      cooperativeIndustries: ['fruit', 'vegetables'],
      active: true,
    });
    for (const id of ['coop-1', 'ent-1', 'eb-1']) {
      expect((await step(id, 'panxi-officer', 'submit')).body.state).toBe('submitted');
      expect((await step(id, 'panxi-officer', 'audit')).status).toBe(403); // auditing is the county's
      expect((await step(id, 'huaning-county', 'audit')).body.state).toBe('audited');
    }
  });

  it('a village officer registers a household and its binding: dual-bound through the cooperative’s enterprise binding', async () => {
    const hh = await create('panxi1-officer', 'hh-1', 'household', PANXI_1, '2025', household);
    expect(hh.status, JSON.stringify(hh.body).slice(0, 600)).toBe(201);
    expect(hh.body.data.eligible).toBe(true);
    expect(hh.body.results.failed).toEqual([]); // registered at a village
    const b = await create('panxi1-officer', 'hb-1', 'household-binding', PANXI_1, '2025', {
      household: 'hh-1',
      cooperative: 'coop-1',
      enterpriseBinding: 'eb-1',
      form: 'member-land',
      industry: 'fruit',
      start: '2024-03-01',
      income: { sales: 3000, landRent: 800 },
    });
    expect(b.status, JSON.stringify(b.body).slice(0, 600)).toBe(201);
    expect(b.body.data).toMatchObject({
      householdName: household.headName,
      householdEligible: true,
      cooperativeName: cooperative.name,
      enterpriseLinkActive: true,
      active: true,
      incomeTotal: 3800,
    });
    expect(b.body.results.classList.find((c: any) => c.id === 'binding-status').value).toBe('dual');
  });

  it('a second binding in another industry: a mismatch when the cooperative does not run it; a client cannot claim the enterprise link', async () => {
    const b = await create('panxi1-officer', 'hb-2', 'household-binding', PANXI_1, '2025', {
      household: 'hh-1',
      cooperative: 'coop-1',
      form: 'order-purchase',
      industry: 'herbs',
      start: '2025-01-01',
      enterpriseLinkActive: true, // computed by the server: replaced, since no enterprise binding is named
    });
    expect(b.status, JSON.stringify(b.body).slice(0, 600)).toBe(201);
    expect(b.body.data.enterpriseLinkActive).toBeNull();
    expect(b.body.results.failed).toEqual(['industry-matches']);
    const status = (await get('hb-2', 'panxi1-officer')).body.results.classList.find((c: any) => c.id === 'binding-status');
    expect(status.value).toBe('single');
  });

  it('a village officer sees neither a cooperative of another township nor another village', async () => {
    // A second cooperative, registered at another township: neither below the village nor above it. A binding may
    // name it (x-ref reach "region", within the county; test/api/huaning-reach.test.ts), but naming is not reading.
    expect(
      (await create('huaxi-officer', 'coop-t', 'cooperative', HUAXI, '', { ...cooperative, creditCode: '93530424MA6K8HN02X' })).status,
    ).toBe(201);
    expect((await get('coop-t', 'panxi1-officer')).status).toBe(404);
    expect((await get('hh-1', 'panxi2-officer')).status).toBe(404);
    expect((await get('hh-1', 'huaxi-officer')).status).toBe(404);
  });

  it('village submits; the township returns it with a comment; the village corrects it; township checks; the county audits', async () => {
    expect((await step('hh-1', 'panxi1-officer', 'submit')).body.state).toBe('submitted');
    expect((await step('hh-1', 'panxi1-officer', 'check')).status).toBe(403); // checking is the township's
    expect((await step('hh-1', 'panxi-officer', 'township-return')).body.error.code).toBe('COMMENT_REQUIRED');
    const back = await step('hh-1', 'panxi-officer', 'township-return', '家庭人口与户籍不符,请核实');
    expect(back.body.state).toBe('draft');
    const history = await t.call('GET', '/api/records/hh-1/history', tokens['panxi1-officer']);
    expect(history.body.events.map((e: any) => e.comment)).toContain('家庭人口与户籍不符,请核实');
    let progress = await run('collection-progress', 'period=2025');
    expect(progress.status, JSON.stringify(progress.body).slice(0, 600)).toBe(200);
    // Every township is listed (allUnits), in code order, those without a household at zero.
    expect(pick(progress.body.rows, ['township', 'total', 'in-village', 'returned', 'submitted', 'checked', 'audited'])).toEqual([
      zero(['宁州街道'], 6),
      ['盘溪镇', 1, 0, 1, 0, 0, 0],
      zero(['华溪镇'], 6),
      zero(['青龙镇'], 6),
      zero(['通红甸彝族苗族乡'], 6),
      ['华宁县合计', 1, 0, 1, 0, 0, 0],
    ]);

    expect((await edit('hh-1', 'panxi1-officer', { members: 5 })).status).toBe(200);
    expect((await step('hh-1', 'panxi1-officer', 'submit')).body.state).toBe('submitted');
    expect((await step('hh-1', 'panxi-officer', 'check')).body.state).toBe('checked');
    expect((await step('hh-1', 'panxi-officer', 'audit')).status).toBe(403); // the audit is the county's
    expect((await step('hh-1', 'huaning-county', 'audit')).body.state).toBe('audited');
    progress = await run('collection-progress', 'period=2025');
    expect(pick(progress.body.rows, ['township', 'total', 'returned', 'audited', 'in-round', 'audited-share'])).toEqual([
      zero(['宁州街道'], 4, 1),
      ['盘溪镇', 1, 0, 1, 1, 1],
      zero(['华溪镇'], 4, 1),
      zero(['青龙镇'], 4, 1),
      zero(['通红甸彝族苗族乡'], 4, 1),
      ['华宁县合计', 1, 0, 1, 1, 1],
    ]);
  });

  it('ID and phone numbers are masked for officers (x-sensitive); the county reviewer sees them in full, and that is logged', async () => {
    const id: string = household.idNumber;
    const masked = `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
    const village = await get('hh-1', 'panxi1-officer');
    expect(village.body.data.idNumber).toBe(masked);
    expect(village.body.subject).toBe(masked);
    if (household.mobile) expect(village.body.data.mobile).toBe(`${household.mobile.slice(0, 3)}****${household.mobile.slice(-4)}`);
    expect((await get('hh-1', 'panxi-officer')).body.data.idNumber).toBe(masked);
    const county = await get('hh-1', 'huaning-county');
    expect(county.body.data.idNumber).toBe(id);
    const log = await t.call('GET', '/api/audit?action=sensitive.', tokens['huaning-admin']);
    expect(log.status).toBe(200);
    expect(log.body.events.some((e: any) => e.actorName === 'huaning-county' && e.action === 'sensitive.view')).toBe(true);
    expect(log.body.events.some((e: any) => e.actorName === 'panxi1-officer')).toBe(false);
  });

  const DUAL = '双绑:合作社同时绑定龙头企业';
  const SINGLE = '单绑:只绑定合作社';
  const INACTIVE = '绑定未生效或已终止';
  it('binding status by household follows the enterprise binding on the date asked for, in the report', async () => {
    const status = async (on: string) => {
      const r = await run('binding-status-by-household', `period=2025&on=${on}`);
      expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(200);
      return pick(r.body.rows, ['village', 'name', 'bindings', 'active', 'dual', 'status']);
    };
    expect(await status('2025-10-20')).toEqual([['盘溪一村', household.headName, 2, 2, 1, DUAL]]);
    // The cooperative's enterprise binding ends on 2025-10-19 (an update by the township, audited again).
    expect((await step('eb-1', 'panxi-officer', 'update', '企业合同到期')).body.state).toBe('draft');
    expect((await edit('eb-1', 'panxi-officer', { end: '2025-10-19' })).status).toBe(200);
    expect(await status('2025-10-19')).toEqual([['盘溪一村', household.headName, 2, 2, 1, DUAL]]);
    expect(await status('2025-10-20')).toEqual([['盘溪一村', household.headName, 2, 2, 0, SINGLE]]);
    expect(await status('2023-06-01')).toEqual([['盘溪一村', household.headName, 2, 0, 0, INACTIVE]]);
    const mismatches = await run('industry-mismatches', 'period=2025');
    expect(pick(mismatches.body.rows, ['village', 'household', 'industry'])).toEqual([['盘溪一村', household.headName, '中药材']]);
    const byForm = await run('bindings-by-form-industry', 'period=2025&on=2025-10-20');
    expect(pick(byForm.body.rows, ['industry', 'form', 'bindings', 'income'])).toEqual([
      ['水果', '以土地经营权入社', 1, 3800],
      ['中药材', '订单收购', 1, 0],
    ]);
  });

  it('households by village, binding links by village, enterprise bindings by industry; an .xlsx download', async () => {
    const hh = await run('households-by-village', 'period=2025');
    // Every village is listed under its township (allUnits), in code order, those without a household at zero.
    expect(pick(hh.body.rows, ['township', 'village', 'total', 'cat-poverty-exited', 'cat-other', 'eligible'])).toEqual([
      zero(['宁州街道', '宁州一村'], 4),
      zero(['宁州街道', '宁州二村'], 4),
      ['盘溪镇', '盘溪一村', 1, 1, 0, 1],
      zero(['盘溪镇', '盘溪二村'], 4),
      zero(['华溪镇', '华溪一村'], 4),
      zero(['华溪镇', '华溪二村'], 4),
      zero(['青龙镇', '青龙一村'], 4),
      zero(['青龙镇', '青龙二村'], 4),
      zero(['通红甸彝族苗族乡', '通红甸一村'], 4),
      zero(['通红甸彝族苗族乡', '通红甸二村'], 4),
    ]);
    // eb-1 ended on 2025-10-19: on the 20th both household bindings hold, neither is part of a dual link.
    // Seen from the township: its two villages, the one without a binding at zero.
    const links = await run('binding-links-by-village', 'period=2025&on=2025-10-20', 'panxi-officer');
    expect(pick(links.body.rows, ['village', 'bindings', 'active', 'dual', 'ended', 'dual-share'])).toEqual([
      ['盘溪一村', 2, 2, 0, 0, 0],
      zero(['盘溪二村'], 4, 1),
    ]);
    const byIndustry = async (on: string) =>
      pick((await run('enterprise-bindings-by-industry', `on=${on}`)).body.rows, ['industry', 'bindings', 'form-contract']);
    // Every industry of the code list is a row (allCodes), those without a binding holding at 0, in the list's order.
    const noBinding = (label: string) => [label, 0, 0];
    const industries = (fruit: number) => [
      noBinding('烟草'),
      noBinding('畜牧'),
      ['水果', fruit, fruit],
      noBinding('蔬菜'),
      noBinding('中药材'),
      noBinding('食用菌'),
      noBinding('其他产业'),
    ];
    expect(await byIndustry('2025-10-19')).toEqual(industries(1));
    expect(await byIndustry('2025-10-20')).toEqual(industries(0));
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/plugins/${PLUGIN}/reports/binding-status-by-household?period=2025&on=2025-10-20&format=xlsx`,
      headers: { authorization: `Bearer ${tokens['huaning-county']}` },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('the yearly funding schedule and training coverage', async () => {
    const f = await create('huaning-county', 'fund-2024', 'funding', '530424', '2024', { integratedFunds: 1000, industryFunds: 600 });
    expect(f.status, JSON.stringify(f.body).slice(0, 600)).toBe(201);
    expect(f.body.data).toMatchObject({ industryShare: 60, requiredShare: 65 });
    expect(f.body.results.failed).toEqual(['funding-schedule']);
    expect(
      (await create('huaning-county', 'fund-2025', 'funding', '530424', '2025', { integratedFunds: 1000, industryFunds: 700 })).status,
    ).toBe(201);
    const r = await run('funding-compliance', '');
    expect(pick(r.body.rows, ['year', 'share', 'required', 'meets'])).toEqual([
      ['2024', 60, 65, false],
      ['2025', 70, 70, true],
    ]);
    const leader = (id: string, data: object) => create('panxi-officer', id, 'training', PANXI_1, '2025', data);
    expect(
      (await leader('tr-1', { cooperative: 'coop-1', leaderName: '王建国', trainings: [{ date: '2025-05-10', course: '规范运行' }] }))
        .status,
    ).toBe(201);
    expect(
      (await leader('tr-2', { enterprise: 'ent-1', leaderName: '赵明', trainings: [{ date: '2024-11-20', course: '品牌建设' }] })).status,
    ).toBe(201);
    const cover = await run('training-coverage', 'period=2025');
    expect(pick(cover.body.rows, ['township', 'leaders', 'trained', 'untrained', 'coverage'])).toEqual([
      zero(['宁州街道'], 3, 1),
      ['盘溪镇', 2, 1, 1, 0.5],
      zero(['华溪镇'], 3, 1),
      zero(['青龙镇'], 3, 1),
      zero(['通红甸彝族苗族乡'], 3, 1),
      ['华宁县合计', 2, 1, 1, 0.5],
    ]);
    const untrained = await run('untrained-leaders', 'period=2025');
    expect(pick(untrained.body.rows, ['entity', 'leader'])).toEqual([[enterprise.name, '赵明']]);
  });
});
