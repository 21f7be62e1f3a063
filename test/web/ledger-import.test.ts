// Issue 14 in a real browser, with the Guangzhou plugin: a district officer uploads the ledger with a true
// two-level merged header (法定代表人(理事长) over 姓名 / 手机号码, 成员情况 over 成员总数 / 出资成员数, merged
// cells; test/imports/ledgers/ledger-fixtures.ts), sees each sub-column mapped under its group title, leaves one
// column out by hand, imports, and finds the 20 records through the API with every other column stored. Then the
// form's template is downloaded from the page, two rows typed into it (one wrong in several cells), imported in
// mode valid: the good row is stored and every error of the bad row is listed. Screenshots: test/artifacts/ledger-import/.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { BUNDLED_PLUGINS } from '../helpers/platform';
import { ledgers, RECORDS, storedRecord } from '../imports/ledgers/ledger-fixtures';
import { uscc } from '../imports/helpers';

describe.skipIf(skipBrowser)('importing a real ledger in a browser', () => {
  let suite: BrowserSuite;
  let token: string;
  beforeAll(async () => {
    suite = await startBrowserSuite('ledger-import', { pluginsDirs: [BUNDLED_PLUGINS] });
    token = await suite.tp.login('tianhe-officer');
    // The web app is built first; on a loaded machine that alone can take minutes.
  }, 420_000);
  afterAll(async () => {
    await suite?.close();
  });

  /** The records of the application form in a period, with their data, through the API. */
  async function storedThroughApi(period: string) {
    const list = await suite.tp.call(
      'GET',
      `/api/records?plugin=guangzhou-demonstration&form=application&period=${period}&limit=100`,
      token,
    );
    expect(list.status).toBe(200);
    const out = [];
    for (const item of list.body.items) out.push((await suite.tp.call('GET', `/api/records/${item.id}`, token)).body);
    return out.sort((a, b) => String(a.subject).localeCompare(String(b.subject)));
  }

  async function choose(page: import('playwright-core').Page, period: string) {
    await page.getByTestId('nav-import').click();
    await page.locator('#import-form').selectOption('guangzhou-demonstration/application');
    await page.locator('#import-period').fill(period);
    // The default unit is the officer's own, 天河区 (440106), preselected.
  }

  it('two-level merged headers: preview, one column left out by hand, import, records stored', async () => {
    const l = (await ledgers()).find((x) => x.name === 'two-level merged headers')!;
    const page = await suite.loginAs('tianhe-officer', 768);
    await choose(page, '2031');
    await page.getByTestId('import-file').setInputFiles({ name: l.fileName, mimeType: 'application/octet-stream', buffer: l.bytes });

    await page.getByTestId('mapping-table').waitFor();
    // The header is rows 2 and 3; each sub-title is read under its merged group title.
    expect(await page.getByTestId('mapping-source').innerText()).toBe('工作表 台账 · 表头在第 3 行');
    expect(await page.getByTestId('mapping-row-5').innerText()).toContain('法定代表人(理事长)/姓名');
    expect(await page.getByTestId('mapping-row-6').innerText()).toContain('手机号码');
    expect(await page.getByTestId('mapping-row-8').innerText()).toContain('成员情况/成员总数(人)');
    expect(await page.getByTestId('mapping-row-8').innerText()).toContain('21\n22\n23');
    expect(await page.getByTestId('mapping-row-0').innerText()).toContain('未对应'); // 序号
    expect(await page.getByTestId('mapping-row-11').innerText()).not.toContain('未对应');
    await suite.axe(page, 'ledger mapping preview');
    await suite.shot(page, '01-two-level-preview-768px');

    // The officer decides 是否为区级示范社 is not to be imported from this ledger.
    await page.getByTestId('mapping-select-11').click();
    await page.keyboard.type('不导入');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('mapping-row-11').innerText()).toContain('不导入');

    await page.getByTestId('start-import').click();
    await expect.poll(() => page.getByTestId('import-status').textContent(), { timeout: 30_000 }).toBe('已完成');
    expect(await page.getByTestId('import-created').textContent()).toBe(String(RECORDS));
    expect(await page.getByTestId('import-table').innerText()).toBe('读取范围:工作表「台账」,表头行 2、3,数据行 4–23');
    // 序号 fills no field; the column the officer left out is their choice, not listed as dropped.
    expect(await page.getByTestId('import-ignored').locator('tbody').innerText()).toBe('序号\t—');
    await suite.axe(page, 'ledger import done');
    await suite.shot(page, '02-two-level-imported-768px');

    const stored = await storedThroughApi('2031');
    expect(stored.map((r) => r.subject)).toEqual(Array.from({ length: RECORDS }, (_, i) => storedRecord(l.base, i + 1).creditCode).sort());
    for (const r of stored) {
      const n = Number(/第(\d+)号/.exec(r.data.name)![1]) - l.base;
      const { isDistrictDemonstration: _left, ...rest } = storedRecord(l.base, n);
      expect(r.data).toMatchObject(rest);
      expect(r.data.isDistrictDemonstration).toBeUndefined();
    }
  }, 180_000);

  it('the template from the page, filled with a good row and a row wrong in several cells: every error listed', async () => {
    const page = await suite.loginAs('tianhe-officer', 768);
    await choose(page, '2032');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    expect(download.suggestedFilename()).toMatch(/导入模板.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(2).values as unknown[]).slice(1).map(String);
    const col = (h: string) => {
      expect(header).toContain(h);
      return header.indexOf(h) + 1;
    };
    ws.spliceRows(3, 1); // the example row goes, as the title line asks
    const fill = (row: number, values: Record<string, ExcelJS.CellValue>) => {
      for (const [h, v] of Object.entries(values)) ws.getCell(row, col(h)).value = v;
    };
    fill(3, {
      申报主体类型: '农民合作社',
      合作社名称: '天河区模板一号合作社',
      统一社会信用代码: uscc(3201),
      所在区: '天河区',
      手机号码: '138-1000-7919',
    });
    const bad = uscc(3202);
    fill(4, {
      申报主体类型: '个体工商户', // no such applicant type
      合作社名称: '天河区模板二号合作社',
      统一社会信用代码: bad.slice(0, 17) + (bad[17] === '0' ? '1' : '0'), // wrong check character
      所在区: '天河区',
      注册登记日期: '2019年13月45日', // no such date
      '成员总数(合作社填写)': '很多人', // not a number
    });
    const filled = Buffer.from(await wb.xlsx.writeBuffer());

    await page.getByText('只导入通过校验的行').click();
    await page.getByTestId('import-file').setInputFiles({ name: '模板.xlsx', mimeType: 'application/octet-stream', buffer: filled });
    await page.getByTestId('mapping-table').waitFor();
    const [started] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/imports') && r.request().method() === 'POST'),
      page.getByTestId('start-import').click(),
    ]);
    const { id } = (await started.json()) as { id: string };
    await expect.poll(() => page.getByTestId('import-status').textContent(), { timeout: 30_000 }).toBe('已完成');
    expect(await page.getByTestId('import-created').textContent()).toBe('1');
    expect(await page.getByTestId('import-rejected').textContent()).toBe('1');

    // Every error of row 4, as the job view has them, each on the page.
    const job = (await suite.tp.call('GET', `/api/imports/${id}`, token)).body;
    expect(job.errors.map((e: { row: number }) => e.row)).toEqual(job.errors.map(() => 4));
    expect(job.errors.length).toBeGreaterThanOrEqual(4);
    const shown = await page.getByTestId('import-errors-item').allInnerTexts();
    expect(shown.length).toBe(job.errors.length);
    const joined = shown.join('\n');
    for (const word of ['申报主体类型', '统一社会信用代码', '注册登记日期', '成员总数']) expect(joined).toContain(word);
    expect(await page.getByTestId('import-errors').locator('tbody tr').first().innerText()).toMatch(/^4\b/);
    await suite.axe(page, 'template import with a bad row');
    await suite.shot(page, '03-template-errors-768px');

    const stored = await storedThroughApi('2032');
    expect(stored.map((r) => [r.subject, r.data.name, r.data.legalRepresentative?.mobile])).toEqual([
      [uscc(3201), '天河区模板一号合作社', '13810007919'],
    ]);
  }, 180_000);
});
