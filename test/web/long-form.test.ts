// The long Guangzhou application as an officer works on it at 768 px (a township office's tablet), in Chromium:
// the sections become a navigation with completion and error counts, the rule summary stays in view while the form
// scrolls, the action bar goes to the first error, Enter in a field saves nothing, a draft saves itself ~2 s after
// the last edit ("已保存 hh:mm", and the record exists on the server), leaving with unsaved edits asks first, and a
// draft typed while the network is down is kept in the browser and sent once when it returns — one record, no
// duplicate; the browser's back button asks too, and a new draft kept in the browser comes back when its page is
// reloaded (with its clientId: saved once); a score sheet item repeating an application field is filled from it
// (x-default). axe on the page in both layouts. Issue 15.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { BUNDLED_PLUGINS, type TestPlatform } from '../helpers/platform';
import { mergePatch } from '../../platform/fixtures/merge-patch';
import { usccCheckChar } from '../../platform/forms/formats';
import { withUploads } from '../helpers/uploads';

const PLUGIN = 'guangzhou-demonstration';
const NEW_FORM = `#/new/${PLUGIN}/application`;
const read = (file: string) => JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, file), 'utf8'));
const fixtures = read('fixtures/application.json');
const schema = read('forms/application.schema.json');
const passing = fixtures.cases.find(
  (c: any) =>
    c.expected?.blocking === 0 &&
    c.expected?.valid === true &&
    typeof c.expected?.score?.total === 'number' &&
    !c.params &&
    !c.marks &&
    !c.asOf,
);
const uscc = (first17: string) => first17 + usccCheckChar(first17);
const NARROW = 768;
/** How long a poll may wait for the page on a loaded 2-core machine: a wait, not a timing assertion (1 s by default). */
const WAIT = { timeout: 10_000 };

describe.skipIf(skipBrowser)('the long form guides and loses nothing (Guangzhou application, 768 px)', () => {
  let suite: BrowserSuite;
  let tp: TestPlatform;
  let base = '';
  let recordId = '';

  /** The officer's Guangzhou records with this name, as stored. */
  const recordsNamed = async (name: string) =>
    (await tp.platform.ctx.db.selectFrom('records').select(['id', 'data', 'client_id']).where('plugin_id', '=', PLUGIN).execute()).filter(
      (r) => (r.data as any)?.name === name,
    );
  /** Logged in at `width`, with waits long enough for the 130-field form on a loaded 2-core machine. */
  const open = async (width: number, hash: string) => {
    const page = await suite.loginAs('tianhe-officer', width);
    page.setDefaultTimeout(60_000);
    await page.goto(`${base}${hash}`);
    await page.locator('#root_name').waitFor();
    // The record's history and parameters arrive after the form: act on a settled page, as an officer would.
    await page.waitForLoadState('networkidle');
    return page;
  };
  const inViewport = (page: Page, testId: string) =>
    page.getByTestId(testId).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    });

  beforeAll(async () => {
    expect(passing).toBeDefined();
    suite = await startBrowserSuite('long-form', { pluginsDirs: [BUNDLED_PLUGINS] });
    ({ tp, base } = suite);
    const officer = await tp.login('tianhe-officer');
    const data = mergePatch(mergePatch(fixtures.base, passing.input ?? {}), {
      name: '广州市天河区长表测试合作社',
      creditCode: uscc('93440106MA5LF0001'),
      district: '440106',
    }) as Record<string, any>;
    const r = await tp.call('POST', '/api/records', officer, {
      plugin: PLUGIN,
      form: 'application',
      period: '2024',
      orgUnitId: '440106',
      data: await withUploads(tp, officer, PLUGIN, 'application', data),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    recordId = r.body.id;
  }, 600_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('sections become a navigation with counts; it jumps; the rule summary stays in view; axe', async () => {
    const page = await open(NARROW, `#/records/${encodeURIComponent(recordId)}`);
    const nav = page.getByTestId('section-nav');
    await expect.poll(() => nav.getAttribute('data-mode'), WAIT).toBe('select');
    // One entry per titled object section, plus the basic fields gathered first.
    const sectionKeys = Object.keys(schema.properties).filter((k) => schema.properties[k].type === 'object' && schema.properties[k].title);
    await nav.locator('.ant-select').click();
    const options = page.locator('.ant-select-item-option [data-section]');
    await expect.poll(() => options.count(), WAIT).toBe(sectionKeys.length + 1);
    // 基本信息: the four required plain fields (申报主体类型, 名称, 信用代码, 所在区) are all filled in the fixture.
    expect(schema.required).toHaveLength(4);
    expect(await options.first().textContent()).toBe('基本信息 · 4/4');
    await page.locator('.ant-select-item-option').filter({ hasText: '民主管理' }).click();
    // The choice was taken (the list closes), so a scroll that did not happen is the page's fault, not the click's.
    await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count(), WAIT).toBe(0);
    // The section's title is at the top of the viewport, under the sticky section bar.
    await expect
      .poll(() => page.locator('#root_governance').evaluate((el) => Math.round(el.getBoundingClientRect().top)), WAIT)
      .toBeLessThan(120);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    // Far down the page, the summary (blocking, score) is still on screen, in the bottom bar.
    expect(await inViewport(page, 'rule-summary')).toBe(true);
    expect(await page.getByTestId('summary-score').textContent()).toBe(String(passing.expected.score.total));
    expect(await page.getByTestId('summary-blocking').textContent()).toBe('0');
    expect(await inViewport(page, 'section-nav')).toBe(true);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight * 0.6));
    expect(await inViewport(page, 'rule-summary')).toBe(true);
    expect(await inViewport(page, 'action-bar')).toBe(true);
    await suite.axe(page, 'record page at 768 px, scrolled');
    await suite.shot(page, '01-narrow-scrolled');
    // Nothing was edited, so nothing was saved: no autosave of a merely opened record.
    expect(await page.getByTestId('save-state').getAttribute('data-kind')).toBe('idle');
    // The full panel opens in a drawer from the bar.
    await page.getByTestId('open-rules').click();
    await expect.poll(() => page.getByTestId('rule-panel').isVisible()).toBe(true);
    await suite.axe(page, 'rule drawer at 768 px');
  }, 300_000);

  it('an error is counted in its section and the bar; the button goes to it; wide screens get a side navigation', async () => {
    const page = await open(1280, `#/records/${encodeURIComponent(recordId)}`);
    const nav = page.getByTestId('section-nav');
    await expect.poll(() => nav.getAttribute('data-mode')).toBe('anchor');
    await page.getByTestId('error-count').waitFor();
    expect(await page.getByTestId('error-count').getAttribute('data-count')).toBe('0');
    // A check digit off by one: the credit code is invalid (and the draft is not autosaved while it is).
    const bad = uscc('93440106MA5LF0001').slice(0, 17) + (usccCheckChar('93440106MA5LF0001') === '0' ? '1' : '0');
    await page.locator('#root_creditCode').fill(bad);
    await expect.poll(() => page.getByTestId('error-count').getAttribute('data-count')).toBe('1');
    expect(await nav.locator('[data-section="basic"] [data-testid="section-errors"]').textContent()).toBe('1 处错误');
    expect(await page.getByTestId('save-state').getAttribute('data-kind')).toBe('held');
    // Scroll away, then the bar's button brings the field back and puts the cursor in it.
    await nav.locator('a[href="#root_sheet"]').click();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(2000);
    expect(await inViewport(page, 'rule-summary')).toBe(true);
    expect(await inViewport(page, 'action-bar')).toBe(true);
    // The section link scrolls without touching the route.
    expect(page.url()).toContain(`#/records/${encodeURIComponent(recordId)}`);
    await page.getByTestId('jump-first-error').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('root_creditCode');
    await suite.axe(page, 'record page at 1280 px with a field in error');
    await suite.shot(page, '02-wide-error');
  }, 300_000);

  it('every outcome explains itself: "why" shows the values the rule read and what it made of them', async () => {
    const page = await open(1280, `#/records/${encodeURIComponent(recordId)}`);
    const panel = page.getByTestId('rule-panel');
    // The eligibility rule district-demonstration reads one field: { "===": [ {var data.isDistrictDemonstration}, true ] }.
    const item = panel.locator('[data-rule="district-demonstration"]');
    await item.getByTestId('why').click();
    const why = page.getByTestId('rule-why');
    await expect.poll(() => why.getAttribute('data-rule')).toBe('district-demonstration');
    // The passing fixture is a district demonstration cooperative: the field read true, so the rule holds.
    expect(passing.expected.valid).toBe(true);
    const read = why.locator('[data-why-path="/0"]');
    expect(await read.textContent()).toBe(
      `字段「是否为区级示范社」 = ${JSON.stringify((mergePatch(fixtures.base, passing.input ?? {}) as any).isDistrictDemonstration)}`,
    );
    expect(await why.locator('[data-why-path=""] > [data-testid="why-value"]').textContent()).toBe('= true');
    await suite.axe(page, 'why dialog at 1280 px');
  }, 300_000);

  it('Enter in a date picker or a text field saves nothing', async () => {
    const page = await open(NARROW, NEW_FORM);
    const writes: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/records') && r.method() !== 'GET') writes.push(`${r.method()} ${r.url()}`);
    });
    // An invalid credit code holds the autosave: any write now could only come from Enter.
    await page.locator('#root_name').fill('回车测试合作社');
    await page.locator('#root_creditCode').fill('123');
    await page.locator('#root_name').press('Enter');
    await page.locator('#root_registrationDate').click();
    await page.locator('#root_registrationDate').fill('2020-03-15');
    await page.locator('#root_registrationDate').press('Enter');
    await page.locator('#root_registrationDate').press('Enter');
    await page.waitForTimeout(3000);
    expect(writes).toEqual([]);
    expect(page.url()).toContain(NEW_FORM);
    expect(await page.getByTestId('notice').count()).toBe(0);
    expect(await recordsNamed('回车测试合作社')).toEqual([]);
  }, 300_000);

  it('a new draft saves itself about 2 s after the last edit, shows the time, and moves to the record', async () => {
    const page = await open(NARROW, NEW_FORM);
    const name = '自动保存合作社';
    await page.locator('#root_name').fill(name);
    await page.locator('#root_creditCode').fill(uscc('93440106MA5LF0002'));
    const state = page.getByTestId('save-state');
    await expect.poll(() => state.getAttribute('data-kind'), { timeout: 15_000 }).toBe('saved');
    expect(await state.textContent()).toMatch(/^已保存 \d\d:\d\d$/);
    await expect.poll(() => page.url()).toMatch(/#\/records\/.+/);
    const id = decodeURIComponent(page.url().split('#/records/')[1]);
    const rows = await recordsNamed(name);
    expect(rows.map((r) => r.id)).toEqual([id]);
    expect(rows[0].client_id).toBeTruthy();
    // A later edit goes to the same record (a new revision), not a second one.
    await page.locator('#root_address').fill('广州市天河区测试路1号');
    await expect.poll(async () => ((await recordsNamed(name))[0]?.data as any)?.address, { timeout: 15_000 }).toBe('广州市天河区测试路1号');
    expect((await recordsNamed(name)).length).toBe(1);
    await suite.axe(page, 'new draft after autosave at 768 px');
    // The history says what the edit changed, by the field's title and in words; the first save's fields are folded.
    await page.reload();
    const changes = page.getByTestId('history-change');
    await expect
      .poll(() => changes.filter({ hasText: '广州市' }).first().textContent())
      .toBe('办公经营场所地址: — → 广州市天河区测试路1号');
    expect(await page.getByTestId('history').locator('summary').first().textContent()).toMatch(/^填写的字段 \d+$/);
  }, 300_000);

  it('x-default: a score sheet item is filled from the application field it repeats, and never over what was typed', async () => {
    const page = await open(NARROW, NEW_FORM);
    const own = page.locator('#root_governance_assembliesPerYear');
    const sheet = page.locator('#root_sheet_assembliesPerYear');
    await own.fill('3');
    await expect.poll(() => sheet.inputValue(), WAIT).toBe('3');
    // Filled here, it follows the application's field while the officer leaves it alone.
    await own.fill('4');
    await expect.poll(() => sheet.inputValue(), WAIT).toBe('4');
    // Typed over, it is the officer's: a later change of the application's field leaves it.
    await sheet.fill('1');
    await own.fill('5');
    await page.locator('#root_revenue_lastYear').fill('2500000');
    await expect.poll(() => page.locator('#root_sheet_revenue').inputValue(), WAIT).toBe('2500000');
    expect(await sheet.inputValue()).toBe('1');
  }, 300_000);

  it('leaving with unsaved edits asks first: in-app links and closing the tab', async () => {
    const page = await open(NARROW, `#/records/${encodeURIComponent(recordId)}`);
    // An invalid code keeps the edit unsaved (autosave waits for valid fields).
    await page.locator('#root_creditCode').fill('123');
    await page.locator('a[href="#/"]').first().click();
    await page.getByTestId('leave-cancel').click();
    // The dialog is gone before the next click (a closing dialog still covers the page while it fades).
    await page.getByTestId('leave-cancel').waitFor({ state: 'hidden' });
    expect(page.url()).toContain(`#/records/${encodeURIComponent(recordId)}`);
    expect(await page.locator('#root_creditCode').inputValue()).toBe('123');
    await page.locator('a[href="#/"]').first().click();
    await page.getByTestId('leave-confirm').click();
    await expect.poll(() => page.url()).toBe(`${base}#/`);
    // Closing the tab: the browser's own question.
    await page.goto(`${base}#/records/${encodeURIComponent(recordId)}`);
    await page.locator('#root_creditCode').fill('456');
    const dialog = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
    await page.close({ runBeforeUnload: true });
    expect(await dialog).toBe('beforeunload');
  }, 300_000);

  it('the browser back button with unsaved edits asks first: "stay" keeps the page and the edits, "leave" goes back', async () => {
    const page = await open(NARROW, `#/records/${encodeURIComponent(recordId)}`);
    const here = `${base}#/records/${encodeURIComponent(recordId)}`;
    // Home, then the record again: a same-page history entry to go back to.
    await page.evaluate(() => (window.location.hash = '#/'));
    await expect.poll(() => page.url()).toBe(`${base}#/`);
    await page.evaluate((h) => (window.location.hash = h), `#/records/${encodeURIComponent(recordId)}`);
    await page.locator('#root_creditCode').waitFor();
    await page.waitForLoadState('networkidle');
    await page.locator('#root_creditCode').fill('123');
    await page.evaluate(() => window.history.back());
    await page.getByTestId('leave-cancel').click();
    await page.getByTestId('leave-cancel').waitFor({ state: 'hidden' });
    expect(page.url()).toBe(here);
    expect(await page.locator('#root_creditCode').inputValue()).toBe('123');
    await page.evaluate(() => window.history.back());
    await page.getByTestId('leave-confirm').click();
    await expect.poll(() => page.url()).toBe(`${base}#/`);
    // The home page, not the record: the router followed.
    await expect.poll(() => page.locator('#root_creditCode').count()).toBe(0);
  }, 300_000);

  it('a new draft kept in the browser comes back when the page is reloaded before it was sent; it can be discarded; saved once', async () => {
    const page = await open(NARROW, NEW_FORM);
    // The server takes no new record (as if the network were down for writes): the drafts stay in the browser.
    const blockCreate = (route: import('playwright-core').Route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue();
    await page.route('**/api/records', blockCreate);
    const keepDraft = async (name: string) => {
      await page.locator('#root_name').fill(name);
      await page.locator('#root_creditCode').fill(uscc('93440106MA5LF0004'));
      await expect.poll(() => page.getByTestId('save-state').getAttribute('data-kind'), { timeout: 15_000 }).toBe('kept');
    };
    const keptDrafts = () =>
      page.evaluate(
        () =>
          new Promise<{ clientId: string; name: string }[]>((resolve, reject) => {
            const req = indexedDB.open('hezuo-offline');
            req.onsuccess = () => {
              const all = req.result.transaction('drafts').objectStore('drafts').getAll();
              all.onsuccess = () => resolve(all.result.map((d: any) => ({ clientId: d.clientId, name: d.data.name })));
              all.onerror = () => reject(all.error);
            };
            req.onerror = () => reject(req.error);
          }),
      );
    const reloadForm = async () => {
      await page.reload();
      await page.locator('#root_name').waitFor();
    };
    const restored = page.getByTestId('draft-restored');

    await keepDraft('丢弃草稿合作社');
    await reloadForm();
    await expect.poll(() => restored.textContent(), WAIT).toContain('已恢复未保存的草稿');
    expect(await page.locator('#root_name').inputValue()).toBe('丢弃草稿合作社');
    await page.getByTestId('discard-draft').click();
    await expect.poll(() => restored.count(), WAIT).toBe(0);
    expect(await page.locator('#root_name').inputValue()).toBe('');
    // The browser's copy is removed right after (IndexedDB is asynchronous).
    await expect.poll(() => keptDrafts(), WAIT).toEqual([]);

    const name = '恢复草稿合作社';
    await keepDraft(name);
    const kept = await keptDrafts();
    expect(kept.map((d) => d.name)).toEqual([name]);
    await reloadForm();
    await expect.poll(() => restored.textContent(), WAIT).toContain('已恢复未保存的草稿');
    expect(await page.locator('#root_name').inputValue()).toBe(name);
    await suite.axe(page, 'restored draft at 768 px');
    await suite.shot(page, '04-draft-restored');

    // The server takes writes again: the restored draft is saved with the kept clientId, once.
    await page.unroute('**/api/records', blockCreate);
    await page.getByTestId('save').click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/#\/records\/.+/);
    await expect.poll(async () => (await recordsNamed(name)).length, WAIT).toBe(1);
    const rows = await recordsNamed(name);
    expect(rows[0].client_id).toBe(kept[0].clientId);
    expect(decodeURIComponent(page.url().split('#/records/')[1])).toBe(rows[0].id);
    expect(await recordsNamed('丢弃草稿合作社')).toEqual([]);
    await expect.poll(() => keptDrafts(), WAIT).toEqual([]);
    await expect.poll(() => restored.count(), WAIT).toBe(0);
  }, 300_000);

  it('offline: the draft is kept in the browser, said so in Chinese, and sent once when the network returns', async () => {
    const page = await open(NARROW, NEW_FORM);
    const name = '离线草稿合作社';
    await page.context().setOffline(true);
    await page.locator('#root_name').fill(name);
    await page.locator('#root_creditCode').fill(uscc('93440106MA5LF0003'));
    const errors = page.getByTestId('errors');
    await expect.poll(() => errors.textContent(), { timeout: 15_000 }).toContain('网络连接已断开，数据已保存在本机，恢复后自动提交');
    expect(await errors.textContent()).not.toContain('Failed to fetch');
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-kind')).toBe('kept');
    const banner = page.getByTestId('offline-drafts');
    await expect.poll(() => banner.textContent()).toContain('1 份草稿等待提交到服务器');
    expect(await banner.textContent()).toContain(name);
    // Kept in IndexedDB under its clientId.
    const kept = await page.evaluate(
      () =>
        new Promise<{ key: string; clientId: string; name: string }[]>((resolve, reject) => {
          const req = indexedDB.open('hezuo-offline');
          req.onsuccess = () => {
            const all = req.result.transaction('drafts').objectStore('drafts').getAll();
            all.onsuccess = () => resolve(all.result.map((d: any) => ({ key: d.key, clientId: d.clientId, name: d.data.name })));
            all.onerror = () => reject(all.error);
          };
          req.onerror = () => reject(req.error);
        }),
    );
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ key: kept[0].clientId, name });
    expect(await recordsNamed(name)).toEqual([]);
    await suite.axe(page, 'offline draft kept at 768 px');
    await suite.shot(page, '03-offline-kept');

    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-kind'), { timeout: 30_000 }).toBe('saved');
    await expect.poll(() => page.url()).toMatch(/#\/records\/.+/);
    await expect.poll(() => banner.count()).toBe(0);
    const rows = await recordsNamed(name);
    expect(rows).toHaveLength(1);
    expect(rows[0].client_id).toBe(kept[0].clientId);
    expect(decodeURIComponent(page.url().split('#/records/')[1])).toBe(rows[0].id);
  }, 300_000);
});
