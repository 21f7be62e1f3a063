// The plugin packs page in a real browser: an admin chooses a pack, reads the dry run (outcome, signature,
// fixtures; then an upgrade's diff), installs it, and an officer fills the new plugin's form at once, without a
// restart; the admin rolls the upgrade back and sees every step in the history. At 1280 px and 390 px; axe on each.
// The pack is the neutral test plugin (test/plugins/registry-demo) renamed pack-web.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { demoTexts, packOf } from '../packs/pack-helpers';

describe.skipIf(skipBrowser)('plugin packs page in a browser', () => {
  let suite: BrowserSuite;
  let packs: { v100: Buffer; v110: Buffer };
  beforeAll(async () => {
    suite = await startBrowserSuite('packs');
    const texts = await demoTexts();
    const as = (version: string): Record<string, string> => ({
      ...texts,
      'plugin.json': texts['plugin.json']
        .replace('"id": "registry-demo"', '"id": "pack-web"')
        .replace('"version": "1.0.0"', `"version": "${version}"`),
    });
    // 1.1.0 adds an optional field to the cooperative: a compatible change the diff names.
    const v110 = as('1.1.0');
    v110['forms/cooperative.schema.json'] = v110['forms/cooperative.schema.json'].replace(
      '"phone": {',
      '"website": { "type": "string", "title": "网站" },\n    "phone": {',
    );
    packs = { v100: packOf(as('1.0.0')), v110: packOf(v110) };
  }, 180_000);
  afterAll(async () => {
    await suite?.close();
  });

  async function choose(page: Page, name: string, buffer: Buffer) {
    await page.locator('#pack-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
    await page.getByTestId('dry-run-report').waitFor();
  }

  it('an admin reads the dry run and installs; an officer fills the new form at once', async () => {
    const page = await suite.loginAs('admin');
    await page.getByTestId('admin-links').locator('a[href="#/admin/packs"]').click();
    await choose(page, 'pack-web-1.0.0.hzpack', packs.v100);
    expect(await page.getByTestId('dry-run-outcome').textContent()).toBe('可以安装');
    expect(await page.getByTestId('dry-run-report').textContent()).toContain('pack-web@1.0.0');
    expect(await page.getByTestId('dry-run-signature').textContent()).toBe('签名: 未签名');
    expect(await page.getByTestId('dry-run-fixtures').textContent()).toBe('测试用例:通过 5 个,未通过 0 个');
    await suite.axe(page, 'dry run of a new plugin');
    await suite.shot(page, '01-dry-run');
    await page.getByTestId('install-pack').click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('pack-web@1.0.0:安装');
    // The report and the chosen file are cleared: the next pack starts afresh.
    expect(await page.getByTestId('dry-run-report').count()).toBe(0);
    expect(await page.locator('#pack-file').inputValue()).toBe('');
    await expect.poll(() => page.getByTestId('pack-history').textContent()).toContain('pack-web@1.0.0');
    expect(suite.tp.platform.ctx.registry.find('pack-web')?.version).toBe('1.0.0');

    const officer = await suite.loginAs('tianhe-officer');
    await officer.goto(`${suite.base}#/new/pack-web/cooperative`);
    await officer.locator('#root_name').fill('包导入合作社');
    await officer.locator('#root_creditCode').fill('91350100M000100Y43');
    await officer.locator('#root_members').fill('25');
    await officer.getByTestId('save').click();
    await officer.getByTestId('notice').waitFor();
    await expect.poll(() => officer.url()).toMatch(/#\/records\/.+/);
    const id = decodeURIComponent(officer.url().split('#/records/')[1]);
    const row = await suite.tp.platform.ctx.db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ plugin_id: 'pack-web', plugin_version: '1.0.0', data: { name: '包导入合作社', memberLabel: 'large' } });
  }, 120_000);

  it('an upgrade shows its diff; after install the admin rolls it back (at 390 px)', async () => {
    const page = await suite.loginAs('admin', 390);
    await page.goto(`${suite.base}#/admin/packs`);
    await choose(page, 'pack-web-1.1.0.hzpack', packs.v110);
    expect(await page.getByTestId('dry-run-report').textContent()).toContain('升级');
    expect(await page.getByTestId('dry-run-diff').textContent()).toBe('兼容的变更表单 新增:-;删除:-;变更:cooperative');
    await suite.axe(page, 'dry run of an upgrade at 390 px');
    await suite.shot(page, '02-upgrade-diff-390');
    await page.getByTestId('install-pack').click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('pack-web@1.1.0:已升级');
    expect(suite.tp.platform.ctx.registry.find('pack-web')?.version).toBe('1.1.0');
    await page.getByRole('button', { name: '回退到上一版本 pack-web' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('pack-web:当前版本 1.0.0,已启用');
    expect(suite.tp.platform.ctx.registry.find('pack-web')?.version).toBe('1.0.0');
    await expect.poll(() => page.getByTestId('pack-history').textContent()).toContain('plugin.rollback');
    await suite.axe(page, 'after a rollback at 390 px');
    await suite.shot(page, '03-rolled-back-390');
  }, 120_000);
});
