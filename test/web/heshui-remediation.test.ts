// The Heshui weekly dividend cycle on a 768 px tablet. The 西华池镇 officer's entity ledger is made through the API
// (the plugin's fixture base with 10,000 yuan of 2022 dividends unpaid: owed = 10,000). In the web app the officer
// files the week-13 report (3,000 paid in cash) and the week-14 report (3,000 paid before, 2,000 this week), each
// on the weekly form's new-record page, and reports them; a second week-14 report for the same entity is refused at
// the entity field. Then the county reviewer runs the weekly bulletin for week 14, sees its chart and downloads
// .xlsx. The figures: arrears = owed − cumulative: 10,000 − 3,000 = 7,000, then 10,000 − 5,000 = 5,000.
//
// Arrears show while typing, before any save: the record page asks the server for what the rules read of other
// records (POST /api/live-facts: the referenced ledger's owed, the entity's earlier weeks) once the entity and the
// week are typed, and the live rule panel follows; the save then fills the form's computed fields with the server's
// own figures, the same ones.
//
// The entity is picked in the record picker of the `x-ref` field, by part of the entity's name; the ledger keeps a
// readable id here only so the test can name it in API calls.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { BUNDLED_PLUGINS } from '../helpers/platform';
import { mergePatch } from '../../platform/fixtures/merge-patch';
import { openTable } from '../../platform/spreadsheets/read-table';

const PLUGIN = 'heshui-remediation';
const ledgerFixtures = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, 'fixtures/ledger.json'), 'utf8'));
const XIHUACHI = '621024100';
const LEDGER = 'hs-xihuachi-1';
const OFFICER = 'xihuachi-officer';
const ENTITY_NAME: string = ledgerFixtures.base.entity.name;

describe.skipIf(skipBrowser)('Heshui weekly dividend reports on a tablet', () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite('heshui', { pluginsDirs: [BUNDLED_PLUGINS], now: '2023-04-07T02:00:00Z' });
    const officer = await suite.tp.login(OFFICER);
    const r = await suite.tp.call('POST', '/api/records', officer, {
      id: LEDGER,
      plugin: PLUGIN,
      form: 'ledger',
      period: '2023-remediation',
      orgUnitId: XIHUACHI,
      data: mergePatch(ledgerFixtures.base, {
        dividends: [
          { year: 2021, payee: 'households', due: 40000, paid: 40000 },
          { year: 2022, payee: 'households', due: 40000, paid: 30000 },
        ],
      }),
    });
    expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(201);
    expect(r.body.data.totals.arrears).toBe(10000);
  }, 300_000); // the web build alone takes over two minutes on a busy 2-core machine
  afterAll(async () => {
    await suite?.close();
  });

  /** A computed value as the rule panel beside the form shows it ('—' while unknown). */
  const computed = (page: Page, rule: string) => page.getByTestId('rule-panel').locator(`[data-rule="${rule}"] strong`).textContent();
  const fieldOf = (page: Page, input: string) => page.locator('.form-group', { has: page.locator(input) }).first();

  /**
   * The weekly form's new-record page, from the home page's link or straight by its address (a bookmark); the week
   * and the typed fields filled in through rjsf.
   */
  async function fillWeek(page: Page, week: string, paidCash: number, via: 'home' | 'address' = 'home') {
    if (via === 'home') {
      await page.goto(`${suite.base}#/`);
      await page.locator(`a[href="#/new/${PLUGIN}/weekly-dividend"]`).click();
    } else await page.goto(`${suite.base}#/new/${PLUGIN}/weekly-dividend`);
    await page.locator('#root_entity').waitFor();
    // An empty form for a new record, never the record saved just before (its save would overwrite that one).
    expect(await page.locator('#root_paidCash').inputValue()).toBe('');
    await page.locator('#record-period').fill(week);
    // The entity is picked from the ledgers the officer may name (the record picker), by part of its name.
    await page.locator('.ant-select:has(#root_entity)').click();
    await page.locator('#root_entity').fill(ENTITY_NAME.slice(0, 4));
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByTitle(`${ENTITY_NAME}（西华池镇）`, { exact: true })
      .click();
    await page.locator('#root_paidCash').fill(String(paidCash));
    await page.locator('#root_paidInKind').fill('0');
  }
  const noSidewaysScroll = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);

  it('the officer files two weeks and sees arrears go down; a second report for a week is refused', async () => {
    const page = await suite.loginAs(OFFICER, 768);

    await fillWeek(page, '2023-W13', 3000);
    // Live in the rule panel, before any save: this week's total follows the typing, owed comes from the referenced
    // ledger and arrears from both. The form's computed fields are filled in by the save.
    await expect.poll(() => computed(page, 'paid-this-week')).toBe('3000');
    await expect.poll(() => computed(page, 'owed')).toBe('10000');
    expect(await computed(page, 'arrears')).toBe('7000');
    expect(await page.locator('#root_arrears').inputValue()).toBe('');
    await noSidewaysScroll(page);
    await suite.shot(page, '01-week13-before-save');
    await page.getByTestId('save').click();
    await page.getByTestId('notice').waitFor();
    await expect.poll(() => page.locator('#root_arrears').inputValue()).toBe('7000');
    expect(await computed(page, 'arrears')).toBe('7000');
    expect(await page.locator('#root_owed').inputValue()).toBe('10000');
    expect(await page.locator('#root_cumulative').inputValue()).toBe('3000');
    expect(await page.locator('#root_entityName').inputValue()).toBe(ledgerFixtures.base.entity.name);
    await suite.shot(page, '02-week13-saved-arrears');
    await page.locator('[data-transition="report"]').click();
    await expect.poll(() => page.getByTestId('state').textContent()).toBe('已上报');
    await noSidewaysScroll(page);
    await suite.axe(page, 'weekly report at 768 px');

    // Paid before is not typed: the earlier weeks (week 13's 3000) are summed, live before the save and by the
    // server when it saves.
    await fillWeek(page, '2023-W14', 2000);
    await expect.poll(() => computed(page, 'paid-before')).toBe('3000');
    expect(await computed(page, 'arrears')).toBe('5000');
    await page.getByTestId('save').click();
    await page.getByTestId('notice').waitFor();
    await expect.poll(() => page.locator('#root_arrears').inputValue()).toBe('5000');
    expect(await page.locator('#root_paidBefore').inputValue()).toBe('3000');
    expect(await page.locator('#root_cumulative').inputValue()).toBe('5000');
    await page.locator('[data-transition="report"]').click();
    await expect.poll(() => page.getByTestId('state').textContent()).toBe('已上报');
    await suite.shot(page, '03-week14-arrears-down');

    // The same entity and week again, the new-record page opened by its address from the saved week-14 report:
    // refused, said at the entity field, nothing stored and nothing overwritten.
    await fillWeek(page, '2023-W14', 100, 'address');
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('errors').textContent()).toContain('同一对象在该期间已有记录');
    await expect.poll(() => fieldOf(page, '#root_entity').textContent()).toContain('该对象在此期间已有登记,不能重复登记');
    expect(page.url()).toContain(`#/new/${PLUGIN}/weekly-dividend`);
    await noSidewaysScroll(page);
    await suite.shot(page, '04-same-week-refused');
    await suite.axe(page, 'refused weekly report at 768 px');

    const list = await suite.tp.call('GET', `/api/records?plugin=${PLUGIN}&form=weekly-dividend`, await suite.tp.login(OFFICER));
    expect(list.status, JSON.stringify(list.body).slice(0, 600)).toBe(200);
    const rows = list.body.items as { id: string; period: string; state: string }[];
    expect(rows.map((r) => [r.period, r.state]).sort()).toEqual([
      ['2023-W13', 'reported'],
      ['2023-W14', 'reported'],
    ]);
    const w14 = await suite.tp.call('GET', `/api/records/${rows.find((r) => r.period === '2023-W14')!.id}`, await suite.tp.login(OFFICER));
    expect(w14.body.data).toMatchObject({ paidBefore: 3000, paidCash: 2000, cumulative: 5000, arrears: 5000 });
  }, 180_000);

  it('the ledger shows each dividend row its own arrears, read-only', async () => {
    const page = await suite.loginAs(OFFICER, 768);
    await page.goto(`${suite.base}#/records/${LEDGER}`);
    // 2021: 40,000 due, 40,000 paid → 0; 2022: 40,000 due, 30,000 paid → 10,000 (the total's one row).
    await expect.poll(() => page.locator('#root_dividends_1_arrears').inputValue()).toBe('10000');
    expect(await page.locator('#root_dividends_0_arrears').inputValue()).toBe('0');
    expect(await page.locator('#root_dividends_1_arrears').isEditable()).toBe(false);
    await noSidewaysScroll(page);
    await suite.shot(page, '06-ledger-row-arrears');
    // Bad input: the 2022 row retyped as 2021 repeats the 2021 households row (x-uniqueBy year + payee). The form
    // says so while typing, and nothing reaches the stored ledger.
    await page.locator('#root_dividends_1_year').fill('2021');
    await expect.poll(() => page.locator('body').textContent()).toContain('第 2 行与第 1 行重复');
    await suite.shot(page, '07-ledger-year-twice');
    const officer = await suite.tp.login(OFFICER);
    const stored = await suite.tp.call('GET', `/api/records/${LEDGER}`, officer);
    expect(stored.body.data.dividends.map((d: { year: number }) => d.year)).toEqual([2021, 2022]);
  });

  it('the county reviewer opens the weekly bulletin with its chart and downloads it as .xlsx', async () => {
    const page = await suite.loginAs('heshui-reviewer', 768);
    await page.getByTestId('nav-reports').click();
    await page.locator(`a[href="#/reports/${PLUGIN}/weekly-bulletin"]`).click();
    const table = page.getByTestId('report-table');
    const runWeek = async (week: string) => {
      await page.locator('#report-period').fill(week);
      await page.getByTestId('run-report').click();
      await expect.poll(() => page.getByTestId('report-print-header').textContent()).toContain(week);
      await table.locator('tr.ant-table-row').first().waitFor();
      return (await table.locator('tbody').innerText()).replace(/\s+/g, ' ');
    };
    // Columns: township, entities, owed, paid this week, of which in kind, paid so far, still owed, share paid.
    // Week 13: 3,000 of 10,000 paid, 7,000 owed (30 %); week 14: 2,000 more, 5,000 so far, 5,000 owed (50 %).
    expect(await runWeek('2023-W13')).toMatch(/西华池镇 1 10,000\.00 3,000\.00 0\.00 3,000\.00 7,000\.00 30\.0%/);
    const w14 = await runWeek('2023-W14');
    expect(w14).toMatch(/西华池镇 1 10,000\.00 2,000\.00 0\.00 5,000\.00 5,000\.00 50\.0%/);
    expect(w14).toMatch(/合水县合计 1 10,000\.00 2,000\.00 0\.00 5,000\.00 5,000\.00 50\.0%/);
    await page.getByTestId('report-chart').locator('svg').waitFor();
    expect(await page.getByTestId('report-chart').getAttribute('aria-label')).toBe('各乡镇拖欠分红兑付进度');
    await noSidewaysScroll(page);
    await suite.shot(page, '05-weekly-bulletin-chart');
    await suite.axe(page, 'weekly bulletin at 768 px');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const sheet = await openTable((await download.path())!);
    const rows: unknown[][] = [];
    for await (const r of sheet.rows) rows.push(r.cells);
    await sheet.close();
    expect(sheet.header.slice(0, 8)).toEqual([
      '乡镇',
      '上报主体数',
      '应兑付(元)',
      '本周兑付(元)',
      '其中物化(元)',
      '累计兑付(元)',
      '尚欠(元)',
      '兑付率',
    ]);
    // Week 14 of 西华池镇: owed 10,000; 2,000 paid this week, none in kind; 5,000 so far; 5,000 owed; 50 % paid.
    expect(rows.find((r) => r[0] === '西华池镇')?.slice(0, 8)).toEqual(['西华池镇', 1, 10000, 2000, 0, 5000, 5000, 0.5]);
    expect(rows.find((r) => r[0] === '合水县合计')?.slice(0, 8)).toEqual(['合水县合计', 1, 10000, 2000, 0, 5000, 5000, 0.5]);
  }, 120_000);
});
