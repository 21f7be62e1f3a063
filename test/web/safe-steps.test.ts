// Safe steps in Chromium (issue 15): a destructive bulk step is offered with how many of the selection it applies
// to, asks in a dialog that names those records (ten, then how many in all) and the workflow's own words for the
// consequence, wants the comment, is not confirmed by a stray Enter, changes nothing on Escape or Cancel (checked
// through the API), and on confirmation acts on those records only, reporting each selected record; a step on one
// record that needs a comment says so before the click and asks for it in the dialog; a plain step is taken without
// a dialog; and the shell's "我的待办 (n)" follows each step at once. axe runs on the dialog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import type { TestPlatform } from '../helpers/platform';
import { usccCheckChar } from '../../platform/forms/formats';

const uscc = (first17: string) => first17 + usccCheckChar(first17);
const two = (i: number) => String(i).padStart(2, '0');

describe.skipIf(skipBrowser)('safe steps in a browser', () => {
  let suite: BrowserSuite;
  let tp: TestPlatform;
  let base = '';
  /** Twelve approved cooperatives (the city reviewer may bar them) and three submitted ones (it may not). */
  const approved: { id: string; revision: number; name: string }[] = [];
  const submitted: { id: string; revision: number; name: string }[] = [];

  beforeAll(async () => {
    suite = await startBrowserSuite('safe-steps');
    ({ tp, base } = suite);
    const officer = await tp.login('tianhe-officer');
    const county = await tp.login('tianhe-reviewer');
    for (let i = 1; i <= 15; i++) {
      const name = i <= 12 ? `安全${two(i)}社` : `待审${two(i - 12)}社`;
      const c = await tp.call('POST', '/api/records', officer, {
        plugin: 'registry-demo',
        form: 'cooperative',
        period: '2024',
        orgUnitId: '440106',
        data: { name, creditCode: uscc(`91440106MA5R2${String(i).padStart(4, '0')}`), members: 10 + i, phone: '13800138000' },
      });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
      let r = await tp.call('POST', `/api/records/${c.body.id}/transitions`, officer, { revision: c.body.revision, transition: 'submit' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      if (i <= 12) {
        r = await tp.call('POST', `/api/records/${c.body.id}/transitions`, county, { revision: r.body.revision, transition: 'approve' });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        approved.push({ id: r.body.id, revision: r.body.revision, name });
      } else submitted.push({ id: r.body.id, revision: r.body.revision, name });
    }
  }, 300_000); // the web app is built first, once per run: minutes on a busy machine
  afterAll(async () => {
    await suite?.close();
  });

  const rows = (page: Page) => page.getByTestId('queue-table').locator('tbody tr[data-record]');
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName);
  const stored = async (id: string) => {
    const r = await tp.call('GET', `/api/records/${id}`, await tp.login('city-reviewer'));
    return { state: r.body.state as string, revision: r.body.revision as number };
  };

  it('a destructive bulk step names its records and consequence; Escape and Cancel change nothing; confirmed, it bars only those it applies to', async () => {
    const page = await suite.loginAs('city-reviewer');
    const todos = page.getByTestId('nav-todos');
    await expect.poll(() => todos.textContent(), { timeout: 10_000 }).toBe('我的待办 (12)');
    await page.goto(`${base}#/queue`);
    await expect.poll(() => rows(page).count()).toBe(15);
    await page.locator('thead input[type=checkbox]').check();
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('已选择 15 条记录');

    // Offered because it applies to some of the selection, with how many; red; the only step the city may take.
    const bar = page.locator('[data-bulk-transition="bar"]');
    expect(await bar.textContent()).toBe('限制 (12/15)');
    expect(await bar.getAttribute('class')).toContain('ant-btn-dangerous');
    expect(await page.locator('[data-bulk-transition]').count()).toBe(1);

    await bar.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const listed = await page.getByTestId('step-dialog-records').locator('li').allTextContents();
    expect(listed).toHaveLength(10);
    for (const n of listed) expect(approved.map((a) => a.name)).toContain(n);
    expect(await page.getByTestId('step-dialog-more').textContent()).toBe('等 12 条');
    expect(await page.getByTestId('step-dialog-skipped').textContent()).toBe('另有 3 条所选记录不能执行此操作,不会处理。');
    expect(await page.getByTestId('step-dialog-consequence').textContent()).toContain('限制后三年内不能再申报。');
    expect(await dialog.textContent()).not.toContain('待审');
    // The comment is asked for before anything is taken; the first focus is the comment box, not the confirm button.
    const ok = page.getByTestId('step-dialog-ok');
    expect(await ok.isDisabled()).toBe(true);
    expect(await ok.getAttribute('class')).toContain('ant-btn-dangerous');
    await expect.poll(() => focused(page)).toBe('step-dialog-comment');
    await suite.axe(page, 'bulk step dialog');
    await suite.shot(page, '01-bulk-bar-dialog');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await bar.click();
    await dialog.waitFor();
    await dialog.getByLabel('意见').fill('查实虚报成员');
    expect(await ok.isDisabled()).toBe(false);
    await page.getByTestId('step-dialog-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    for (const a of approved) expect(await stored(a.id)).toEqual({ state: 'approved', revision: a.revision });
    expect(await page.getByTestId('bulk-results').count()).toBe(0);

    await bar.click();
    await dialog.waitFor();
    expect(await dialog.getByLabel('意见').inputValue()).toBe('查实虚报成员'); // what was typed is kept
    await ok.click();
    const results = page.getByTestId('bulk-results');
    await results.waitFor();
    expect(await results.textContent()).toContain('成功 12 条,未处理 0 条,不适用 3 条');
    for (const a of approved) expect(await results.locator(`[data-record="${a.id}"]`).getAttribute('data-ok')).toBe('true');
    for (const s of submitted) {
      const item = results.locator(`[data-record="${s.id}"]`);
      expect(await item.getAttribute('data-ok')).toBe('skipped');
      expect(await item.textContent()).toContain('该记录当前不能执行此操作,未处理');
    }
    await suite.shot(page, '02-bulk-bar-results');
    for (const a of approved) expect(await stored(a.id)).toEqual({ state: 'barred', revision: a.revision + 1 });
    for (const s of submitted) expect(await stored(s.id)).toEqual({ state: 'submitted', revision: s.revision });
    const history = await tp.call('GET', `/api/records/${approved[0].id}/history`, await tp.login('city-reviewer'));
    expect(history.body.events.at(-1).comment).toBe('查实虚报成员');
    // Nothing is left for the city reviewer to do, and the shell says so without a change of page.
    await expect.poll(() => todos.textContent(), { timeout: 10_000 }).toBe('我的待办 (0)');
  }, 180_000);

  it('a step needing a comment says so before the click and asks for it; a plain step needs no dialog; to-dos follow', async () => {
    const page = await suite.loginAs('tianhe-reviewer');
    const todos = page.getByTestId('nav-todos');
    await expect.poll(() => todos.textContent(), { timeout: 10_000 }).toBe('我的待办 (3)');
    await page.goto(`${base}#/records/${encodeURIComponent(submitted[0].id)}`);
    const back = page.locator('[data-transition="return"]');
    await back.waitFor();
    expect(await page.getByTestId('transition-hint-return').textContent()).toBe('需填写意见');
    expect(await back.getAttribute('aria-describedby')).toContain('transition-hint-return');
    expect(await back.getAttribute('class')).not.toContain('ant-btn-dangerous');

    await back.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('step-dialog-records').locator('li').allTextContents()).toEqual([submitted[0].name]);
    expect(await page.getByTestId('step-dialog-consequence').textContent()).toBe('执行后,记录将转为「草稿」。');
    expect(await page.getByTestId('step-dialog-ok').isDisabled()).toBe(true);
    expect(await page.getByTestId('errors').count()).toBe(0); // asked, not refused
    await expect.poll(() => focused(page)).toBe('step-dialog-comment');
    await dialog.getByLabel('意见').fill('请补充章程');
    await page.getByTestId('step-dialog-ok').click();
    await expect.poll(() => page.getByTestId('state').textContent()).toBe('草稿');
    await expect.poll(() => todos.textContent(), { timeout: 10_000 }).toBe('我的待办 (2)');
    expect(await stored(submitted[0].id)).toEqual({ state: 'draft', revision: submitted[0].revision + 1 });

    // Approving is neither destructive nor final: taken at the click.
    await page.goto(`${base}#/records/${encodeURIComponent(submitted[1].id)}`);
    await page.locator('[data-transition="approve"]').click();
    await expect.poll(() => page.getByTestId('state').textContent()).toBe('已通过');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => todos.textContent(), { timeout: 10_000 }).toBe('我的待办 (1)');
  }, 120_000);

  it('at 768 px the dialog of one record passes axe and Escape leaves the record as it was', async () => {
    const page = await suite.loginAs('tianhe-reviewer', 768);
    await page.goto(`${base}#/records/${encodeURIComponent(submitted[2].id)}`);
    await page.locator('[data-transition="return"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await suite.axe(page, 'step dialog at 768 px');
    await suite.shot(page, '03-return-dialog-768px');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await stored(submitted[2].id)).toEqual({ state: 'submitted', revision: submitted[2].revision });
  }, 60_000);
  it("the reviewer's comment and steps sit beside the record: a side panel in view on a wide screen, below the record on a narrow one", async () => {
    const url = `${base}#/records/${encodeURIComponent(submitted[2].id)}`;
    const box = (page: Page, sel: string) =>
      page
        .locator(sel)
        .first()
        .evaluate((el) => el.getBoundingClientRect().toJSON());
    const wide = await suite.loginAs('tianhe-reviewer', 1280);
    await wide.goto(url);
    const panel = wide.getByTestId('review-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-placement')).toBe('side');
    // Which steps need the comment is said at the box, before any click.
    expect(await panel.getByTestId('comment-required').textContent()).toBe('(必填: 退回)');
    expect(await panel.locator('#transition-comment').getAttribute('aria-describedby')).toBe('transition-comment-required');
    expect(await panel.locator('[data-transition="return"]').count()).toBe(1);
    // Beside the form (to its right), not under it.
    const form = await box(wide, '.rjsf');
    const side = await box(wide, '[data-testid="review-panel"]');
    expect(side.left).toBeGreaterThanOrEqual(form.right);
    expect(side.top).toBeLessThan(form.bottom);
    // Still in view with the page scrolled to its end.
    await wide.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const scrolled = await box(wide, '[data-testid="review-panel"]');
    expect(scrolled.top).toBeGreaterThanOrEqual(0);
    expect(scrolled.top).toBeLessThan(900);
    await suite.axe(wide, 'review side panel at 1280 px');
    await suite.shot(wide, '04-review-side-panel');
    // A step from the panel asks as before (a comment is needed): Escape changes nothing.
    await panel.locator('[data-transition="return"]').click();
    await wide.getByRole('dialog').waitFor();
    // The dialog has taken the focus (its comment box) before the key: an Escape earlier would reach the page.
    await expect.poll(() => focused(wide)).toBe('step-dialog-comment');
    await wide.keyboard.press('Escape');
    await wide.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await stored(submitted[2].id)).toEqual({ state: 'submitted', revision: submitted[2].revision });

    const narrow = await suite.loginAs('tianhe-reviewer', 390);
    await narrow.goto(url);
    const below = narrow.getByTestId('review-panel');
    await below.waitFor();
    expect(await below.getAttribute('data-placement')).toBe('below');
    const formNarrow = await box(narrow, '.rjsf');
    const panelNarrow = await box(narrow, '[data-testid="review-panel"]');
    expect(panelNarrow.top).toBeGreaterThanOrEqual(formNarrow.bottom);
    await suite.axe(narrow, 'review panel at 390 px');
  }, 120_000);
});
