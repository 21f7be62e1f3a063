// The Beibei survey on a 768 px tablet: a town officer opens a survey made through the API (from the plugin's
// fixture base, with the four site marks and the registration item unmet: 23 points, 限期整改), sees the problems
// with their messages, the score by dimension and the class; answers one site mark "是" and watches score and
// class follow live (24 points, at the line: 规范提升); saves; the page never scrolls sideways. Then the district
// reviewer opens the problem ledger (a report over rule outcomes), sees the town's problems by category and
// downloads it as .xlsx, read back with the platform's spreadsheet reader.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { BUNDLED_PLUGINS } from '../helpers/platform';
import { mergePatch } from '../../platform/fixtures/merge-patch';
import { openTable } from '../../platform/spreadsheets/read-table';

const PLUGIN = 'beibei-pilot';
const fixtures = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, 'fixtures/survey.json'), 'utf8'));
const data = mergePatch(fixtures.base, {
  organisation: { registrationUpToDate: false },
  site: { officeEnvironment: false, rulesOnWall: false, facilities: false, serviceFunctions: false },
});

describe.skipIf(skipBrowser)('Beibei survey on a tablet', () => {
  let suite: BrowserSuite;
  let recordId = '';
  beforeAll(async () => {
    suite = await startBrowserSuite('beibei', { pluginsDirs: [BUNDLED_PLUGINS], now: '2022-06-30T02:00:00Z' });
    const officer = await suite.tp.login('tiansheng-officer');
    const r = await suite.tp.call('POST', '/api/records', officer, {
      plugin: PLUGIN,
      form: 'survey',
      period: '2022',
      orgUnitId: '500109001',
      data,
    });
    expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(201);
    recordId = r.body.id;
  }, 300_000); // the web build alone takes over two minutes on a busy 2-core machine
  afterAll(async () => {
    await suite?.close();
  });

  it('shows problems, score and class, follows an answer live, and saves', async () => {
    const page = await suite.loginAs('tiansheng-officer', 768);
    await page.goto(`${suite.base}#/records/${encodeURIComponent(recordId)}`);
    const panel = page.getByTestId('rule-panel');
    const total = panel.getByTestId('score-total');
    await expect.poll(() => total.textContent(), { timeout: 20_000 }).toBe('23');
    const office = panel.locator('[data-rule="bb-site-01"][data-passed]');
    expect(await office.getAttribute('data-passed')).toBe('false');
    expect(await office.textContent()).toContain('办公环境差');
    expect(await office.locator('[data-code]').textContent()).toBe('BB-SITE-01');
    expect(await panel.locator('[data-rule="bb-org-03"][data-passed]').getAttribute('data-passed')).toBe('true');
    expect(await panel.locator('[data-dimension="site"]').textContent()).toContain('0 / 4');
    // The class by its code-list label, as the officer reads it (the code stays on the tag for scripts).
    expect(await panel.locator('[data-rule="improvement-class"]').textContent()).toContain('限期整改');
    expect(await panel.locator('[data-rule="improvement-class"] [data-value]').getAttribute('data-value')).toBe('rectify');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await suite.shot(page, '01-survey-768px-problems-and-class');

    await page.locator('#root_site_officeEnvironment').getByText('是', { exact: true }).click();
    await expect.poll(() => total.textContent()).toBe('24');
    await expect.poll(() => panel.locator('[data-rule="improvement-class"]').textContent()).toContain('规范提升');
    expect(await office.getAttribute('data-passed')).toBe('true');
    await suite.shot(page, '02-live-answer-changes-class');

    await page.getByTestId('save').click();
    await page.getByTestId('notice').waitFor();
    const saved = await suite.tp.call('GET', `/api/records/${recordId}`, await suite.tp.login('tiansheng-officer'));
    expect([
      saved.body.data.site.officeEnvironment,
      saved.body.results.score.total,
      saved.body.results.classes['improvement-class'],
    ]).toEqual([true, 24, 'improve']);
    await suite.axe(page, 'survey form at 768 px');
  }, 120_000);

  it('the district reviewer opens the problem ledger and downloads it as .xlsx', async () => {
    // After the save: BB-ORG-04 (organisation) and BB-SITE-02…04 (site) remain unmet at 天生街道.
    const page = await suite.loginAs('beibei-reviewer');
    await page.getByTestId('nav-reports').click();
    await page.locator(`a[href="#/reports/${PLUGIN}/problem-ledger"]`).click();
    await page.locator('#report-period').fill('2022');
    await page.getByTestId('run-report').click();
    const table = page.getByTestId('report-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    // The report may already show a run for the default period (it runs on opening when nothing it needs is
    // missing): wait for the 2022 run to replace it.
    const body = async () => (await table.locator('tbody').innerText()).replace(/\s+/g, ' ');
    // Columns: town, problems, organisation, charter, finance, site, business, exit, in accepted surveys.
    await expect.poll(body, { timeout: 15_000 }).toMatch(/天生街道 4 1 0 0 3 0 0 0/);
    const text = await body();
    expect(text).toMatch(/静观镇 0 0 0 0 0 0 0 0/); // not surveyed, listed all the same
    expect(text).toMatch(/北碚区合计 4 1 0 0 3 0 0 0/);
    await suite.shot(page, '03-problem-ledger');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const sheet = await openTable((await download.path())!);
    const rows: unknown[][] = [];
    for await (const r of sheet.rows) rows.push(r.cells);
    await sheet.close();
    expect(sheet.header.slice(0, 3)).toEqual(['镇街', '问题合计', '组织机构']);
    expect(rows.find((r) => r[0] === '天生街道')?.slice(0, 8)).toEqual(['天生街道', 4, 1, 0, 0, 3, 0, 0]);
    expect(rows.find((r) => r[0] === '静观镇')?.[1]).toBe(0);
  }, 120_000);
});
