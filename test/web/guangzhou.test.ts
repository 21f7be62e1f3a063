// The Guangzhou plugin in a real browser: a Tianhe district officer opens an application draft (made through the
// API from the plugin's passing fixture, so the test does not type a hundred fields), changes the number of
// trainings and watches the score follow the score-sheet rule, saves and submits; the district reviewer passes
// the first review in the browser; the city steps go through the API as the workflow's roles and levels require;
// the city reviewer sees the record in the ranking with the quota cut line and the priority flags.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { BUNDLED_PLUGINS, type TestPlatform } from '../helpers/platform';
import { mergePatch } from '../../platform/fixtures/merge-patch';
import { createRuleEngine } from '../../platform/rules';
import { usccCheckChar } from '../../platform/forms/formats';
import { withUploads } from '../helpers/uploads';

const PLUGIN = 'guangzhou-demonstration';
const read = (file: string) => JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, file), 'utf8'));
const fixtures = read('fixtures/application.json');
const sheetRules: { id: string; kind: string; max: number; logic: unknown }[] = read('rules/score-sheet.json').rules;
const passing = fixtures.cases.find(
  (c: any) =>
    c.expected?.blocking === 0 &&
    c.expected?.valid === true &&
    typeof c.expected?.score?.total === 'number' &&
    !c.params &&
    !c.marks &&
    !c.asOf,
);
const priorityCase = fixtures.cases.find(
  (c: any) => c.expected?.blocking === 0 && c.expected?.classes?.['priority-brand'] === true && !c.params && !c.marks && !c.asOf,
);
const uscc = (first17: string) => first17 + usccCheckChar(first17);

// s-training: "技术辅导和培训:每年2次以上6分,1次3分" — its points are computed from the rule's own logic.
const training = sheetRules.find((r) => r.id === 's-training')!;
const trainingPoints = (data: object) => createRuleEngine().compile(training.logic as never)({ data } as never) as number;

describe.skipIf(skipBrowser)('Guangzhou application in a browser', () => {
  let suite: BrowserSuite;
  let tp: TestPlatform;
  let base = '';
  let recordId = '';
  const data = mergePatch(mergePatch(fixtures.base, passing?.input ?? {}), {
    name: '广州市天河区禾丰果蔬专业合作社',
    creditCode: uscc('93440106MA5CXX9A1'),
    district: '440106',
  }) as Record<string, any>;

  beforeAll(async () => {
    expect(passing).toBeDefined();
    suite = await startBrowserSuite('guangzhou', { pluginsDirs: [BUNDLED_PLUGINS] });
    ({ tp, base } = suite);
    const officer = await tp.login('tianhe-officer');
    // The fixture names placeholder attachment ids; a saved record names real uploads of its author.
    const r = await tp.call('POST', '/api/records', officer, {
      plugin: PLUGIN,
      form: 'application',
      period: '2024',
      orgUnitId: '440106',
      data: await withUploads(tp, officer, PLUGIN, 'application', data),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.results.score.total).toBe(passing.expected.score.total);
    recordId = r.body.id;
  }, 180_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('officer changes a field and the score follows; saves and submits', async () => {
    const before = passing.expected.score.total as number;
    const trainingsAfter = 1;
    const after =
      before - trainingPoints(data) + trainingPoints(mergePatch(data, { sheet: { trainingsPerYear: trainingsAfter } }) as object);
    expect(after).toBeLessThan(before); // 4 trainings → 6 points, 1 → 3: the rule text's "2次以上6分,1次3分"

    const page = await suite.loginAs('tianhe-officer');
    await page.goto(`${base}#/records/${encodeURIComponent(recordId)}`);
    const panel = page.getByTestId('rule-panel');
    const total = panel.getByTestId('score-total');
    await expect.poll(() => total.textContent(), { timeout: 20_000 }).toBe(String(before));
    await suite.shot(page, '01-draft-server-results');

    const field = page.locator('#root_sheet_trainingsPerYear');
    await field.fill(String(trainingsAfter));
    await expect.poll(() => total.textContent()).toBe(String(after));
    expect(await panel.locator('[data-rule="s-training"]').textContent()).toContain(
      `${trainingPoints({ sheet: { trainingsPerYear: trainingsAfter } })} / ${training.max}`,
    );
    await suite.shot(page, '02-live-score-changed');

    await page.getByTestId('save').click();
    await page.getByTestId('notice').waitFor();
    await expect.poll(() => panel.textContent()).toContain('服务器结果');
    expect(await total.textContent()).toBe(String(after));
    await page.locator('[data-transition="submit"]').click();
    await expect.poll(() => page.getByTestId('state').textContent()).toBe('已提交,待区初审');
    await suite.shot(page, '03-submitted');

    const r = await tp.call('GET', `/api/records/${recordId}`, await tp.login('tianhe-officer'));
    expect([r.body.state, r.body.data.sheet.trainingsPerYear, r.body.results.score.total]).toEqual(['submitted', trainingsAfter, after]);

    // The printable 申报书: enum values by their labels, nested sections, attachments by file name, the score.
    await page.getByTestId('print-link').click();
    const sheet = page.getByTestId('print-sheet');
    await sheet.waitFor();
    const district = read('forms/application.schema.json').properties.district;
    expect(await sheet.locator('tr[data-field="district"] td').textContent()).toBe(district.enumNames[district.enum.indexOf('440106')]);
    await expect.poll(() => sheet.locator('section[data-field="attachments"]').textContent()).toContain('材料1.pdf');
    expect(await sheet.getByTestId('print-total').textContent()).toBe(String(after));
    await suite.shot(page, '03b-print-view');
  }, 120_000);

  it('district reviewer passes the first review in the browser', async () => {
    const page = await suite.loginAs('tianhe-reviewer');
    await page.getByTestId('queue-link').click();
    await page
      .getByTestId('queue-table')
      .locator(`tr[data-record="${recordId}"] a[href="#/records/${encodeURIComponent(recordId)}"]`)
      .click();
    await page.locator('[data-transition="first-review-approve"]').click();
    await expect.poll(() => page.getByTestId('state').textContent()).toBe('区初审通过');
    await suite.shot(page, '04-first-review-passed');
  }, 90_000);

  it('city reviewer sees it ranked, with the quota cut line and priority flags', async () => {
    const tok = async (u: string) => tp.login(u);
    const step = async (id: string, who: string, transition: string, comment?: string) => {
      const t = await tok(who);
      const cur = await tp.call('GET', `/api/records/${id}`, t);
      const r = await tp.call('POST', `/api/records/${id}/transitions`, t, { revision: cur.body.revision, transition, comment });
      expect(r.status, `${transition}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    };
    // The rest of the chain as workflows/evaluation.json assigns it: recommend by the district (county level),
    // second review and scoring by the city.
    await step(recordId, 'tianhe-reviewer', 'recommend', '区发改、商务、市场监管、金融、税务部门无异议');
    await step(recordId, 'city-reviewer', 'second-review-accept');
    await step(recordId, 'city-reviewer', 'score');

    // A second application from Panyu with priority flags, walked the same way, and a quota of 1.
    expect(priorityCase).toBeDefined();
    const panyuOfficer = await tok('panyu-officer');
    const panyu = await tp.call('POST', '/api/records', panyuOfficer, {
      plugin: PLUGIN,
      form: 'application',
      period: '2024',
      orgUnitId: '440113',
      data: await withUploads(
        tp,
        panyuOfficer,
        PLUGIN,
        'application',
        mergePatch(fixtures.base, priorityCase.input) as Record<string, any>,
      ),
    });
    expect(panyu.status, JSON.stringify(panyu.body)).toBe(201);
    const other = panyu.body.id as string;
    await step(other, 'panyu-officer', 'submit');
    await step(other, 'panyu-reviewer', 'first-review-approve');
    await step(other, 'panyu-reviewer', 'recommend', '无异议');
    await step(other, 'city-reviewer', 'second-review-accept');
    await step(other, 'city-reviewer', 'score');
    const admin = await tok('admin');
    const params = await tp.call('GET', `/api/plugins/${PLUGIN}/parameters`, admin);
    expect(
      (
        await tp.call('PUT', `/api/plugins/${PLUGIN}/parameters`, admin, {
          revision: params.body.revision,
          values: { ...params.body.values, quota: 1 },
        })
      ).status,
    ).toBe(202);
    await tp.app.jobs.idle();

    const city = await tok('city-reviewer');
    const ranking = await tp.call('GET', `/api/plugins/${PLUGIN}/forms/application/ranking?period=2024`, city);
    expect(ranking.body.rows.map((r: any) => r.id).sort()).toEqual([recordId, other].sort());
    const otherView = await tp.call('GET', `/api/records/${other}`, city);
    const flags = otherView.body.results.classList.filter((c: any) => c.value === true).map((c: any) => c.id);
    expect(flags).toContain('priority-brand');

    const page = await suite.loginAs('city-reviewer');
    await page.locator('[data-ranking="guangzhou-demonstration/application"]').click();
    await page.getByLabel('评定年度').fill('2024');
    await page.getByTestId('show-ranking').click();
    const table = page.getByTestId('ranking');
    await table.locator(`tr[data-record="${recordId}"]`).waitFor();
    // Rows in the API's order, the cut line right after the last row within the quota.
    const order = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs
          .filter((tr) => !tr.classList.contains('ant-table-measure-row'))
          .map((tr) => tr.getAttribute('data-record') ?? (tr.querySelector('[data-testid="quota-line"]') ? 'CUT' : '?')),
      );
    const expected = ranking.body.rows.flatMap((r: any, i: number) => {
      const next = ranking.body.rows[i + 1];
      return r.rank <= 1 && (!next || next.rank > 1) ? [r.id, 'CUT'] : [r.id];
    });
    expect(order).toEqual(expected);
    expect(await table.getByTestId('quota-line').textContent()).toBe('名额线 (1)');
    const mine = ranking.body.rows.find((r: any) => r.id === recordId);
    const row = table.locator(`tr[data-record="${recordId}"]`);
    expect(await row.getByTestId('rank').textContent()).toBe(String(mine.rank));
    expect(await row.getByTestId('rank-score').textContent()).toBe(String(mine.value));
    expect(await row.textContent()).toContain('天河区');
    expect(await row.textContent()).toContain('已评分');
    for (const f of flags) expect(await table.locator(`tr[data-record="${other}"] [data-flag="${f}"]`).count()).toBe(1);
    await suite.shot(page, '05-ranking-quota-line');
    await suite.axe(page, 'ranking');
  }, 120_000);
});
