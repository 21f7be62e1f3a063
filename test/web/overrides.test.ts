// An overridden outcome on the record page (issue 11), on a 768 px tablet, with the neutral override-demo plugin:
// an officer opens the rule panel, presses 调整 on severity (computed "high" from 4 defects), is told at the input that
// a reason is required, gives one, and sees the badge 已人工调整 with the computed value struck and the reason.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { TEST_PLUGINS } from '../helpers/paths';

describe.skipIf(skipBrowser)('overriding an outcome on the record page', () => {
  let suite: BrowserSuite;

  beforeAll(async () => {
    suite = await startBrowserSuite('overrides', {
      pluginsDirs: [TEST_PLUGINS, path.join(import.meta.dirname, '../records/plugins')],
      now: '2024-06-01T03:00:00Z',
    });
    const officer = await suite.tp.login('tianhe-officer');
    const c = await suite.tp.call('POST', '/api/records', officer, {
      id: 'insp-web',
      plugin: 'override-demo',
      form: 'inspection',
      period: '',
      orgUnitId: '440106',
      data: { site: '一号点', defects: 4 },
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
  }, 240_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('an officer overrides severity with a reason and sees the badge', async () => {
    const page = await suite.loginAs('tianhe-officer', 768);
    await page.goto(`${suite.base}#/records/insp-web`);
    await page.getByTestId('open-rules').click();
    const row = page.locator('[data-testid="rule-panel"] [data-rule="severity"]').last();
    await expect.poll(() => row.textContent()).toContain('high');
    // The disposition class is the reviewers' to override: no button for the officer.
    expect(await page.locator('[data-rule="disposition"] [data-testid="override"]').count()).toBe(0);
    await row.getByTestId('override').click();
    const dialog = page.getByTestId('override-dialog');
    await dialog.getByLabel('调整后的值').fill('low');
    await page.getByTestId('override-ok').click();
    await expect.poll(() => dialog.textContent()).toContain('请填写调整理由');
    await dialog.getByLabel('理由').fill('问题已当场整改');
    await page.getByTestId('override-ok').click();
    const note = page.locator('[data-rule="severity"] [data-testid="overridden"]').last();
    await expect.poll(() => note.textContent(), { timeout: 10_000 }).toContain('已人工调整');
    expect(await note.getByTestId('computed-value').textContent()).toBe('high');
    expect(await note.getByTestId('override-reason').textContent()).toBe('问题已当场整改');
    expect(await page.locator('[data-testid="rule-panel"] [data-rule="severity"] strong').last().textContent()).toBe('low');
    await suite.shot(page, 'overridden-768px');
    await suite.axe(page, 'overridden outcome at 768 px');
    const stored = await suite.tp.call('GET', '/api/records/insp-web', await suite.tp.login('tianhe-officer'));
    expect(stored.body.results.overrides.severity).toMatchObject({ computed: 'high', chosen: 'low', reason: '问题已当场整改' });
  });
});
