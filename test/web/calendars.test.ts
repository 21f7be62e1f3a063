// The working-day calendar page (工作日历, issue 13) in a real browser at 768 px: an admin opens it from the admin
// links, adds 2027 to the neutral test plugin's calendar (test/follow-ups/plugins/follow-up-demo, 2024 only), sees
// a mistyped date refused at the holidays input, fixes it, and sees 2027 listed under the plugin's new version.
// axe on the page and on the refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { FOLLOW_UP_PLUGINS } from '../helpers/paths';

describe.skipIf(skipBrowser)('working-day calendars in a browser', () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite('calendars', { pluginsDirs: [FOLLOW_UP_PLUGINS], now: '2027-01-04T02:00:00Z' });
  }, 420_000); // the first suite of a run builds the web app, slow on a shared machine
  afterAll(async () => {
    await suite?.close();
  });

  it('an admin adds a year: a bad date is shown at its input, the fixed year is listed with the new version', async () => {
    const page = await suite.loginAs('admin', 768);
    await page.getByTestId('admin-links').locator('a[href="#/admin/calendars"]').click();
    const card = page.getByTestId('calendar-follow-up-demo/test-days');
    await card.waitFor();
    expect(await card.getByTestId('calendar-version').textContent()).toBe('1.0.0');
    expect(await card.getByTestId('calendar-years').locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await card.getByTestId('calendar-years').textContent()).toContain('3 天:05-01、05-02、05-03');
    await suite.axe(page, 'calendar list');

    await card.getByTestId('add-year').click();
    await page.locator('#calendar-year').fill('2027');
    // The second date does not exist (February has no 30th).
    await page.locator('#calendar-holidays').fill('2027-01-01\n2027-02-30\n2027-02-08');
    await page.locator('#calendar-workdays').fill('2027-02-20');
    await page.locator('#calendar-reason').fill('测试通知');
    await page.getByTestId('add-year-save').click();
    await expect.poll(() => page.getByTestId('error-holidays').textContent()).toBe('日期无效:2027-02-30(格式为 YYYY-MM-DD)');
    expect(await page.getByTestId('add-year-error').count()).toBe(0);
    expect(suite.tp.platform.ctx.registry.find('follow-up-demo')?.version).toBe('1.0.0');
    await suite.axe(page, 'refused date');
    await suite.shot(page, '01-refused-date');

    await page.locator('#calendar-holidays').fill('2027-01-01\n2027-02-09\n2027-02-08');
    await page.getByTestId('add-year-save').click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('已添加 2027:follow-up-demo@1.0.1(新版本)');
    await expect.poll(() => card.getByTestId('calendar-version').textContent()).toBe('1.0.1');
    const rows = card.getByTestId('calendar-years').locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toBe('20273 天:01-01、02-08、02-091 天:02-20');
    expect(await page.getByTestId('add-year-form').count()).toBe(0);
    expect(suite.tp.platform.ctx.registry.find('follow-up-demo')?.version).toBe('1.0.1');
    await suite.axe(page, 'year added');
    await suite.shot(page, '02-year-added');
    expect(suite.cspViolations).toEqual([]);
  }, 120_000);
});
