// The plugin packs page in a real browser: an admin chooses a pack, reads the dry run (outcome, signature,
// fixtures; then an upgrade's diff), installs it, and an officer fills the new plugin's form at once, without a
// restart; the admin rolls the upgrade back and sees every step in the history. At 768 px an upgrade binds this
// county's parameters (the fixtures and the impact preview rerun under them, the install stores them), and an
// expired policy is extended from the list. At 1280 px, 768 px and 390 px; axe on each.
// The pack is the neutral test plugin (test/plugins/registry-demo) renamed pack-web.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { demoTexts, packOf } from '../packs/pack-helpers';

describe.skipIf(skipBrowser)('plugin packs page in a browser', () => {
  let suite: BrowserSuite;
  let packs: { v100: Buffer; v110: Buffer; v120: Buffer; expired: Buffer };
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
    // 1.2.0 changes nothing but the version: what changes is only what the admin binds for its parameters.
    // The expired pack declares a last day before the test clock's today (2024-05-06).
    const expired = as('1.0.0');
    expired['plugin.json'] = expired['plugin.json']
      .replace('"id": "pack-web"', '"id": "pack-expired"')
      .replace('"platform": "^0.1.0",', '"platform": "^0.1.0",\n  "effective": { "until": "2024-05-05" },');
    packs = { v100: packOf(as('1.0.0')), v110: packOf(v110), v120: packOf(as('1.2.0')), expired: packOf(expired) };
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

  it('an upgrade binds parameters: the fixtures and the impact rerun under them; the install stores them (at 768 px)', async () => {
    const page = await suite.loginAs('admin', 768);
    await page.goto(`${suite.base}#/admin/packs`);
    // pack-web is at 1.0.0 again, with the officer's open cooperative of 25 members.
    await choose(page, 'pack-web-1.2.0.hzpack', packs.v120);
    const report = () => page.getByTestId('dry-run-report').textContent();
    const fixtures = () => page.getByTestId('dry-run-fixtures').textContent();
    const totals = () => page.getByTestId('impact-totals').textContent();
    expect(await page.getByTestId('param-values-maxHouseholdSize').textContent()).toBe('本地当前值: 12 · 默认值: 12');
    expect(await page.getByTestId('param-values-minMembers').textContent()).toBe('本地当前值: 5 · 默认值: 5');
    expect(await fixtures()).toBe('测试用例:通过 5 个,未通过 0 个');
    expect(await totals()).toBe(
      '未办结记录 1 · 有变化 0 · 资格 0 · 分类 0 · 得分 0 · 阻止提交的检查 0 · 不再符合表单 0 · 表单已删除 0 · 无变化 1 · 无法计算 0',
    );
    await suite.axe(page, 'parameters and impact of an upgrade at 768 px');

    // A value the parameter schema refuses (minimum 1): the server's error at that input, the report kept.
    await page.locator('#param-maxHouseholdSize').fill('0');
    await page.getByTestId('recheck-pack').click();
    await page.getByTestId('param-error-maxHouseholdSize').waitFor();
    expect(await page.getByTestId('param-error-maxHouseholdSize').textContent()).not.toBe('');
    expect(await report()).toContain('pack-web@1.2.0');

    // A household of at most 3: the fixtures that expect 4 and 12 people to pass now fail.
    await page.locator('#param-maxHouseholdSize').fill('3');
    await page.getByTestId('recheck-pack').click();
    await expect.poll(fixtures).toBe('测试用例:通过 3 个,未通过 2 个');
    expect(await page.getByTestId('param-error-maxHouseholdSize').count()).toBe(0);
    expect(await page.getByTestId('dry-run-outcome').textContent()).toBe('测试用例未通过');

    // Back to 12, and at least 30 members: the fixtures pass; the open cooperative of 25 is now blocked.
    await page.locator('#param-maxHouseholdSize').fill('12');
    await page.locator('#param-minMembers').fill('30');
    await page.getByTestId('recheck-pack').click();
    await expect.poll(fixtures).toBe('测试用例:通过 5 个,未通过 0 个');
    await expect
      .poll(totals)
      .toBe(
        '未办结记录 1 · 有变化 1 · 资格 0 · 分类 0 · 得分 0 · 阻止提交的检查 1 · 不再符合表单 0 · 表单已删除 0 · 无变化 0 · 无法计算 0',
      );
    const changed = await page.getByTestId('impact-records').textContent();
    expect(changed).toContain('包导入合作社');
    expect(changed).toContain('阻止提交的检查: - → min-members');
    await suite.axe(page, 'bound parameters and their impact at 768 px');
    await suite.shot(page, '04-parameters-impact-768');

    await page.getByTestId('install-pack').click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('pack-web@1.2.0:已升级');
    const admin = await suite.tp.login('admin');
    const params = await suite.tp.call('GET', '/api/plugins/pack-web/parameters', admin);
    expect(params.status).toBe(200);
    expect(params.body.values).toMatchObject({ minMembers: 30, maxHouseholdSize: 12 });
  }, 120_000);

  it('a new plugin has no impact; an expired policy is extended from the list (at 768 px)', async () => {
    const page = await suite.loginAs('admin', 768);
    await page.goto(`${suite.base}#/admin/packs`);
    await choose(page, 'pack-expired-1.0.0.hzpack', packs.expired);
    expect(await page.getByTestId('impact-none').textContent()).toBe('新插件,无已有记录');
    await page.getByTestId('install-pack').click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('pack-expired@1.0.0:安装');
    const row = page.getByTestId('policy-pack-expired');
    await expect.poll(() => row.getByTestId('policy-expired').textContent()).toBe('已失效 (2024-05-05)');
    // Nothing else is out of force.
    expect(await page.getByTestId('policy-expired').count()).toBe(1);

    await page.getByRole('button', { name: '延长 pack-expired' }).click();
    // Both fields are required before anything is sent.
    await page.getByTestId('extend-save-pack-expired').click();
    expect(await row.getByTestId('extend-error-until').textContent()).toBe('必填');
    expect(await row.getByTestId('extend-error-reason').textContent()).toBe('必填');
    // A day before today: the server's refusal at the field.
    await page.locator('#extend-until-pack-expired').fill('2024-05-01');
    await page.locator('#extend-reason-pack-expired').fill('新政策出台前继续执行');
    await page.getByTestId('extend-save-pack-expired').click();
    await expect.poll(() => row.getByTestId('extend-error-until').textContent()).toBe('延长后的日期不能早于 2024-05-06');
    // (polled: antd lets the old help fade out)
    await expect.poll(() => row.getByTestId('extend-error-reason').count()).toBe(0);
    await suite.axe(page, 'extending an expired policy at 768 px');
    await suite.shot(page, '05-extend-768');

    await page.locator('#extend-until-pack-expired').fill('2024-12-31');
    await page.getByTestId('extend-save-pack-expired').click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('pack-expired 已延长至 2024-12-31');
    await expect.poll(() => page.getByTestId('policy-pack-expired').count()).toBe(0);
    expect(suite.tp.platform.ctx.registry.window('pack-expired', '2024-05-06')).toMatchObject({
      inForce: true,
      extension: { until: '2024-12-31', reason: '新政策出台前继续执行' },
    });
  }, 120_000);
});
