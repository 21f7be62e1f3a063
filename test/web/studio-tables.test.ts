// The studio's table tabs in a real browser (issue 16): on a blank draft an admin adds a parameter (a default that is
// not a number refused with a reason, then accepted), starts a code list and fills it (a repeated code flagged at
// its cell, the draft's check failing on the still-empty label, rows reordered from the keyboard), and edits the
// workflow (a repeated state id flagged, a transition to a new state with level and comment required, a removed
// state leaving a transition pointing nowhere until undone), sees the diagram follow, and the draft's check passes.
// The files the server holds are the ones a developer would write. axe on each tab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { TEST_PLUGINS } from '../helpers/platform';

describe.skipIf(skipBrowser)('studio tables: parameters, code lists, workflow', () => {
  let suite: BrowserSuite;
  // The web app is built first; on a loaded machine that alone can take minutes.
  beforeAll(async () => {
    suite = await startBrowserSuite('studio-tables', { pluginsDirs: [TEST_PLUGINS] });
  }, 480_000);
  afterAll(async () => {
    await suite?.close();
  });

  async function pickOption(page: Page, inputId: string, label: string) {
    // A closing dropdown of the previous pick is still visible for a moment: never pick from it.
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await page.locator('.ant-select', { has: page.locator(`#${inputId}`) }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
  }
  const cellError = (page: Page, id: string) => page.locator(`#${id}-error`);
  const saved = (page: Page) => expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 15_000 }).toBe('已保存');

  it('edits parameters, a code list and the workflow through their tables; errors at the cell, then the check passes', async () => {
    const admin = await suite.tp.login('admin');
    const made = await suite.tp.call('POST', '/api/studio/drafts', admin, {
      from: 'blank',
      plugin: 'studio-web-tables',
      title: { 'zh-CN': '表格编辑', en: 'Tables' },
    });
    expect(made.status).toBe(201);
    const page = await suite.loginAs('admin');
    await page.goto(`${suite.base}#/admin/studio/${made.body.id}`);
    await page.getByTestId('preview-form').waitFor();

    // Parameters: a default that is not a number is refused with a reason; the fixed one adds the parameter.
    await page.getByRole('tab', { name: '参数' }).click();
    await page.locator('#add-param-name').fill('minMembers');
    await page.locator('#add-param-title').fill('最少成员数');
    await page.locator('#add-param-default').fill('五');
    await page.getByTestId('add-param-button').click();
    await expect.poll(() => page.locator('#add-param-default-error').textContent()).toBe('请填写数字');
    await suite.axe(page, 'parameters tab with an error');
    await page.locator('#add-param-default').fill('5');
    await page.getByTestId('add-param-button').click();
    await page.getByTestId('param-minMembers').waitFor();
    await page.locator('#param-default-minMembers').fill('5.5');
    await page.locator('#param-minimum-minMembers').fill('1');
    expect(await page.locator('#param-default-minMembers').getAttribute('aria-invalid')).toBe('false');

    // Code lists: a new list starts with one empty row, its problems at their cells.
    await page.getByRole('tab', { name: '代码表' }).click();
    await page.locator('#new-codelist-id').fill('Grades');
    await page.locator('#new-codelist-zh').fill('档次');
    await page.locator('#new-codelist-en').fill('Grades');
    await page.getByTestId('new-codelist-button').click();
    await expect.poll(() => page.locator('#new-codelist-error').textContent()).toBe('编号须为小写字母开头的 a-z、0-9、- 或 _');
    await page.locator('#new-codelist-id').fill('grades');
    await page.getByTestId('new-codelist-button').click();
    await page.getByTestId('codelist-table').waitFor();
    expect(await cellError(page, 'cl-code-0').textContent()).toBe('代码不能为空');
    await page.locator('#cl-code-0').fill('a');
    await page.locator('#cl-zh-CN-0').fill('甲档');
    await page.locator('#cl-en-0').fill('Grade A');
    await page.getByTestId('codelist-add-row').click();
    await page.locator('#cl-code-1').fill('a');
    await expect.poll(() => cellError(page, 'cl-code-1').textContent()).toBe('代码 a 与第 1 行重复');
    expect(await page.locator('#cl-code-1').getAttribute('aria-invalid')).toBe('true');
    await suite.axe(page, 'code lists tab with errors');
    await page.locator('#cl-code-1').fill('b');
    await page.locator('#cl-zh-CN-1').fill('乙档');
    expect(await page.getByTestId('codelist-problems').textContent()).toBe('1 个问题');

    // The check agrees: the empty English label is refused at its pointer.
    await page.getByTestId('check-draft').click();
    await expect.poll(() => page.getByTestId('check-outcome').textContent()).toMatch(/个错误$/);
    expect(await page.getByTestId('check-errors').textContent()).toContain('codelists/grades.json /items/1/label/en');
    await page.locator('#cl-en-1').fill('Grade B');
    await expect.poll(() => page.getByTestId('codelist-problems').textContent()).toBe('没有问题');

    // Rows reordered from the keyboard: the focus follows the moved row.
    await page.locator('#cl-down-0').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#cl-code-0').inputValue()).toBe('b');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cl-up-1');

    // Workflow: a repeated state id at its cell, fixed.
    await page.getByRole('tab', { name: '流程' }).click();
    await page.getByTestId('workflow-tab').waitFor();
    await page.getByTestId('add-state').click();
    await page.locator('#wf-s-id-2').fill('draft');
    await expect.poll(() => cellError(page, 'wf-s-id-2').textContent()).toBe('编号 draft 与第 1 行重复');
    await page.locator('#wf-s-id-2').fill('review');
    await page.locator('#wf-s-zh-CN-2').fill('审核中');
    await page.locator('#wf-s-en-2').fill('In review');
    // Submitting now leads to review; from review a reviewer at county level approves, with a comment.
    await pickOption(page, 'wf-t-to-0', 'review');
    await page.getByTestId('add-transition').click();
    await page.locator('#wf-t-id-1').fill('approve');
    await page.locator('#wf-t-zh-CN-1').fill('审核通过');
    await page.locator('#wf-t-en-1').fill('Approve');
    // Multiple choices from the keyboard: Backspace takes off the last chosen state, typing finds one, Enter picks it.
    await page.locator('#wf-t-from-1').focus();
    await page.keyboard.press('Backspace');
    await page.keyboard.type('review');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.locator('#wf-t-roles-1').focus();
    await page.keyboard.type('reviewer');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const chosen = (id: string) =>
      page
        .locator('.ant-select', { has: page.locator(`#${id}`) })
        .locator('.ant-select-selection-item')
        .allTextContents();
    await expect.poll(() => chosen('wf-t-from-1')).toEqual(['review']);
    await expect.poll(() => chosen('wf-t-roles-1')).toEqual(['经办人', '审核人']);
    await pickOption(page, 'wf-t-level-1', '县');
    await page.locator('#wf-t-commentRequired-1').check();
    await expect.poll(() => page.getByTestId('workflow-problems').textContent()).toBe('没有问题');
    const arrows = () =>
      page
        .getByTestId('workflow-diagram')
        .locator('[data-arrow]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-arrow')));
    await expect.poll(arrows).toEqual(['draft->review', 'review->submitted']);

    // Rows reordered from the keyboard: the focus follows the moved row (the other button at the end).
    const transitionIds = () => page.locator('input[id^="wf-t-id-"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    await page.locator('#wf-t-down-0').focus();
    await page.keyboard.press('Enter');
    await expect.poll(transitionIds).toEqual(['approve', 'submit']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('wf-t-up-1');
    await page.keyboard.press('Enter');
    await expect.poll(transitionIds).toEqual(['submit', 'approve']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('wf-t-down-0');

    // A removed state leaves the transition into it pointing nowhere, flagged at once; undo brings it back.
    await page.locator('#wf-s-remove-1').click();
    await expect.poll(() => cellError(page, 'wf-t-to-1').textContent()).toBe('状态 submitted 不存在');
    await suite.axe(page, 'workflow tab with an error');
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('workflow-problems').textContent()).toBe('没有问题');
    await suite.axe(page, 'workflow tab');
    await suite.shot(page, '01-workflow');

    await page.getByTestId('check-draft').click();
    await expect.poll(() => page.getByTestId('check-outcome').textContent()).toBe('检查通过');
    await saved(page);

    // What the server holds: the files a developer would write, formatted.
    const files = (await suite.tp.call('GET', `/api/studio/drafts/${made.body.id}`, admin)).body.files as Record<string, string>;
    expect(JSON.parse(files['plugin.json']).codeLists).toEqual(['codelists/grades.json']);
    expect(files['codelists/grades.json']).toBe(
      `${JSON.stringify(
        {
          id: 'grades',
          title: { 'zh-CN': '档次', en: 'Grades' },
          items: [
            { code: 'b', label: { 'zh-CN': '乙档', en: 'Grade B' } },
            { code: 'a', label: { 'zh-CN': '甲档', en: 'Grade A' } },
          ],
        },
        null,
        2,
      )}\n`,
    );
    const wf = JSON.parse(files['workflows/main.json']);
    expect(wf.states.map((s: { id: string }) => s.id)).toEqual(['draft', 'submitted', 'review']);
    expect(wf.transitions).toEqual([
      { id: 'submit', title: { 'zh-CN': '提交', en: 'Submit' }, from: ['draft'], to: 'review', roles: ['officer'] },
      {
        id: 'approve',
        title: { 'zh-CN': '审核通过', en: 'Approve' },
        from: ['review'],
        to: 'submitted',
        roles: ['officer', 'reviewer'],
        level: 'county',
        commentRequired: true,
      },
    ]);
    expect(JSON.parse(files['parameters.schema.json']).properties.minMembers).toEqual({
      type: 'number',
      title: '最少成员数',
      default: 5.5,
      minimum: 1,
    });
  }, 240_000);
});
