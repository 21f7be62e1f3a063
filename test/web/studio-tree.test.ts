// The studio's field tree in a real browser (issue 16): a field dragged onto a section goes into it, another moved
// into it from the keyboard ("move to section"), a shown-when condition picked in the structured editor hides a
// field in the live preview until the condition holds, and that field is then grouped into a new section. The
// schema and UI schema the server holds follow. axe on the tree with the condition editor open. Then new field
// types: a text field with a format and its own refusal message, a computed integer, a multiple choice from the
// draft's code list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { TEST_PLUGINS } from '../helpers/platform';

describe.skipIf(skipBrowser)('studio field tree: drag, keyboard move, shown-when', () => {
  let suite: BrowserSuite;
  // The web app is built first; on a loaded machine that alone can take minutes.
  beforeAll(async () => {
    suite = await startBrowserSuite('studio-tree', { pluginsDirs: [TEST_PLUGINS] });
  }, 480_000);
  afterAll(async () => {
    await suite?.close();
  });

  async function pickOption(page: Page, inputId: string, label: string) {
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await page.locator('.ant-select', { has: page.locator(`#${inputId}`) }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
  }

  it('moves fields into a section by drag and by keyboard; a shown-when condition hides a field in the preview', async () => {
    const admin = await suite.tp.login('admin');
    const made = await suite.tp.call('POST', '/api/studio/drafts', admin, {
      from: 'blank',
      plugin: 'studio-web-tree',
      title: { 'zh-CN': '字段树' },
    });
    expect(made.status).toBe(201);
    const manifest = JSON.parse(made.body.files['plugin.json']);
    manifest.forms[0].uiSchema = 'forms/main.ui.json';
    const schema = {
      type: 'object',
      additionalProperties: false,
      properties: {
        kind: { type: 'string', title: '类型', enum: ['a', 'b'], enumNames: ['普通', '其他'] },
        other: { type: 'string', title: '其他说明' },
        note: { type: 'string', title: '备注' },
        tag: { type: 'string', title: '标签' },
        extra: { type: 'object', title: '附加', additionalProperties: false, properties: { x: { type: 'string', title: '附加项' } } },
      },
    };
    const ui = { 'ui:order': ['kind', 'other', 'note', 'tag', 'extra'], note: { 'ui:widget': 'textarea' } };
    const files = {
      ...made.body.files,
      'plugin.json': JSON.stringify(manifest, null, 2) + '\n',
      'forms/main.schema.json': JSON.stringify(schema, null, 2) + '\n',
      'forms/main.ui.json': JSON.stringify(ui, null, 2) + '\n',
      // A check naming 标签, which follows it when it moves (rename-field-paths.ts).
      'rules/main.json':
        JSON.stringify({
          rules: [
            {
              id: 'tag-given',
              kind: 'check',
              severity: 'warn',
              pointer: '/tag',
              title: { 'zh-CN': '填写标签', en: 'Tag given' },
              message: { 'zh-CN': '请填写标签', en: 'Give a tag' },
              logic: { '!!': [{ var: 'data.tag' }] },
            },
          ],
        }) + '\n',
    };
    expect((await suite.tp.call('PUT', `/api/studio/drafts/${made.body.id}`, admin, { revision: 1, files })).status).toBe(200);

    const page = await suite.loginAs('admin');
    await page.goto(`${suite.base}#/admin/studio/${made.body.id}`);
    const preview = page.getByTestId('preview-form');
    await preview.waitFor();
    const tree = page.getByTestId('field-tree');

    // Drag: 备注 dropped on the section's row goes last inside it, its textarea setting with it.
    await page.getByTestId('field-note').dragTo(page.getByTestId('field-extra'));
    await tree.locator('[data-field="extra.note"]').waitFor();
    await preview.locator('textarea#root_extra_note').waitFor();

    // Keyboard: 标签 chosen, then "move to section" typed and picked with Enter.
    await page.getByTestId('field-tag').click();
    await page.locator('#move-to-tag').focus();
    await page.keyboard.type('extra');
    await page.keyboard.press('Enter');
    await tree.locator('[data-field="extra.tag"]').waitFor();
    await expect.poll(() => page.getByTestId('move-notice').textContent()).toContain('已更新 1 条规则中的引用');
    expect(await tree.locator('li[data-field]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')))).toEqual([
      'kind',
      'other',
      'extra',
      'extra.x',
      'extra.note',
      'extra.tag',
    ]);

    // Shown-when on 其他说明: 类型 == 其他, picked in the structured editor.
    await page.getByTestId('field-other').click();
    await page.getByTestId('add-shown-when').click();
    const editor = page.getByTestId('shown-when');
    await editor.locator('[data-kind="condition"]').waitFor();
    await pickOption(page, 'when-other-value', '其他');
    await expect.poll(() => preview.locator('#root_other').count()).toBe(0);
    await suite.axe(page, 'field tree with a shown-when condition');
    await pickOption(page, 'root_kind', '其他');
    await preview.locator('#root_other').waitFor();
    await pickOption(page, 'root_kind', '普通');
    await expect.poll(() => preview.locator('#root_other').count()).toBe(0);

    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 15_000 }).toBe('已保存');
    const draft = (await suite.tp.call('GET', `/api/studio/drafts/${made.body.id}`, admin)).body;
    const saved = JSON.parse(draft.files['forms/main.schema.json']);
    expect(Object.keys(saved.properties)).toEqual(['kind', 'other', 'extra']);
    expect(JSON.parse(draft.files['rules/main.json']).rules[0]).toMatchObject({
      pointer: '/extra/tag',
      logic: { '!!': [{ var: 'data.extra.tag' }] },
    });
    expect(Object.keys(saved.properties.extra.properties)).toEqual(['x', 'note', 'tag']);
    expect(saved.properties.other['x-when']).toEqual({ '==': [{ var: 'data.kind' }, 'b'] });
    expect(JSON.parse(draft.files['forms/main.ui.json'])).toEqual({
      'ui:order': ['kind', 'other', 'extra'],
      extra: { note: { 'ui:widget': 'textarea' } },
    });
    // The draft as saved passes the loader's check, the condition's names included.
    await page.getByTestId('check-draft').click();
    await expect.poll(() => page.getByTestId('check-outcome').textContent(), { timeout: 30_000 }).toBe('检查通过');
    await suite.shot(page, '01-field-tree-shown-when');

    // Ticked fields grouped into a new section: it stands where the first stood, the condition going with the field.
    await page.getByLabel('选择 other', { exact: true }).check();
    await page.locator('#group-key').fill('more');
    await page.locator('#group-title').fill('更多');
    await page.getByTestId('group-fields-button').click();
    await tree.locator('[data-field="more.other"]').waitFor();
    expect(await tree.locator('li[data-field]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')))).toEqual([
      'kind',
      'more',
      'more.other',
      'extra',
      'extra.x',
      'extra.note',
      'extra.tag',
    ]);
    await pickOption(page, 'root_kind', '其他');
    await preview.locator('#root_more_other').waitFor();
  }, 180_000);

  it('adds a formatted field with its own refusal message, a computed integer and a multiple choice from a code list', async () => {
    const admin = await suite.tp.login('admin');
    const made = await suite.tp.call('POST', '/api/studio/drafts', admin, {
      from: 'blank',
      plugin: 'studio-web-types',
      title: { 'zh-CN': '字段类型' },
    });
    expect(made.status).toBe(201);
    const manifest = JSON.parse(made.body.files['plugin.json']);
    manifest.codeLists = ['codelists/crops.json'];
    const crops = {
      id: 'crops',
      title: { 'zh-CN': '作物', en: 'Crops' },
      items: [
        { code: 'rice', label: { 'zh-CN': '水稻', en: 'Rice' } },
        { code: 'tea', label: { 'zh-CN': '茶叶', en: 'Tea' } },
      ],
    };
    const files = {
      ...made.body.files,
      'plugin.json': JSON.stringify(manifest, null, 2) + '\n',
      'codelists/crops.json': JSON.stringify(crops, null, 2) + '\n',
    };
    expect((await suite.tp.call('PUT', `/api/studio/drafts/${made.body.id}`, admin, { revision: 1, files })).status).toBe(200);

    const page = await suite.loginAs('admin');
    await page.goto(`${suite.base}#/admin/studio/${made.body.id}`);
    const preview = page.getByTestId('preview-form');
    await preview.waitFor();
    const tree = page.getByTestId('field-tree');

    // A text field (the type a new field starts as), then its format (the engine's table) and its own message when the format refuses a value.
    await page.locator('#add-key').fill('mobile');
    await page.locator('#add-title').fill('手机');
    await page.getByTestId('add-field-button').click();
    await page.getByTestId('field-mobile').click();
    await pickOption(page, 'field-format-mobile', 'cn-mobile');
    await page.locator('#field-msg-format-zh-mobile').fill('请填写11位手机号');
    await page.locator('#field-msg-format-en-mobile').fill('Give an 11-digit mobile number');
    await preview.locator('#root_mobile').waitFor();

    // A computed value: an integer field, a compute rule added for it in the rules file, the field read-only.
    await page.locator('#add-key').fill('total');
    await pickOption(page, 'add-type', '整数');
    await page.locator('#add-title').fill('合计');
    await page.getByTestId('add-field-button').click();
    await page.getByTestId('field-total').click();
    await page.getByTestId('add-compute').click();
    await expect.poll(() => page.getByTestId('field-computed').textContent()).toContain('compute-total');
    await expect.poll(() => preview.locator('#root_total').isEditable()).toBe(false);

    // 多选, its choices from the draft's code list.
    await page.locator('#add-key').fill('crops');
    await pickOption(page, 'add-type', '多选');
    await pickOption(page, 'add-codelist', 'crops');
    await page.locator('#add-title').fill('种植作物');
    await page.getByTestId('add-field-button').click();
    await tree.locator('[data-field="crops"]').waitFor();
    await pickOption(page, 'root_crops', '茶叶');
    await page.keyboard.press('Escape'); // a multiple select stays open after a pick

    await suite.axe(page, 'field editor with a format and a refusal message');

    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 15_000 }).toBe('已保存');
    const draft = (await suite.tp.call('GET', `/api/studio/drafts/${made.body.id}`, admin)).body;
    const saved = JSON.parse(draft.files[manifest.forms[0].schema]);
    expect(saved.properties.crops).toEqual({
      type: 'array',
      title: '种植作物',
      items: { type: 'string', enum: ['rice', 'tea'], enumNames: ['水稻', '茶叶'] },
      uniqueItems: true,
    });
    expect(saved.properties.mobile).toEqual({
      type: 'string',
      title: '手机',
      format: 'cn-mobile',
      'x-messages': { format: { 'zh-CN': '请填写11位手机号', en: 'Give an 11-digit mobile number' } },
    });
    expect(saved.properties.total).toEqual({ type: 'integer', title: '合计', readOnly: true });
    expect(JSON.parse(draft.files['rules/main.json']).rules).toEqual([{ id: 'compute-total', kind: 'compute', field: '/total', logic: 0 }]);
    await page.getByTestId('check-draft').click();
    await expect.poll(() => page.getByTestId('check-outcome').textContent(), { timeout: 30_000 }).toBe('检查通过');
    await suite.shot(page, '02-field-types');
  }, 180_000);
});
