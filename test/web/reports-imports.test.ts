// Reports and imports in a real browser: a city reviewer runs a bundled report (table, chart, .xlsx download,
// print view); a district officer imports a CSV with good and bad rows and follows the job to its counts.
// Screenshots go to test/artifacts/reports/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { BUNDLED_PLUGINS, TEST_PLUGINS } from '../helpers/platform';
import { usccCheckChar } from '../../platform/forms/formats';
import { seedRecord } from '../reports/seed';

const uscc = (first17: string) => first17 + usccCheckChar(first17);

describe.skipIf(skipBrowser)('reports and imports in a browser', () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite('reports', { pluginsDirs: [BUNDLED_PLUGINS, TEST_PLUGINS] });
    const db = suite.tp.platform.ctx.db;
    // Three applications of 2024: two in Tianhe (submitted, awarded), one in Baiyun (draft).
    const app = { plugin: 'guangzhou-demonstration', form: 'application', period: '2024' };
    await seedRecord(db, {
      ...app,
      id: 'app-th-1',
      unit: '440106',
      state: 'submitted',
      subject: uscc('91440106MA5RPT001'),
      title: '天河一社',
    });
    await seedRecord(db, {
      ...app,
      id: 'app-th-2',
      unit: '440106',
      state: 'awarded',
      subject: uscc('91440106MA5RPT002'),
      title: '天河二社',
    });
    await seedRecord(db, { ...app, id: 'app-by-1', unit: '440111', state: 'draft', subject: uscc('91440111MA5RPT003'), title: '白云一社' });
  }, 180_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('city reviewer: runs the by-district report, sees table and chart, downloads .xlsx, prints', async () => {
    const page = await suite.loginAs('city-reviewer');
    await page.getByTestId('nav-reports').click();
    await page.locator('a[href="#/reports/guangzhou-demonstration/applications-by-district"]').click();
    await page.locator('#report-period').fill('2024');
    await page.getByTestId('run-report').click();
    const table = page.getByTestId('report-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    const text = (await table.locator('tbody').innerText()).replace(/\s+/g, ' ');
    // Tianhe: 2 applications, 1 awarded → 50.0 %; Baiyun: 1 draft.
    expect(text).toMatch(/天河区 2 0 1 0 0 0 0 0 0 1 0 50\.0%/);
    expect(text).toMatch(/白云区 1 1 0 0 0 0 0 0 0 0 0 0\.0%/);
    await page.getByTestId('report-chart').locator('svg').waitFor();
    await suite.axe(page, 'report page');
    await suite.shot(page, '01-report-by-district');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]
      .getSheetValues()
      .flat()
      .map((v) => (v && typeof v === 'object' && 'richText' in (v as object) ? '' : String(v ?? '')));
    expect(cells).toContain('天河区');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-header').isVisible()).toBe(false);
    expect(await page.getByTestId('report-print-header').isVisible()).toBe(true);
    await suite.shot(page, '02-report-print');
    await page.emulateMedia({ media: 'screen' });
  }, 120_000);

  it('district officer: the same report shows only their district', async () => {
    const page = await suite.loginAs('tianhe-officer');
    // Opened with its parameters given (here the period in the link), a report is already run: no click needed.
    await page.goto(`${suite.base}#/reports/guangzhou-demonstration/applications-by-district?period=2024`);
    const body = page.getByTestId('report-table').locator('tbody');
    await body.locator('tr.ant-table-row').first().waitFor();
    const text = await body.innerText();
    expect(text).toContain('天河区');
    expect(text).not.toContain('白云区');
    await suite.shot(page, '03-report-district-scope');
  }, 90_000);

  it('district officer: imports a CSV, valid rows only, and follows the job to its counts', async () => {
    const page = await suite.loginAs('tianhe-officer', 768);
    await page.getByTestId('nav-import').click();
    await page.locator('#import-form').selectOption('registry-demo/cooperative');
    await page.locator('#import-period').fill('2024');
    // The searchable unit select starts at the officer's own unit; picked again here by typing part of its name.
    const unit = page.locator('.ant-select:has(#import-org)');
    await expect.poll(() => unit.locator('.ant-select-selection-item').textContent()).toContain('天河区');
    await unit.click();
    await page.locator('#import-org').fill('天河');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '天河区' }).first().click();
    await expect.poll(() => unit.locator('.ant-select-selection-item').textContent()).toContain('天河区');
    await page.getByText('只导入通过校验的行').click();
    const csv = [
      '名称,统一社会信用代码,成员数',
      `导入一社,${uscc('91440106MA5KMP001')},12`,
      `导入二社,${uscc('91440106MA5KMP002')},30`,
      '导入三社,NOT-A-CODE,5',
    ].join('\r\n');
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: '合作社.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + csv, 'utf8') });
    await page.getByTestId('start-import').click();
    await expect.poll(() => page.getByTestId('import-status').textContent(), { timeout: 30_000 }).toBe('已完成');
    expect(await page.getByTestId('import-created').textContent()).toBe('2');
    expect(await page.getByTestId('import-rejected').textContent()).toBe('1');
    const errors = await page.getByTestId('import-errors').innerText();
    expect(errors).toContain('4'); // the header is row 1, so the third data row is row 4
    expect(errors).toContain('统一社会信用代码');
    await suite.axe(page, 'import page');
    await suite.shot(page, '04-import-done-768px');

    const officer = await suite.tp.login('tianhe-officer');
    const list = await suite.tp.call('GET', '/api/records?plugin=registry-demo&form=cooperative&period=2024', officer);
    expect(list.body.items.map((r: any) => r.subjectTitle).sort()).toEqual(['导入一社', '导入二社']);
  }, 120_000);
});
