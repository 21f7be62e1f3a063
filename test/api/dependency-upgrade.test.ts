// Issue 13 in a RUNNING server: a calendar plugin's patch that adds a year, installed as a pack, reaches the plugin
// that depends on it at once — no restart, no new version of the dependent — and its records keep working. Neutral
// plugins of test/dependencies/plugins: shared-days (calendar office-days, 2026 only, 2026-12-31 a holiday) and
// notice-deadline (replyBy = receivedOn + 2 working days on office-days).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../platform/boot/config';
import { folderSource, readPluginFiles } from '../../platform/plugins/read-folder';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { packOf } from '../packs/pack-helpers';

const PLUGINS = path.join(REPO_ROOT, 'test/dependencies/plugins');
let t: TestPlatform;
let admin: string;
let officer: string;

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [PLUGINS] });
  admin = await t.login('admin');
  officer = await t.login('tianhe-officer');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** shared-days 1.0.1: 2027 added, with 2027-01-01 a holiday. */
async function v101(): Promise<Buffer> {
  const { texts } = await readPluginFiles(folderSource(path.join(PLUGINS, 'shared-days')));
  const pj = JSON.parse(texts['plugin.json']);
  const cal = JSON.parse(texts['calendars/office-days.json']);
  return packOf({
    ...texts,
    'plugin.json': JSON.stringify({ ...pj, version: '1.0.1' }),
    'calendars/office-days.json': JSON.stringify({ ...cal, years: [2026, 2027], holidays: [...cal.holidays, '2027-01-01'] }),
  });
}

const notice = (id: string, receivedOn: string) =>
  t.call('POST', '/api/records', officer, {
    id,
    plugin: 'notice-deadline',
    form: 'notice',
    period: '',
    orgUnitId: '440106',
    data: { receivedOn },
  });

describe(`a dependency upgraded while running (${testBackend()})`, () => {
  it('both plugins load from the folder; the shared one has no forms', async () => {
    expect(t.platform.failures).toEqual([]);
    const r = await t.call('GET', '/api/plugins/shared-days', officer);
    expect(r.status).toBe(200);
    expect(r.body.forms).toEqual([]);
  });

  it('a deadline in 2027 is null before the upgrade and counted after it, without a restart', async () => {
    const before = await notice('n-1', '2027-01-04');
    expect(before.status, JSON.stringify(before.body)).toBe(201);
    expect(before.body.results.computed['reply-by']).toBe(null);
    expect((await notice('n-2', '2026-06-05')).body.results.computed['reply-by']).toBe('2026-06-09');

    const installed = await t.app.inject({
      method: 'POST',
      url: '/api/packs',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/octet-stream' },
      payload: await v101(),
    });
    expect(installed.statusCode, installed.body).toBe(200);
    expect(installed.json()).toMatchObject({ outcome: 'upgraded', plugin: { id: 'shared-days', version: '1.0.1' } });

    // The dependent is still 1.0.0, compiled once at start-up; it reads 1.0.1's calendar now.
    const after = await notice('n-3', '2027-01-04');
    expect(after.body).toMatchObject({ plugin: { version: '1.0.0' } });
    expect(after.body.results.computed['reply-by']).toBe('2027-01-06'); // Monday + 2: Tuesday, Wednesday
    // The record saved before the upgrade, saved again, gets its deadline too.
    const again = await t.call('PUT', '/api/records/n-1', officer, { revision: 1, data: { receivedOn: '2027-01-04' } });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.results.computed['reply-by']).toBe('2027-01-06');
    expect((await t.call('GET', '/api/records/n-2', officer)).body.results.computed['reply-by']).toBe('2026-06-09');
  });

  it('the browser gets the dependency’s current calendar beside the dependent’s form files', async () => {
    const r = await t.call('GET', '/api/plugins/notice-deadline/forms/notice', officer);
    expect(r.status).toBe(200);
    expect(r.body.files['@dependencies/calendars.json']['office-days'].years).toEqual([2026, 2027]);
  });
});
