// The record form in a real browser: field errors from the server's own validator as the officer types, the
// submit step held back (with its reason) while a blocking check fails, compute rules by title, and attachments —
// refused in the browser when too large or of the wrong type, uploaded, saved with the record, downloaded by the
// reviewer. Screenshots go to test/artifacts/form/.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { pdf } from '../helpers/uploads';

describe.skipIf(skipBrowser)('record form in a browser', () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite('form');
  }, 180_000);
  afterAll(async () => {
    await suite?.close();
  });

  const rule = (page: Page, id: string) => page.getByTestId('rule-panel').locator(`[data-rule="${id}"]`);
  const fieldOf = (page: Page, input: string) => page.locator('.form-group', { has: page.locator(input) }).first();
  const attachments = () =>
    suite.tp.platform.ctx.db.selectFrom('attachments').select(['id', 'file_name', 'record_id']).orderBy('created_at').execute();

  async function newCooperative(page: Page) {
    await page.goto(`${suite.base}#/new/registry-demo/cooperative`);
    await page.locator('#root_name').waitFor();
  }

  it('shows a field error as the officer types and drops it when corrected; compute rules by title', async () => {
    const page = await suite.loginAs('tianhe-officer');
    await newCooperative(page);
    await page.locator('#root_creditCode').pressSequentially('91440106MA5WEB001');
    const code = fieldOf(page, '#root_creditCode');
    await expect.poll(() => code.textContent()).toContain('统一社会信用代码格式或校验位不正确');
    // A draft may be incomplete: the empty required name says nothing yet.
    expect(await fieldOf(page, '#root_name').textContent()).not.toContain('必须填写');
    await page.locator('#root_members').fill('3');
    // The compute rule has no title of its own: the panel names it by the field it writes (规模), not its id.
    await expect.poll(() => rule(page, 'member-label').textContent()).toContain('规模');
    expect(await rule(page, 'member-label').textContent()).not.toContain('member-label');
    await suite.shot(page, '01-field-error-while-typing');
    await page.locator('#root_creditCode').press('End');
    await page.locator('#root_creditCode').press('4');
    await expect.poll(() => code.textContent()).not.toContain('校验位');
    expect(await page.locator('#root_creditCode').inputValue()).toBe('91440106MA5WEB0014');
  }, 90_000);

  it('holds back submit with its reason while a blocking check fails or required fields are empty', async () => {
    const page = await suite.loginAs('tianhe-officer');
    await newCooperative(page);
    await page.locator('#root_creditCode').fill('91440106MA5WEB0027');
    await page.locator('#root_members').fill('3');
    await page.locator('#root_name').fill('待提交合作社');
    await page.getByTestId('save').click();
    await page.getByTestId('notice').waitFor();
    const submit = page.locator('[data-transition="submit"]');
    const reason = page.getByTestId('transition-reason-submit');
    await expect.poll(() => submit.isDisabled()).toBe(true);
    expect(await reason.textContent()).toContain('阻止提交');
    expect(await submit.getAttribute('aria-describedby')).toBe('transition-reason-submit');
    expect(await rule(page, 'min-members').getAttribute('data-passed')).toBe('false');

    await page.locator('#root_members').fill('25');
    await expect.poll(() => submit.isDisabled()).toBe(false);
    expect(await reason.count()).toBe(0);
    expect(await submit.getAttribute('aria-describedby')).toBeNull();

    // Trying to submit with a required field empty points it out and waits.
    await page.locator('#root_name').fill('');
    await submit.click();
    await expect.poll(() => fieldOf(page, '#root_name').textContent()).toContain('必须填写');
    await expect.poll(() => submit.isDisabled()).toBe(true);
    expect(await reason.textContent()).toContain('必填项');
    await suite.shot(page, '02-submit-held-back');
    await page.locator('#root_name').fill('待提交合作社');
    await expect.poll(() => submit.isDisabled()).toBe(false);
    await suite.axe(page, 'record form with reasons');
    await submit.click();
    await expect.poll(() => page.getByTestId('state').textContent()).toBe('已提交');
  }, 90_000);

  it('refuses a too-large or wrong-type file before upload, uploads a PDF, saves it with the record; the reviewer downloads it', async () => {
    const page = await suite.loginAs('tianhe-officer');
    await newCooperative(page);
    const field = page.locator('[data-attachment-field="/documents"]');
    // The limits are shown before anything is chosen.
    const limits = await field.getByTestId('attachment-limits').textContent();
    expect(limits).toContain('PDF, JPG, PNG');
    expect(limits).toContain('1 MB');
    expect(limits).toContain('2');

    const before = (await attachments()).length;
    const input = field.locator('input[type=file]');
    expect(await input.getAttribute('aria-describedby')).toContain('__limits');
    await input.setInputFiles({ name: '太大.pdf', mimeType: 'application/pdf', buffer: pdf(1024 * 1024 + 1) });
    await expect.poll(() => field.getByTestId('attachment-problem').textContent()).toContain('文件过大');
    await input.setInputFiles({ name: '假的.pdf', mimeType: 'application/pdf', buffer: Buffer.from('plain text pretending') });
    await expect.poll(() => field.getByTestId('attachment-problem').textContent()).toContain('文件类型不允许');
    await input.setInputFiles({
      name: 'table.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from('PK\x03\x04rest'),
    });
    await expect.poll(() => field.getByTestId('attachment-problem').textContent()).toContain('table.docx');
    expect((await attachments()).length).toBe(before); // nothing reached the server

    // A wide screen gets a drag area: a file dropped on it is checked and uploaded like a chosen one.
    const dropArea = field.locator('.ant-upload-drag [role=button]');
    expect(await dropArea.textContent()).toContain('点击或将文件拖到此处上传');
    const dropped = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['%PDF-1.4\n% dropped\n'], '拖入.pdf', { type: 'application/pdf' }));
      return dt;
    });
    await dropArea.dispatchEvent('drop', { dataTransfer: dropped });
    await field.locator('a', { hasText: '拖入.pdf' }).waitFor();
    expect((await attachments()).length).toBe(before + 1);

    const content = pdf(5000);
    await input.setInputFiles({ name: '章程.pdf', mimeType: 'application/pdf', buffer: content });
    await field.locator('a', { hasText: '章程.pdf' }).waitFor();
    expect(await field.getByTestId('attachment-problem').count()).toBe(0);
    expect(await field.textContent()).toContain('4.9 KB');
    // Two files is the field's limit: the drag area goes and the field says so; removing one brings it back.
    expect(await field.textContent()).toContain('已达到文件数上限');
    expect(await field.locator('.ant-upload-drag').count()).toBe(0);
    await field.locator('.ant-upload-list-item', { hasText: '拖入.pdf' }).getByRole('button', { name: '删除 拖入.pdf' }).click();
    await expect.poll(() => field.locator('a', { hasText: '拖入.pdf' }).count()).toBe(0);
    await field.locator('.ant-upload-drag').waitFor();
    expect(await field.textContent()).not.toContain('已达到文件数上限');
    await page.locator('#root_name').fill('附件合作社');
    await page.locator('#root_creditCode').fill('91440106MA5WEB003A');
    await page.locator('#root_members').fill('30');
    await page.getByTestId('save').click();
    await page.getByTestId('notice').waitFor();
    await expect.poll(() => page.url()).toMatch(/#\/records\/.+/);
    const recordId = decodeURIComponent(page.url().split('#/records/')[1]);
    const rows = (await attachments()).filter((a) => a.file_name === '章程.pdf');
    expect(rows).toEqual([{ id: expect.any(String), file_name: '章程.pdf', record_id: recordId }]);
    // The removed upload was never saved with the record.
    expect((await attachments()).filter((a) => a.file_name === '拖入.pdf')).toEqual([
      { id: expect.any(String), file_name: '拖入.pdf', record_id: null },
    ]);
    await page.locator('[data-transition="submit"]').click();
    await expect.poll(() => page.getByTestId('state').textContent()).toBe('已提交');

    const reviewer = await suite.loginAs('tianhe-reviewer');
    await reviewer.goto(`${suite.base}#/records/${encodeURIComponent(recordId)}`);
    const shown = reviewer.locator('[data-attachment-field="/documents"]');
    const link = shown.locator('a', { hasText: '章程.pdf' });
    await link.waitFor();
    // Read-only for the reviewer: no file input, no remove button.
    expect(await shown.locator('input[type=file]').count()).toBe(0);
    expect(await shown.getByRole('button').count()).toBe(0);
    await suite.axe(reviewer, 'review page with attachments');
    await suite.shot(reviewer, '03-reviewer-sees-attachment');
    const [download] = await Promise.all([reviewer.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('章程.pdf');
    expect(Buffer.compare(await readFile((await download.path())!), content)).toBe(0);
    // What the server sent: the reviewer's session, the file and its name.
    const got = await reviewer.evaluate(
      async (href) => {
        const r = await fetch(href); // the session cookie only: the web app keeps no token a script could read
        return {
          status: r.status,
          disposition: r.headers.get('content-disposition'),
          bytes: Array.from(new Uint8Array(await r.arrayBuffer())),
        };
      },
      (await link.getAttribute('href'))!,
    );
    expect(got.status).toBe(200);
    expect(got.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('章程.pdf')}`);
    expect(Buffer.compare(Buffer.from(got.bytes), content)).toBe(0);
  }, 120_000);

  it('offers a button instead of the drag area on a narrow screen, and refuses there too', async () => {
    const page = await suite.loginAs('tianhe-officer', 390);
    await newCooperative(page);
    const field = page.locator('[data-attachment-field="/documents"]');
    await field.getByText('选择文件上传').waitFor();
    expect(await field.locator('.ant-upload-drag').count()).toBe(0);
    await field.locator('input[type=file]').setInputFiles({ name: '太大.pdf', mimeType: 'application/pdf', buffer: pdf(1024 * 1024 + 1) });
    await expect.poll(() => field.getByTestId('attachment-problem').textContent()).toContain('文件过大');
    await suite.axe(page, 'record form at 390 px with an upload button');
  }, 90_000);
});
