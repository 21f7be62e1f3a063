// The reviewer's pages in a real browser: filtering the queue, a bulk approval with per-record results (one record
// changed meanwhile by someone else, so it is refused and the others go through), a refused filter shown at its
// field, axe on the queue; and the print view of a record, whose app header disappears when printing.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { TEST_PLUGINS, type TestPlatform } from '../helpers/platform';
import { usccCheckChar } from '../../platform/forms/formats';

const uscc = (first17: string) => first17 + usccCheckChar(first17);
const schema = JSON.parse(readFileSync(path.join(TEST_PLUGINS, 'registry-demo/forms/cooperative.schema.json'), 'utf8'));

describe.skipIf(skipBrowser)('review queue and print view in a browser', () => {
  let suite: BrowserSuite;
  let tp: TestPlatform;
  let base = '';
  const made: Record<string, { id: string; revision: number }> = {};

  beforeAll(async () => {
    suite = await startBrowserSuite('review');
    ({ tp, base } = suite);
    const officer = await tp.login('tianhe-officer');
    const coops: [string, string, number, boolean][] = [
      ['甲', '审核甲社', 21, true],
      ['乙', '审核乙社', 22, true],
      ['丁', '审核丁社', 23, true],
      ['丙', '其他丙社', 24, true],
      ['戊', '审核戊社', 25, false],
    ];
    for (const [key, name, members, submit] of coops) {
      const c = await tp.call('POST', '/api/records', officer, {
        plugin: 'registry-demo',
        form: 'cooperative',
        period: '2024',
        orgUnitId: '440106',
        data: { name, creditCode: uscc(`91440106MA5R000${members}`), members, phone: '13800138000' },
      });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
      made[key] = c.body;
      if (submit) {
        const s = await tp.call('POST', `/api/records/${c.body.id}/transitions`, officer, {
          revision: c.body.revision,
          transition: 'submit',
        });
        expect(s.status).toBe(200);
        made[key] = s.body;
      }
    }
  }, 180_000);
  afterAll(async () => {
    await suite?.close();
  });

  const rows = (page: Page) => page.getByTestId('queue-table').locator('tbody tr[data-record]');

  it('reviewer filters the queue and approves several records at once, seeing each result', async () => {
    const page = await suite.loginAs('tianhe-reviewer');
    await page.getByTestId('queue-link').click();
    await page.getByTestId('queue-filters').waitFor();
    await expect.poll(() => rows(page).count()).toBe(4); // the four submitted ones; the draft is not waiting for review
    await page.getByLabel('搜索名称或代码').fill('审核');
    await page.getByTestId('apply-filters').click();
    await expect.poll(() => rows(page).count()).toBe(3);
    expect(await page.getByTestId('queue-table').textContent()).not.toContain('其他丙社');
    await suite.axe(page, 'review queue');

    for (const name of ['审核甲社', '审核乙社', '审核丁社']) await page.getByLabel(`选择 ${name}`).check();
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toContain('3');
    // Meanwhile a colleague approves 丁 on its own page: the queue's revision of it is now stale.
    const colleague = await tp.login('tianhe-reviewer');
    expect(
      (
        await tp.call('POST', `/api/records/${made['丁'].id}/transitions`, colleague, {
          revision: made['丁'].revision,
          transition: 'approve',
        })
      ).status,
    ).toBe(200);

    expect(await page.locator('[data-bulk-transition="approve"]').textContent()).toBe('通过 (3/3)');
    await page.locator('[data-bulk-transition="approve"]').click();
    // Asked once more, naming the records: nothing is taken until it is confirmed.
    await expect
      .poll(async () => (await page.getByTestId('step-dialog-records').locator('li').allTextContents()).sort())
      .toEqual(['审核丁社', '审核乙社', '审核甲社'].sort());
    await page.getByTestId('step-dialog-ok').click();
    const results = page.getByTestId('bulk-results');
    await results.waitFor();
    expect(await results.locator(`[data-record="${made['甲'].id}"]`).getAttribute('data-ok')).toBe('true');
    expect(await results.locator(`[data-record="${made['乙'].id}"]`).getAttribute('data-ok')).toBe('true');
    expect(await results.locator(`[data-record="${made['丁'].id}"]`).getAttribute('data-ok')).toBe('false');
    expect(await results.locator(`[data-record="${made['丁'].id}"]`).textContent()).toContain('记录已被他人修改');
    expect(await results.textContent()).toContain('成功 2 条,未处理 1 条');
    await suite.shot(page, '01-bulk-approved');

    const reviewer = await tp.login('tianhe-reviewer');
    for (const key of ['甲', '乙']) {
      const r = await tp.call('GET', `/api/records/${made[key].id}`, reviewer);
      expect([r.body.state, r.body.revision]).toEqual(['approved', made[key].revision + 1]);
    }
    const d = await tp.call('GET', `/api/records/${made['丁'].id}`, reviewer);
    expect(d.body.revision).toBe(made['丁'].revision + 1); // approved once, by the colleague only
    const c = await tp.call('GET', `/api/records/${made['丙'].id}`, reviewer);
    expect(c.body.state).toBe('submitted');
    // The table reloads with the new states.
    await expect.poll(() => rows(page).filter({ hasText: '已通过' }).count()).toBe(3);
  }, 120_000);

  it('a refused filter is shown at its field', async () => {
    const page = await suite.loginAs('tianhe-reviewer', 768);
    await page.goto(`${base}#/queue`);
    await page.getByTestId('queue-filters').waitFor();
    await page.getByLabel('最低分').fill('90');
    await page.getByLabel('最高分').fill('10');
    await page.getByTestId('apply-filters').click();
    const field = page.locator('.ant-form-item', { has: page.getByLabel('最高分') });
    await expect.poll(() => field.textContent()).toContain('最高分不能小于最低分');
    await suite.shot(page, '02-refused-filter-768px');
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await page.getByTestId('apply-filters').click();
    await expect
      .poll(() => page.locator('.ant-form-item', { has: page.getByLabel('Highest score') }).textContent())
      .toContain('The highest score cannot be below the lowest');
  }, 60_000);

  it('print view: every field with its title, the rule results, and no app header when printing', async () => {
    const page = await suite.loginAs('tianhe-reviewer');
    await page.goto(`${base}#/records/${encodeURIComponent(made['丙'].id)}`);
    await page.getByTestId('print-link').click();
    const sheet = page.getByTestId('print-sheet');
    await sheet.waitFor();
    const text = await sheet.textContent();
    for (const part of [
      '合作社',
      '其他丙社',
      uscc('91440106MA5R00024'),
      '24',
      'large',
      '天河区',
      '2024',
      '已提交',
      '规则结果',
      '生成时间',
    ]) {
      expect(text, part).toContain(part);
    }
    // Every top-level field of the form schema, in schema order, each with its title.
    const props: Record<string, { title?: string }> = schema.properties;
    const order = await sheet.locator('tr[data-field]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-field')));
    expect(order).toEqual(Object.keys(props));
    for (const [key, p] of Object.entries(props))
      expect(await sheet.locator(`tr[data-field="${key}"] th`).textContent()).toBe(p.title ?? key);
    // Check results as the server computed them: each check's title with passed / failed.
    const rec = await tp.call('GET', `/api/records/${made['丙'].id}`, await tp.login('tianhe-reviewer'));
    for (const c of rec.body.results.checks) {
      expect(await sheet.locator(`tr[data-rule="${c.id}"]`).textContent()).toContain(c.passed ? '通过' : '未通过');
    }
    expect(await page.locator('.ant-layout-header').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-header').isVisible()).toBe(false);
    expect(await page.getByTestId('print').isVisible()).toBe(false);
    // "Why" is on screen only, not on paper.
    expect(await sheet.getByTestId('why').first().isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    await suite.shot(page, '03-print-view');
    await page.emulateMedia({ media: 'screen' });
    await suite.axe(page, 'print view');
    // Each printed condition opens "why": the server's trace of that rule on the stored record.
    const first = rec.body.results.checks[0];
    expect(first).toBeDefined();
    await sheet.locator(`tr[data-rule="${first.id}"]`).getByTestId('why').click();
    await expect.poll(() => page.getByTestId('rule-why').getAttribute('data-rule')).toBe(first.id);
    await suite.axe(page, 'why dialog on the print view');
  }, 60_000);
});
