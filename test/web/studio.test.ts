// The plugin studio in a real browser (issue 16): an admin forks the smallest bundled plugin, adds a number field
// with bounds in the field tree, adds a check rule reading it in the rules text (a typo'd field name is flagged at
// once), sees the field and the rule live in the preview, reloads and finds the draft autosaved, checks and
// publishes it; an officer then opens the new plugin's form without a restart. At 768 px a second admin's save
// makes this one's next edit a conflict with a reload, never an overwrite, and a schema that does not parse shows
// its error at the line and instead of the preview. From the list page a pack and a folder are imported as
// drafts, and a folder with a file that does not parse is refused with that file named. At 768 px a rule's value
// changed in the structured rule editor rewrites the rule's JSON and the preview's result. axe on every studio page.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { BUNDLED_PLUGINS, TEST_PLUGINS } from '../helpers/platform';
import { demoTexts, packOf } from '../packs/pack-helpers';

const SOURCE = 'heshui-remediation';
const COPY = 'studio-web-copy';

/** The source's ledger rules with one more check, reading `field`. */
function rulesWith(field: string): string {
  const rules = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, SOURCE, 'rules/ledger.json'), 'utf8'));
  rules.rules.push({
    id: 'members-linked',
    kind: 'check',
    severity: 'block',
    title: { 'zh-CN': '带动农户不少于10户', en: 'At least 10 households linked' },
    message: { 'zh-CN': '带动农户少于10户', en: 'Fewer than 10 households linked' },
    pointer: '/coopMembers',
    // Only once filled in: the plugin's fixtures, which never fill it, keep passing.
    when: { '!=': [{ var: 'data.coopMembers' }, null] },
    logic: { '>=': [{ var: field }, 10] },
  });
  return JSON.stringify(rules, null, 2) + '\n';
}

describe.skipIf(skipBrowser)('plugin studio in a browser', () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite('studio', { pluginsDirs: [TEST_PLUGINS, BUNDLED_PLUGINS] });
  }, 480_000); // the web build alone can take minutes on a loaded 2-core machine, as in the other browser suites
  afterAll(async () => {
    await suite?.close();
  });

  async function pickOption(page: Page, inputId: string, label: string) {
    // The select's box, not its input: without search the input is not visible.
    await page.locator('.ant-select', { has: page.locator(`#${inputId}`) }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).click();
  }
  /** Replaces the whole text of the CodeMirror editor with this test id, as typing would. */
  async function replaceText(page: Page, testId: string, text: string) {
    await page.getByTestId(testId).locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(text);
  }
  const saved = (page: Page) => expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 15_000 }).toBe('已保存');

  it('fork, add a bounded number field and a check using it, autosave, publish; an officer files the new form', async () => {
    const page = await suite.loginAs('admin');
    await page.getByTestId('admin-links').locator('a[href="#/admin/studio"]').click();
    await page.getByTestId('drafts').waitFor();
    await suite.axe(page, 'studio drafts');

    await pickOption(page, 'draft-source', `${SOURCE}@`);
    await page.locator('#draft-plugin').fill(COPY);
    await page.locator('#draft-title').fill('工作室副本');
    await page.locator('#draft-regions').fill('440106');
    await page.getByTestId('create-draft').click();
    await page.getByTestId('draft-editor').waitFor();
    expect(page.url()).toMatch(/#\/admin\/studio\/[0-9a-f-]{36}$/);
    await page.getByTestId('preview-form').waitFor();

    // A number field with bounds, through the field tree.
    await page.locator('#add-key').fill('coopMembers');
    await pickOption(page, 'add-type', '数字');
    await page.locator('#add-title').fill('带动农户数');
    await page.locator('#add-title-en').fill('Households linked');
    await page.getByTestId('add-field-button').click();
    await page.getByTestId('field-coopMembers').click();
    await page.locator('#field-minimum-coopMembers').fill('1');
    await page.locator('#field-maximum-coopMembers').fill('500');
    // The preview shows it as officers will, its bounds in the placeholder (unclamped as on the record page).
    const input = page.getByTestId('preview-form').locator('#root_coopMembers');
    await expect.poll(() => input.getAttribute('placeholder')).toBe('≥ 1, ≤ 500');
    expect(await page.getByTestId('preview-form').locator('label[for="root_coopMembers"]').textContent()).toBe('带动农户数');

    // A check rule in the rules text: the typo is flagged at once, the fix clears it.
    await page.getByRole('tab', { name: '规则' }).click();
    await replaceText(page, 'rules-editor', rulesWith('data.coopMember'));
    await expect.poll(() => page.getByTestId('unknown-fields').textContent()).toContain('members-linked: data.coopMember');
    await suite.axe(page, 'rules with an unknown field');
    await replaceText(page, 'rules-editor', rulesWith('data.coopMembers'));
    await expect.poll(() => page.getByTestId('unknown-fields').count()).toBe(0);

    // The rule runs live in the preview.
    await input.fill('5');
    const check = page.getByTestId('preview-results').locator('[data-rule="members-linked"]');
    await expect.poll(() => check.getAttribute('data-passed')).toBe('false');
    await input.fill('12');
    await expect.poll(() => check.getAttribute('data-passed')).toBe('true');
    // The rule tester: "why" shows the typed 12 read by the rule, against its 10, and the condition that let it apply.
    await check.getByTestId('why').click();
    const why = page.getByTestId('rule-why');
    await expect.poll(() => why.locator('[data-why-path="/0"]').last().textContent()).toBe('字段「带动农户数」 = 12');
    expect(await why.locator('[data-why-path=""] > [data-testid="why-value"]').allTextContents()).toEqual(['= true', '= true']);
    await suite.axe(page, 'rule tester');
    await page.keyboard.press('Escape');
    await suite.shot(page, '01-editor');

    // The preview saved as a test case: a description is required; the outcomes it will expect are shown first.
    await page.getByTestId('save-case').click();
    await page.getByTestId('case-expected').waitFor();
    expect(await page.getByTestId('case-expected').textContent()).not.toContain('members-linked');
    await page.getByTestId('confirm-save-case').click();
    await expect.poll(() => page.locator('#case-description-error').textContent()).toBe('请填写用例说明');
    await suite.axe(page, 'save a test case');
    await page.locator('#case-description').fill('带动农户12户:达到10户的要求');
    await page.getByTestId('confirm-save-case').click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '点「检查」运行' }).count()).toBe(1);

    // Autosaved: a reload shows the field and the rule, and the server holds them.
    await saved(page);
    await page.reload();
    await page.getByTestId('field-coopMembers').waitFor();
    const id = decodeURIComponent(page.url().split('#/admin/studio/')[1]);
    const admin = await suite.tp.login('admin');
    const draft = (await suite.tp.call('GET', `/api/studio/drafts/${id}`, admin)).body;
    expect(JSON.parse(draft.files['forms/ledger.schema.json']).properties.coopMembers).toEqual({
      type: 'number',
      title: '带动农户数',
      minimum: 1,
      maximum: 500,
    });
    expect(JSON.parse(draft.files['forms/ledger.ui.json'])['ui:order']).toContain('coopMembers');
    expect(JSON.parse(draft.files['i18n/en.json'])['带动农户数']).toBe('Households linked');
    expect(draft.files['rules/ledger.json']).toBe(rulesWith('data.coopMembers'));
    const suites = Object.entries(draft.files)
      .filter(([p]) => p.startsWith('fixtures/'))
      .map(([, text]) => JSON.parse(text as string));
    type Case = { description: string; input: Record<string, unknown>; expected: { failed: string[] } };
    const savedCase = suites.flatMap((s: { cases: Case[] }) => s.cases).find((c) => c.description === '带动农户12户:达到10户的要求')!;
    expect(savedCase.input.coopMembers).toBe(12);
    expect(savedCase.expected.failed).not.toContain('members-linked');
    await suite.axe(page, 'studio editor');

    // Check, then publish.
    await page.getByTestId('check-draft').click();
    await expect.poll(() => page.getByTestId('check-outcome').textContent()).toBe('检查通过');
    expect(await page.getByTestId('check-fixtures').textContent()).toMatch(/^测试用例:通过 \d+ 个,未通过 0 个$/);
    await page.getByTestId('publish-draft').click();
    await page.getByTestId('confirm-publish').click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe(`已发布 ${COPY}@${draft.version}`);
    expect(suite.tp.platform.ctx.registry.find(COPY)?.version).toBe(draft.version);

    // The officer fills the new form at once, no restart.
    const officerToken = await suite.tp.login('tianhe-officer');
    const forms = (await suite.tp.call('GET', '/api/forms', officerToken)).body.forms;
    expect(forms.map((f: { plugin: string; form: string }) => `${f.plugin}/${f.form}`)).toContain(`${COPY}/ledger`);
    const officer = await suite.loginAs('tianhe-officer');
    await officer.goto(`${suite.base}#/new/${COPY}/ledger`);
    await officer.locator('#root_coopMembers').fill('5');
    const live = officer.getByTestId('rule-panel').locator('[data-rule="members-linked"]');
    await expect.poll(() => live.getAttribute('data-passed')).toBe('false');
  }, 240_000);

  it('at 768 px: a save by another admin makes the next edit a conflict, resolved by a reload (never an overwrite)', async () => {
    const admin = await suite.tp.login('admin');
    const made = await suite.tp.call('POST', '/api/studio/drafts', admin, {
      from: 'blank',
      plugin: 'studio-web-blank',
      title: { 'zh-CN': '空白' },
    });
    expect(made.status).toBe(201);
    const page = await suite.loginAs('admin', 768);
    await page.goto(`${suite.base}#/admin/studio`);
    await page.locator(`[data-draft="${made.body.id}"] a`).click();
    await page.getByTestId('preview-form').waitFor();
    await page.getByText('768 像素', { exact: true }).click();
    expect(await page.getByTestId('preview-frame').getAttribute('data-width')).toBe('tablet');
    await suite.axe(page, 'studio editor at 768 px');
    await suite.shot(page, '02-editor-768');

    // Another admin saves first.
    const schemaPath = 'forms/main.schema.json';
    const theirs = made.body.files[schemaPath].replace('"名称"', '"他人改的名称"');
    expect(theirs).not.toBe(made.body.files[schemaPath]);
    const other = await suite.tp.call('PUT', `/api/studio/drafts/${made.body.id}`, admin, {
      revision: 1,
      files: { ...made.body.files, [schemaPath]: theirs },
    });
    expect(other.status).toBe(200);

    await page.locator('#add-key').fill('late');
    await page.getByTestId('add-field-button').click();
    await page.getByTestId('conflict').waitFor({ timeout: 15_000 });
    await suite.axe(page, 'a conflict at 768 px');
    const after = (await suite.tp.call('GET', `/api/studio/drafts/${made.body.id}`, admin)).body;
    expect(after.revision).toBe(2);
    expect(after.files[schemaPath]).toBe(theirs);

    await page.getByTestId('reload-draft').click();
    await expect.poll(() => page.getByTestId('conflict').count()).toBe(0);
    await expect.poll(() => page.getByTestId('field-late').count()).toBe(0);
    expect(await page.getByTestId('field-tree').textContent()).toContain('他人改的名称');

    // A schema that does not parse: the error at its line in the editor, and in place of the preview (no crash);
    // undo brings the form back.
    await page.getByRole('tab', { name: '文件 / JSON' }).click();
    await pickOption(page, 'studio-file', schemaPath);
    await replaceText(page, 'file-editor', '{ "type": "object", ');
    await page.getByTestId('compile-errors').waitFor();
    expect(await page.getByTestId('compile-errors').textContent()).toContain(schemaPath);
    await page.getByTestId('file-editor').locator('.cm-lint-marker-error').waitFor();
    await suite.axe(page, 'a schema that does not parse at 768 px');
    await page.getByTestId('undo').click();
    await page.getByTestId('preview-form').waitFor();
    expect(await page.getByTestId('compile-errors').count()).toBe(0);

    // JSON that parses but breaks the meta-schema: the error on the offending piece, at its line, as one types.
    await replaceText(page, 'file-editor', '{\n  "type": "object",\n  "properties": { "n": { "type": "nombre" } }\n}');
    const marked = page.getByTestId('file-editor').locator('.cm-lintRange-error');
    await expect.poll(() => marked.allTextContents(), { timeout: 15_000 }).toEqual(['"nombre"']);
    const line = await marked.evaluate((el) => Array.from(el.closest('.cm-content')!.children).indexOf(el.closest('.cm-line')!) + 1);
    expect(line).toBe(3);
    await page.getByTestId('undo').click();
    await page.getByTestId('preview-form').waitFor();
  }, 120_000);

  it('at 768 px: a rule opened in the structured editor, its value changed, rewrites the rule and the preview result', async () => {
    const admin = await suite.tp.login('admin');
    const made = await suite.tp.call('POST', '/api/studio/drafts', admin, {
      from: 'blank',
      plugin: 'studio-web-rules',
      title: { 'zh-CN': '规则编辑' },
    });
    expect(made.status).toBe(201);
    const schema = JSON.parse(made.body.files['forms/main.schema.json']);
    schema.properties.members = { type: 'integer', title: '成员数' };
    // A literal on the left is beyond the tree: kept as text beside the condition it can show.
    const logic = { and: [{ '>=': [{ var: 'data.members' }, 10] }, { '<': [0, { var: 'data.members' }] }] };
    const rule = {
      id: 'enough-members',
      kind: 'check',
      severity: 'block',
      title: { 'zh-CN': '成员足够', en: 'Enough members' },
      message: { 'zh-CN': '成员不足', en: 'Too few members' },
      pointer: '/members',
      logic,
    };
    const files = {
      ...made.body.files,
      'forms/main.schema.json': JSON.stringify(schema, null, 2) + '\n',
      'rules/main.json': JSON.stringify({ rules: [rule] }, null, 2) + '\n',
    };
    expect((await suite.tp.call('PUT', `/api/studio/drafts/${made.body.id}`, admin, { revision: 1, files })).status).toBe(200);

    const page = await suite.loginAs('admin', 768);
    await page.goto(`${suite.base}#/admin/studio/${made.body.id}`);
    await page.getByTestId('preview-form').waitFor();
    await page.getByRole('tab', { name: '规则' }).click();
    await page.locator('.ant-collapse-header', { hasText: 'check (1)' }).click();
    await page.getByTestId('structure-enough-members').click();
    const editor = page.getByTestId('logic-editor-enough-members');
    await editor.waitFor();
    // The condition as field, operator and value; the part it cannot show as its JsonLogic text, said so.
    expect(await editor.locator('[data-kind="condition"]').count()).toBe(1);
    expect(await editor.locator('[data-kind="text"]').textContent()).toContain('无法用结构显示');
    expect(await editor.locator('#logic-enough-members-0-value').inputValue()).toBe('10');
    await suite.axe(page, 'the structured rule editor at 768 px');

    const members = page.getByTestId('preview-form').locator('#root_members');
    await members.fill('12');
    const check = page.getByTestId('preview-results').locator('[data-rule="enough-members"]');
    await expect.poll(() => check.getAttribute('data-passed')).toBe('true');

    // 10 → 15 in the structured editor: the rule's JSON changes (the text part untouched), and so does the result.
    await editor.locator('#logic-enough-members-0-value').fill('15');
    const changed = { and: [{ '>=': [{ var: 'data.members' }, 15] }, { '<': [0, { var: 'data.members' }] }] };
    await expect.poll(() => page.getByLabel('规则逻辑 enough-members', { exact: true }).textContent()).toBe(JSON.stringify(changed));
    await expect.poll(() => check.getAttribute('data-passed')).toBe('false');
    await saved(page);
    const draft = (await suite.tp.call('GET', `/api/studio/drafts/${made.body.id}`, admin)).body;
    expect(JSON.parse(draft.files['rules/main.json']).rules[0]).toEqual({ ...rule, logic: changed });
    await suite.shot(page, '03-rule-structure-768');
  }, 120_000);

  it('imports a pack and a plugin folder from the list page; a folder with bad JSON is refused, naming the file', async () => {
    const texts = await demoTexts();
    const as = (id: string) => ({ ...texts, 'plugin.json': texts['plugin.json'].replace('"id": "registry-demo"', `"id": "${id}"`) });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hezuo-studio-import-'));
    const writeFolder = (name: string, files: Record<string, string>) => {
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name, rel)), { recursive: true });
        writeFileSync(path.join(dir, name, rel), text);
      }
      return path.join(dir, name);
    };
    try {
      const packFile = path.join(dir, 'studio-web-pack-1.0.0.hzpack');
      writeFileSync(packFile, packOf(as('studio-web-pack')));
      const page = await suite.loginAs('admin');
      await page.goto(`${suite.base}#/admin/studio`);
      await page.getByTestId('import-draft').waitFor();
      await suite.axe(page, 'studio drafts with the import card');

      // A pack: the editor opens on a draft whose files are the pack's.
      await page.getByTestId('import-draft').locator('input[type=file][accept=".hzpack"]').setInputFiles(packFile);
      await page.getByTestId('draft-editor').waitFor();
      const packId = decodeURIComponent(page.url().split('/').pop()!);
      const admin = await suite.tp.login('admin');
      const fromPack = (await suite.tp.call('GET', `/api/studio/drafts/${packId}`, admin)).body;
      expect(fromPack).toMatchObject({ plugin: 'studio-web-pack', origin: { kind: 'import' } });
      expect(fromPack.files).toEqual(as('studio-web-pack'));

      // A folder with a schema that does not parse: refused, the file named, no draft made.
      const before = (await suite.tp.call('GET', '/api/studio/drafts', admin)).body.drafts.length;
      await page.goto(`${suite.base}#/admin/studio`);
      const folderInput = page.getByTestId('import-draft').locator('input[type=file][webkitdirectory]');
      const bad = { ...as('studio-web-bad'), 'forms/household.schema.json': '{ "type": "object", ' };
      await folderInput.setInputFiles(writeFolder('bad-plugin', bad));
      await page.getByTestId('import-error').waitFor();
      expect(await page.getByTestId('import-error').textContent()).toContain('forms/household.schema.json');
      await suite.axe(page, 'an import refused');
      expect((await suite.tp.call('GET', '/api/studio/drafts', admin)).body.drafts.length).toBe(before);

      // The same folder fixed, with a README beside it: imported, the README left out.
      await folderInput.setInputFiles(writeFolder('good-plugin', { ...as('studio-web-folder'), 'README.md': '# notes' }));
      await page.getByTestId('draft-editor').waitFor();
      const folderId = decodeURIComponent(page.url().split('/').pop()!);
      const fromFolder = (await suite.tp.call('GET', `/api/studio/drafts/${folderId}`, admin)).body;
      expect(fromFolder.plugin).toBe('studio-web-folder');
      expect(fromFolder.files).toEqual(as('studio-web-folder'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
