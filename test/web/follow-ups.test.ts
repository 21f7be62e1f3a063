// Follow-ups on the record page in a real browser: the town officer sees the items with their deadlines, marks one
// rectified with a note and a PDF, and the reviewer confirms it — the list shows each status as the server keeps it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipBrowser, startBrowserSuite, type BrowserSuite } from '../helpers/browser';
import { FOLLOW_UP_PLUGINS } from '../helpers/paths';
import { pdf } from '../helpers/uploads';

describe.skipIf(skipBrowser)('follow-ups on the record page', () => {
  let suite: BrowserSuite;
  let id = '';

  beforeAll(async () => {
    // Wednesday 8 May 2024 in Shanghai; + 3 working days on the test calendar: 9, 10 and Saturday 11 May (make-up).
    suite = await startBrowserSuite('follow-ups', { pluginsDirs: [FOLLOW_UP_PLUGINS], now: '2024-05-08T02:00:00Z' });
    const { tp } = suite;
    const officer = await tp.login('tianhe-officer');
    const reviewer = await tp.login('city-reviewer');
    const c = await tp.call('POST', '/api/records', officer, {
      plugin: 'follow-up-demo',
      form: 'inspection',
      period: '2024',
      orgUnitId: '440106',
      data: { code: 'W1', ledger: false, minutes: true, sign: false },
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    id = c.body.id;
    const s = await tp.call('POST', `/api/records/${id}/transitions`, officer, { revision: c.body.revision, transition: 'submit' });
    const a = await tp.call('POST', `/api/records/${id}/transitions`, reviewer, { revision: s.body.revision, transition: 'accept' });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
  }, 240_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('the officer marks an item rectified with evidence; the reviewer confirms it', async () => {
    const page = await suite.loginAs('tianhe-officer');
    await page.goto(`${suite.base}#/records/${encodeURIComponent(id)}`);
    const ledger = page.getByTestId('follow-up-has-ledger');
    await expect.poll(() => ledger.textContent()).toContain('2024-05-11');
    expect(await ledger.textContent()).toContain('待整改');
    await ledger.getByRole('button', { name: '标记已整改' }).click();
    await ledger.getByLabel('整改说明').fill('已建立台账');
    await ledger.locator('input[type=file]').setInputFiles({ name: '台账.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await ledger.getByRole('button', { name: /^提\s?交$/ }).click();
    await expect.poll(() => ledger.textContent()).toContain('已整改待确认');
    expect(await ledger.textContent()).toContain('已建立台账');
    await suite.shot(page, 'officer-rectified');
    // The officer may not confirm.
    expect(await ledger.getByRole('button', { name: '确认整改' }).count()).toBe(0);

    const review = await suite.loginAs('city-reviewer');
    await review.goto(`${suite.base}#/records/${encodeURIComponent(id)}`);
    const item = review.getByTestId('follow-up-has-ledger');
    await item.getByRole('button', { name: '确认整改' }).click();
    await expect.poll(() => item.textContent()).toContain('已确认');
    expect(await review.getByTestId('follow-ups').textContent()).toContain('共 2 项');
    const stored = await suite.tp.call('GET', `/api/records/${id}/follow-ups`, await suite.tp.login('city-reviewer'));
    expect(stored.body.items.map((i: any) => [i.rule, i.status, i.evidence.length])).toEqual([
      ['has-ledger', 'confirmed', 1],
      ['has-sign', 'open', 0],
    ]);
  });
});
