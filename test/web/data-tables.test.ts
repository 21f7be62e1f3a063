// The queue's data tables in a real browser (issue 15): a reviewer chooses a form, picks two of its fields as
// columns, sorts by one (numbers as numbers), saves the view, finds it again after a reload, and exports every
// filtered record — more than the page shows — reading the downloaded .xlsx and .csv back. axe on the queue.
// Screenshots: test/artifacts/data-tables/.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { usccCheckChar } from '../../platform/forms/formats';
import { openTable } from '../../platform/spreadsheets/read-table';

const uscc = (first17: string) => first17 + usccCheckChar(first17);
// 23 cooperatives, more than a page of 20; members 1…23, so a text sort (1, 10, 11 …) would show.
const COUNT = 23;
const nameOf = (i: number) => `表格${String.fromCharCode(0x4e00 + i)}社`;

async function readBack(bytes: Buffer) {
  const table = await openTable(bytes);
  const rows: Record<string, unknown>[] = [];
  for await (const r of table.rows) rows.push(Object.fromEntries(table.header.map((h, i) => [h, r.cells[i] ?? null])));
  await table.close();
  return rows;
}

describe.skipIf(skipBrowser)('data tables of the queue in a browser', () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite('data-tables');
    const officer = await suite.tp.login('tianhe-officer');
    for (let i = 1; i <= COUNT; i++) {
      const r = await suite.tp.call('POST', '/api/records', officer, {
        plugin: 'registry-demo',
        form: 'cooperative',
        period: '2024',
        orgUnitId: '440106',
        data: {
          name: nameOf(i),
          creditCode: uscc(`91440106MA5T${String(i).padStart(5, '0')}`),
          members: i,
          phone: `1380013${String(i).padStart(4, '0')}`,
        },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  }, 300_000);
  afterAll(async () => {
    await suite?.close();
  });

  const rows = (page: Page) => page.getByTestId('queue-table').locator('tbody tr[data-record]');
  const choose = async (page: Page, id: string, option: string) => {
    await page.locator('.ant-select', { has: page.locator(`#${id}`) }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  };

  it('reviewer picks columns, sorts, saves the view, and exports every filtered record', async () => {
    const page = await suite.loginAs('tianhe-reviewer');
    await page.goto(`${suite.base}#/queue?state=draft`);
    await page.getByTestId('queue-filters').waitFor();
    await expect.poll(() => rows(page).count()).toBe(20);
    await suite.axe(page, 'queue before a form is chosen');

    await choose(page, 'queue-form', '· 合作社');
    await page.locator('.ant-select', { has: page.locator('#queue-columns') }).click();
    for (const title of ['手机号', '成员数']) {
      await page.keyboard.type(title);
      await page.keyboard.press('Enter');
    }
    await page.keyboard.press('Escape');
    await choose(page, 'queue-sort', '按“成员数”');
    await page.getByTestId('apply-filters').click();
    const header = page.getByTestId('queue-table').locator('thead');
    await expect.poll(() => header.innerText()).toContain('手机号');
    await expect.poll(async () => (await rows(page).first().innerText()).includes(nameOf(1))).toBe(true);
    // Members 1, 2, 3 … — numbers as numbers, not 1, 10, 11.
    expect(await rows(page).nth(1).innerText()).toContain(nameOf(2));
    expect(await rows(page).first().innerText()).toContain('13800130001');
    await suite.axe(page, 'queue with picked columns');
    await suite.shot(page, '01-columns-sorted');

    await choose(page, 'queue-order', '降序');
    await page.getByTestId('apply-filters').click();
    await expect.poll(async () => (await rows(page).first().innerText()).includes(nameOf(COUNT))).toBe(true);

    // Saved on the server: still there after a reload, and it brings back the columns and the order.
    await page.locator('#view-name').fill('成员数从多到少');
    await page.getByTestId('save-view').click();
    await expect.poll(() => page.getByTestId('view-note').innerText()).toContain('已保存');
    await page.reload();
    await page.getByTestId('queue-filters').waitFor();
    await choose(page, 'queue-view', '成员数从多到少');
    await expect.poll(() => header.innerText()).toContain('手机号');
    await expect.poll(async () => (await rows(page).first().innerText()).includes(nameOf(COUNT))).toBe(true);
    await suite.axe(page, 'queue with a saved view');

    // Every filtered record, not the 20 on the page, in the order of the list.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^合作社-导出-\d{8}\.xlsx$/);
    const book = await readBack(await readFile((await xlsx.path())!));
    expect(book).toHaveLength(COUNT);
    expect(book.map((r) => r['成员数'])).toEqual(Array.from({ length: COUNT }, (_, i) => COUNT - i));
    expect(book.map((r) => r['名称'])).toEqual(Array.from({ length: COUNT }, (_, i) => nameOf(COUNT - i)));
    expect(book[0]).toMatchObject({ 状态: '草稿', 期间: '2024', 组织机构: '天河区', 手机号: '13800130023' });
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const sheet = await readBack(await readFile((await csv.path())!));
    expect(sheet.map((r) => [r['名称'], Number(r['成员数'])])).toEqual(book.map((r) => [r['名称'], r['成员数']]));

    await page.getByTestId('delete-view').click();
    await expect
      .poll(async () => (await suite.tp.call('GET', '/api/me/saved-views', await suite.tp.login('tianhe-reviewer'))).body.views)
      .toEqual([]);
  }, 180_000);
});
