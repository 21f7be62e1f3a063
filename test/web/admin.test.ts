// The admin's pages in a real browser: the org tree and adding a unit (a refused id shown at its field), users
// and roles (a refused password shown at its field, then a user created with a role), and the plugin browser —
// a live preview that saves nothing, the rules table, and the fixture results the server reports. axe on each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import type { TestPlatform } from '../helpers/platform';

describe.skipIf(skipBrowser)('admin pages in a browser', () => {
  let suite: BrowserSuite;
  let tp: TestPlatform;
  let base = '';
  beforeAll(async () => {
    suite = await startBrowserSuite('admin');
    ({ tp, base } = suite);
  }, 180_000);
  afterAll(async () => {
    await suite?.close();
  });

  /** Picks a node of an antd TreeSelect by typing part of its title. */
  async function pickUnit(page: Page, inputId: string, title: string) {
    await page.locator(`#${inputId}`).click();
    await page.locator(`#${inputId}`).fill(title);
    await page.locator(`.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="${title}"]`).click();
    await page.keyboard.press('Escape');
  }
  async function pickOption(page: Page, inputId: string, label: string) {
    await page.locator(`#${inputId}`).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).click();
  }
  const fieldOf = (page: Page, label: string) => page.locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) });

  it('org tree: sees the units, adds one; a taken id is refused at its field', async () => {
    const page = await suite.loginAs('admin');
    await page.getByTestId('admin-links').locator('a[href="#/admin/org"]').click();
    const tree = page.getByTestId('org-tree');
    await tree.waitFor();
    for (const name of ['广州市', '天河区', '番禺区']) expect(await tree.textContent()).toContain(name);
    await suite.axe(page, 'org tree');

    await pickUnit(page, 'unit_parentId', '天河区');
    await page.getByLabel('编号').fill('440106'); // taken: the district itself
    await page.getByLabel('行政区划代码').fill('440106001');
    await page.getByLabel('中文名称').fill('石牌街道');
    await page.getByLabel('英文名称').fill('Shipai Street');
    await pickOption(page, 'unit_level', '乡镇(街道)');
    await page.getByTestId('add-unit-submit').click();
    await expect.poll(() => fieldOf(page, '编号').textContent()).toContain('编号 440106 已存在');
    await suite.shot(page, '01-unit-refused-at-field');

    await page.getByLabel('编号').fill('440106001');
    await page.getByTestId('add-unit-submit').click();
    await page.getByTestId('notice').waitFor();
    await expect.poll(() => tree.textContent()).toContain('石牌街道');
    const units = await tp.call('GET', '/api/org-units', await tp.login('admin'));
    expect(units.body.units.find((u: any) => u.id === '440106001')).toMatchObject({
      parentId: '440106',
      level: 'township',
      name: { 'zh-CN': '石牌街道', en: 'Shipai Street' },
    });
    await suite.shot(page, '02-unit-added');

    // Below a street only a village level is offered; with no parent, a root county of one's own.
    await pickUnit(page, 'unit_parentId', '石牌街道');
    await page.locator('#unit_level').click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents()).toEqual(['村(社区)']);
    await page.keyboard.press('Escape');
    await page
      .locator('.ant-form-item', { has: page.locator('#unit_parentId') })
      .locator('.ant-select-clear')
      .click({ force: true });
    await page.getByLabel('编号').fill('990424');
    await page.getByLabel('行政区划代码').fill('990424');
    await page.getByLabel('中文名称').fill('示范新县');
    await page.getByLabel('英文名称').fill('New Example County');
    await pickOption(page, 'unit_level', '县(区)');
    await page.getByTestId('add-unit-submit').click();
    await expect.poll(() => tree.textContent()).toContain('示范新县');
    const root = (await tp.call('GET', '/api/org-units', await tp.login('admin'))).body.units.find((u: any) => u.id === '990424');
    expect(root).toMatchObject({ parentId: null, level: 'county', path: '/990424/' });
  }, 120_000);

  it('users: a short password is refused at its field (the password policy); a user is created with a role and may log in', async () => {
    const page = await suite.loginAs('admin', 768);
    await page.goto(`${base}#/admin/users`);
    await page.getByTestId('users').locator('tr[data-user="tianhe-officer"]').waitFor();
    await suite.axe(page, 'users');

    await page.getByLabel('登录名').fill('shipai-reviewer');
    await page.getByLabel('姓名').fill('石牌街道审核');
    await page.getByLabel('初始密码').fill('short');
    await pickOption(page, 'newUser_role', '审核人');
    await pickUnit(page, 'newUser_orgUnitId', '天河区');
    await page.getByTestId('create-user-submit').click();
    const refused = await tp.call('POST', '/api/users', await tp.login('admin'), {
      username: 'x-probe',
      displayName: 'x',
      password: 'short',
      roles: [],
    });
    expect(refused.status).toBe(422);
    const message = refused.body.error.details.find((d: any) => d.pointer === '/password').message['zh-CN'];
    await expect.poll(() => fieldOf(page, '初始密码').textContent()).toContain(message);
    expect(await page.getByLabel('登录名').inputValue()).toBe('shipai-reviewer'); // nothing typed is lost
    await suite.shot(page, '03-password-refused-768px');

    await page.getByLabel('初始密码').fill('a-long-password');
    await page.getByTestId('create-user-submit').click();
    await page.getByTestId('notice').waitFor();
    const row = page.getByTestId('users').locator('tr[data-user="shipai-reviewer"]');
    await row.waitFor();
    expect(await row.locator('[data-role="reviewer@440106"]').textContent()).toContain('天河区');
    const login = await tp.call('POST', '/api/auth/login', undefined, { username: 'shipai-reviewer', password: 'a-long-password' });
    expect(login.status).toBe(200);
    const users = await tp.call('GET', '/api/users', await tp.login('admin'));
    expect(users.body.users.find((u: any) => u.username === 'shipai-reviewer').roles.map((r: any) => [r.role, r.orgUnitId])).toEqual([
      ['reviewer', '440106'],
    ]);

    // Another role for the same user.
    await row.getByRole('button', { name: '授予角色 shipai-reviewer' }).click();
    await pickOption(page, 'grant_role', '经办人');
    await pickUnit(page, 'grant_orgUnitId', '天河区');
    await page.getByTestId('grant-submit').click();
    await row.locator('[data-role="officer@440106"]').waitFor();
    await suite.shot(page, '04-user-created');
  }, 90_000);

  it('plugin browser: versions, a live preview that saves nothing, rules, and the fixture results', async () => {
    const admin = await tp.login('admin');
    const fixtures = await tp.call('GET', '/api/plugins/registry-demo/fixtures', admin);
    expect(fixtures.status).toBe(200);
    const recordsBefore = (await tp.call('GET', '/api/records', admin)).body.total;

    const page = await suite.loginAs('admin');
    await page.getByTestId('admin-links').locator('a[href="#/admin/plugins"]').click();
    const item = page.getByTestId('installed-plugins').locator('[data-plugin="registry-demo"]');
    await item.waitFor();
    expect(await item.getByTestId('plugin-version').textContent()).toBe('1.0.0');
    await suite.axe(page, 'plugin list');
    await item.locator('a[href="#/admin/plugins/registry-demo"]').first().click();

    const preview = page.getByTestId('form-preview');
    await preview.locator('#preview_cooperative_members').waitFor();
    await preview.locator('#preview_cooperative_name').fill('预览合作社');
    await preview.locator('#preview_cooperative_members').fill('2');
    const rule = (id: string) => page.getByTestId('preview-results').locator(`[data-rule="${id}"]`);
    await expect.poll(() => rule('min-members').getAttribute('data-passed')).toBe('false');
    await preview.locator('#preview_cooperative_members').fill('30');
    await expect.poll(() => rule('min-members').getAttribute('data-passed')).toBe('true');
    expect(await preview.textContent()).toContain('不会保存');

    const summary = page.getByTestId('fixtures-summary');
    await summary.waitFor();
    expect(await summary.getAttribute('data-passed')).toBe(String(fixtures.body.passed));
    expect(await summary.textContent()).toContain(`通过 ${fixtures.body.passed} 个`);
    expect(await page.getByTestId('fixture-cases').locator('[data-passed]').count()).toBe(fixtures.body.cases.length);
    await suite.shot(page, '05-plugin-preview-fixtures');
    await suite.axe(page, 'plugin page');

    await page.getByRole('tab', { name: /规则/ }).first().click();
    const rules = page.getByTestId('rules');
    await rules.locator('tr[data-rule="min-members"]').waitFor();
    expect(await rules.locator('tr[data-rule="min-members"]').textContent()).toContain('成员数');
    await suite.shot(page, '06-plugin-rules');

    expect((await tp.call('GET', '/api/records', admin)).body.total).toBe(recordsBefore); // the preview saved nothing
  }, 90_000);
});
