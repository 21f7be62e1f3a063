// The studio's report tab in a real browser (issue 16): an admin opens a draft of an installed plugin, picks a report
// template, previews it over the records filed now, adds a column in the JSON editor and sees the new figures at
// once (the draft saved first); a template that does not build shows the loader's error at its file. 768 px, axe.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { REPO_ROOT } from '../../platform/boot/config';
import { seedRecord } from '../reports/seed';

const PLUGIN = 'report-demo';
const REPORT_FILE = 'reports/coops-by-kind.json';
// Members as stated: farms 20 and 40, a service 5 — so "10 or more members" is 2 for farms, 0 for services.
const coops = [
  { id: 'w1', unit: '440106', kind: 'farm', members: 20 },
  { id: 'w2', unit: '440106', kind: 'service', members: 5 },
  { id: 'w3', unit: '440113', kind: 'farm', members: 40 },
];

describe.skipIf(skipBrowser)('studio reports: preview a template over the current data', () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite('studio-reports', { pluginsDirs: [path.join(REPO_ROOT, 'test/reports/plugins')] });
    for (const c of coops)
      await seedRecord(suite.tp.platform.ctx.db, {
        plugin: PLUGIN,
        form: 'coop',
        id: c.id,
        period: '2024',
        unit: c.unit,
        state: 'draft',
        subject: c.id,
        title: c.id,
        data: { name: c.id, kind: c.kind, members: c.members, certified: true, revenue: 10 },
      });
  }, 480_000);
  afterAll(async () => {
    await suite?.close();
  });

  async function replaceText(page: Page, testId: string, text: string) {
    await page.getByTestId(testId).locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(text);
  }
  /** The preview's cell of a column in the row of a kind. */
  async function cell(page: Page, kind: string, column: number): Promise<string | null> {
    const row = page.getByTestId('report-preview').locator('tbody tr', { hasText: kind });
    return row.locator('td').nth(column).textContent();
  }

  it('previews, edits a column and previews again; a broken template shows the loader’s error', async () => {
    const admin = await suite.tp.login('admin');
    const made = await suite.tp.call('POST', '/api/studio/drafts', admin, { from: 'edit', source: PLUGIN });
    expect(made.status).toBe(201);
    const page = await suite.loginAs('admin', 768);
    await page.goto(`${suite.base}#/admin/studio/${made.body.id}`);
    await page.getByRole('tab', { name: '报表' }).click();
    await page.locator('.ant-select', { has: page.locator('#studio-report') }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: REPORT_FILE }).click();
    await page.locator('#report-param-period').fill('2024');
    await page.getByTestId('report-run').click();
    await page.getByTestId('report-preview').waitFor();
    // Columns: kind, year, count …: two farms, one service in 2024.
    await expect.poll(() => cell(page, 'farm', 2)).toBe('2');
    expect(await cell(page, 'service', 2)).toBe('1');
    await suite.axe(page, 'studio report preview at 768 px');

    const file = JSON.parse(made.body.files[REPORT_FILE]);
    file.columns.splice(3, 0, {
      id: 'big',
      label: { 'zh-CN': '十人以上', en: '10+ members' },
      aggregate: { fn: 'count', where: { '>=': [{ var: 'data.members' }, 10] } },
      format: 'integer',
    });
    await replaceText(page, 'report-editor', JSON.stringify(file, null, 2));
    await page.getByTestId('report-run').click();
    // (antd may draw the header twice, once to measure it: any copy will do.)
    await expect.poll(() => page.getByTestId('report-preview').locator('th', { hasText: '十人以上' }).count()).toBeGreaterThan(0);
    await expect.poll(() => cell(page, 'farm', 3)).toBe('2');
    expect(await cell(page, 'service', 3)).toBe('0');
    // The draft the server holds has the column: the preview ran on what the editor showed.
    const held = await suite.tp.call('GET', `/api/studio/drafts/${made.body.id}`, admin);
    expect(JSON.parse(held.body.files[REPORT_FILE]).columns[3].id).toBe('big');

    file.columns[3].aggregate.fn = 'median';
    await replaceText(page, 'report-editor', JSON.stringify(file, null, 2));
    await page.getByTestId('report-run').click();
    await expect.poll(() => page.getByTestId('report-problem').textContent()).toContain(REPORT_FILE);
    await suite.axe(page, 'studio report preview refused');
  }, 180_000);
});
