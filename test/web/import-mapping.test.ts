// The import mapping preview in a real browser: a district officer chooses a ledger whose header sits under a title
// line and a group heading, sees how each column maps (two columns unmatched, each with the nearest field offered),
// fixes one with the offer and one with the searchable choice, imports, and finds the records stored with those
// columns; the next file of the same shape opens with the mapping remembered. Screenshots: test/artifacts/imports/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { TEST_PLUGINS } from '../helpers/platform';
import { usccCheckChar } from '../../platform/forms/formats';

const uscc = (first17: string) => first17 + usccCheckChar(first17);

/** Title line, a group heading over the first two columns, the header, then the rows. */
async function ledger(rows: [string, string, number, string][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['合作社名册(2045年)']);
  ws.addRow(['基本情况']);
  ws.mergeCells('A2:B2');
  ws.addRow(['合作社名称', '统一社会信用代码', '成员人数(人)', '备注']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.skipIf(skipBrowser)('import mapping preview in a browser', () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite('imports', { pluginsDirs: [TEST_PLUGINS] });
  }, 180_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('district officer: previews a ledger, fixes two columns, imports them, and the next file reuses the fix', async () => {
    const page = await suite.loginAs('tianhe-officer', 768);
    await page.getByTestId('nav-import').click();
    await page.locator('#import-form').selectOption('registry-demo/cooperative');
    await page.locator('#import-period').fill('2045');
    // The default unit is the officer's own, 天河区 (440106), preselected.
    const file = await ledger([
      ['映射一社', uscc('91440106MA5MAP001'), 12, '新建'],
      ['映射二社', uscc('91440106MA5MAP002'), 30, ''],
    ]);
    await page.getByTestId('import-file').setInputFiles({ name: '台账.xlsx', mimeType: 'application/octet-stream', buffer: file });

    const table = page.getByTestId('mapping-table');
    await table.waitFor();
    expect(await page.getByTestId('mapping-source').innerText()).toContain('3');
    // 合作社名称 and 成员人数(人) match no title exactly: each is flagged with the nearest field; 备注 has none.
    expect(await page.getByTestId('mapping-row-0').innerText()).toContain('最接近的字段: 名称');
    expect(await page.getByTestId('mapping-row-2').innerText()).toContain('最接近的字段: 成员数');
    expect(await page.getByTestId('mapping-row-2').innerText()).toContain('12\n30');
    expect(await page.getByTestId('mapping-row-1').innerText()).toContain('统一社会信用代码');
    expect(await page.getByTestId('mapping-uncovered').innerText()).toBe('没有列对应的字段: 名称、成员数、手机号');
    await suite.axe(page, 'import mapping preview');
    await suite.shot(page, '01-mapping-preview-768px');

    // Fix 合作社名称 with the offered field, and 成员人数(人) by searching the field list.
    await page.getByTestId('mapping-use-0').click();
    await page.getByTestId('mapping-select-2').click();
    await page.keyboard.type('成员数');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('mapping-row-2').innerText()).not.toContain('未对应');
    expect(await page.getByTestId('mapping-uncovered').innerText()).toBe('没有列对应的字段: 手机号');
    await page.setViewportSize({ width: 390, height: 900 });
    await suite.axe(page, 'import mapping fixed, 390 px');
    await suite.shot(page, '02-mapping-fixed-390px');
    await page.setViewportSize({ width: 768, height: 900 });

    await page.getByTestId('start-import').click();
    await expect.poll(() => page.getByTestId('import-status').textContent(), { timeout: 30_000 }).toBe('已完成');
    expect(await page.getByTestId('import-created').textContent()).toBe('2');
    const stored = await suite.tp.platform.ctx.db
      .selectFrom('records')
      .select('data')
      .where('form_id', '=', 'cooperative')
      .where('period', '=', '2045')
      .orderBy('subject')
      .execute();
    expect(stored.map((r) => [(r.data as any).name, (r.data as any).members])).toEqual([
      ['映射一社', 12],
      ['映射二社', 30],
    ]);

    // The next ledger of this template opens with the fix applied.
    await page.locator('#import-period').fill('2046');
    await page.getByTestId('import-file').setInputFiles({
      name: '台账2.xlsx',
      mimeType: 'application/octet-stream',
      buffer: await ledger([['映射三社', uscc('91440106MA5MAP003'), 8, '']]),
    });
    await page.getByTestId('mapping-remembered').waitFor();
    expect(await page.getByTestId('mapping-remembered').innerText()).toContain('天河区经办人');
    expect(await page.getByTestId('mapping-row-0').innerText()).not.toContain('未对应');
    await suite.shot(page, '03-mapping-remembered-768px');
  }, 180_000);
});
