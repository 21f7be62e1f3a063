// The back-office shell in Chromium: at 390 px the side menu is a drawer behind a menu button and the header still
// shows who is signed in (axe clean); a reviewer's to-do count drops after the reviewer's step; the officer sees the
// return as an unread message on the bell, reads it, and finds the record in 我的申报 with the comment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import type { TestPlatform } from '../helpers/platform';
import { usccCheckChar } from '../../platform/forms/formats';

const uscc = (first17: string) => first17 + usccCheckChar(first17);

describe.skipIf(skipBrowser)('back-office shell in a browser', () => {
  let suite: BrowserSuite;
  let tp: TestPlatform;
  const made: { id: string; revision: number }[] = [];

  beforeAll(async () => {
    suite = await startBrowserSuite('shell');
    ({ tp } = suite);
    const officer = await tp.login('tianhe-officer');
    // Two submitted cooperatives: two to-dos for the county reviewer.
    for (const [name, members] of [
      ['壳甲社', 31],
      ['壳乙社', 32],
    ] as const) {
      const c = await tp.call('POST', '/api/records', officer, {
        plugin: 'registry-demo',
        form: 'cooperative',
        period: '2024',
        orgUnitId: '440106',
        data: { name, creditCode: uscc(`91440106MA5R001${members}`), members, phone: '13800138000' },
      });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
      const s = await tp.call('POST', `/api/records/${c.body.id}/transitions`, officer, {
        revision: c.body.revision,
        transition: 'submit',
      });
      expect(s.status).toBe(200);
      made.push(s.body);
    }
  }, 180_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('at 390 px: the menu is a drawer, the header fits, and the shell passes axe', async () => {
    const page = await suite.loginAs('tianhe-officer', 390);
    await page.getByTestId('forms').waitFor();
    expect(await page.locator('.hezuo-sider').count()).toBe(0);
    // Nothing sticks out sideways: the page is no wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await suite.axe(page, 'shell at 390 px');
    await page.getByTestId('menu-button').click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByTestId('nav-mine').waitFor();
    await suite.axe(page, 'menu drawer at 390 px');
    await suite.shot(page, 'shell-390-drawer');
    await drawer.getByTestId('nav-mine').click();
    await page.getByTestId('mine-page').waitFor();
    expect(await page.locator('.ant-drawer-open').count()).toBe(0);
    const rows = page.getByTestId('mine-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
  });

  it('the reviewer’s to-do count drops after a step, and the officer is told of the return', async () => {
    const page = await suite.loginAs('tianhe-reviewer');
    const nav = page.getByTestId('nav-todos');
    await expect.poll(() => nav.textContent(), { timeout: 10_000 }).toBe('我的待办 (2)');
    await nav.click();
    await expect.poll(() => page.getByTestId('todo-count').textContent(), { timeout: 10_000 }).toBe('2');
    await suite.axe(page, 'to-dos');

    const reviewer = await tp.login('tianhe-reviewer');
    const back = await tp.call('POST', `/api/records/${made[0].id}/transitions`, reviewer, {
      revision: made[0].revision,
      transition: 'return',
      comment: '请补充章程',
    });
    expect(back.status).toBe(200);
    // The counts are read again on every change of page.
    await page.getByTestId('nav-home').click();
    await nav.click();
    await expect.poll(() => nav.textContent(), { timeout: 10_000 }).toBe('我的待办 (1)');
    await expect.poll(() => page.getByTestId('todo-count').textContent(), { timeout: 10_000 }).toBe('1');

    const op = await suite.loginAs('tianhe-officer', 768);
    const bell = op.getByTestId('bell');
    await expect.poll(() => bell.getAttribute('data-unread'), { timeout: 10_000 }).toBe('1');
    expect(await bell.textContent()).toBe('消息 1 条未读消息');
    await bell.click();
    const message = op.getByTestId('message');
    await message.first().waitFor();
    expect(await message.count()).toBe(1);
    expect(await message.getAttribute('data-read')).toBe('no');
    expect(await op.getByTestId('message-comment').textContent()).toBe('意见: 请补充章程');
    await suite.axe(op, 'messages');
    await op.getByTestId('mark-all-read').click();
    await expect.poll(() => bell.getAttribute('data-unread'), { timeout: 10_000 }).toBe('0');
    expect(await message.getAttribute('data-read')).toBe('yes');

    await op.getByTestId('nav-mine').click();
    await op.getByTestId('mine-comment').first().waitFor();
    expect(await op.getByTestId('mine-comment').allTextContents()).toEqual(['请补充章程']);
  });
});
