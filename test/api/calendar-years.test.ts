// An admin adds a year to a plugin's working-day calendar (issue 13), on the neutral test plugin
// test/follow-ups/plugins/follow-up-demo, whose calendar test-days lists 2024 only. Before: a follow-up deadline
// in 2027 is refused (FOLLOW_UP_DEADLINE_UNKNOWN). Each bad year is refused at its pointer with nothing changed;
// a good one is the plugin's next patch version, live at once, audited; a new record's deadline then resolves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { FOLLOW_UP_PLUGINS } from '../helpers/paths';
import { testBackend } from '../helpers/database';

let t: TestPlatform;
const tok: Record<string, string> = {};
const P = 'follow-up-demo';
const URL = `/api/calendars/${P}/test-days/years`;

// 2027-01-01 is a Friday; 8–12 Feb are Monday–Friday; 20 Feb is a Saturday.
const GOOD = {
  version: '1.0.0',
  year: 2027,
  holidays: ['2027-02-12', '2027-01-01', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
  workdays: ['2027-02-20'],
  reason: '测试通知第 1 号',
};

beforeAll(async () => {
  // Monday 4 January 2027.
  t = await startTestPlatform({ pluginsDirs: [FOLLOW_UP_PLUGINS], now: '2027-01-04T02:00:00Z' });
  for (const u of ['admin', 'tianhe-officer', 'city-reviewer']) tok[u] = await t.login(u);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** A record accepted by the city: acceptance opens follow-ups (ledger is missing) with a deadline. */
async function accept(code: string) {
  const c = await t.call('POST', '/api/records', tok['tianhe-officer'], {
    plugin: P,
    form: 'inspection',
    period: '2027',
    orgUnitId: '440106',
    data: { code, ledger: false, minutes: true, sign: true, phone: true },
  });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  const s = await t.call('POST', `/api/records/${c.body.id}/transitions`, tok['tianhe-officer'], {
    revision: c.body.revision,
    transition: 'submit',
  });
  expect(s.status, JSON.stringify(s.body)).toBe(200);
  const cur = await t.call('GET', `/api/records/${c.body.id}`, tok['city-reviewer']);
  const a = await t.call('POST', `/api/records/${c.body.id}/transitions`, tok['city-reviewer'], {
    revision: cur.body.revision,
    transition: 'accept',
  });
  return { id: c.body.id as string, version: cur.body.pluginVersion as string | undefined, status: a.status, body: a.body };
}

const publishes = () => t.platform.ctx.db.selectFrom('admin_audit').selectAll().where('action', '=', 'plugin.publish').execute();
const storedVersions = async () =>
  (await t.platform.ctx.db.selectFrom('plugin_versions').select('version').where('plugin_id', '=', P).execute())
    .map((r) => r.version)
    .sort();

describe(`adding a calendar year (${testBackend()})`, () => {
  it('lists every calendar of the installed plugins with its years', async () => {
    const r = await t.call('GET', '/api/calendars', tok.admin);
    expect(r.status).toBe(200);
    const cal = r.body.calendars.find((c: any) => c.plugin === P && c.calendar === 'test-days');
    expect(cal).toMatchObject({
      version: '1.0.0',
      disabled: false,
      file: 'calendars/test-days.json',
      source: null,
      title: { 'zh-CN': '测试工作日历(仅 2024 年)', en: 'Test working days (2024 only)' },
      years: [{ year: 2024, holidays: ['2024-05-01', '2024-05-02', '2024-05-03'], workdays: ['2024-04-28', '2024-05-11'] }],
    });
  });

  it('is for admins only', async () => {
    expect((await t.call('GET', '/api/calendars', tok['tianhe-officer'])).status).toBe(403);
    const r = await t.call('POST', URL, tok['tianhe-officer'], GOOD);
    expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await t.call('GET', '/api/calendars')).status).toBe(401);
  });

  it('before the year is added, a deadline in 2027 is an error, not a guess', async () => {
    const r = await accept('BEFORE');
    expect([r.status, r.body.error.code]).toEqual([422, 'FOLLOW_UP_DEADLINE_UNKNOWN']);
  });

  const bad: [string, Record<string, unknown>, number, string, string[]][] = [
    ['a year out of range', { year: 1989 }, 422, 'CALENDAR_YEAR_INVALID', ['/year']],
    ['a year already listed', { year: 2024, holidays: ['2024-10-01'], workdays: [] }, 409, 'CALENDAR_YEAR_EXISTS', ['/year']],
    ['a day that does not exist', { holidays: ['2027-01-01', '2027-02-30'] }, 422, 'CALENDAR_YEAR_INVALID', ['/holidays/1']],
    ['not YYYY-MM-DD', { holidays: ['2027/01/01', '2027-1-4'] }, 422, 'CALENDAR_YEAR_INVALID', ['/holidays/0', '/holidays/1']],
    ['a date of another year', { holidays: ['2027-01-01', '2026-12-31'] }, 422, 'CALENDAR_YEAR_INVALID', ['/holidays/1']],
    ['a date listed twice', { holidays: ['2027-01-01', '2027-02-08', '2027-01-01'] }, 422, 'CALENDAR_YEAR_INVALID', ['/holidays/2']],
    [
      'a day both off and worked',
      { holidays: ['2027-01-01', '2027-02-20'], workdays: ['2027-02-20'] },
      422,
      'CALENDAR_YEAR_INVALID',
      ['/workdays/0'],
    ],
    ['a make-up day on a Monday', { workdays: ['2027-02-20', '2027-02-15'] }, 422, 'CALENDAR_YEAR_INVALID', ['/workdays/1']],
    ['no holiday at all', { holidays: [], workdays: [] }, 422, 'CALENDAR_YEAR_INVALID', ['/holidays']],
    ['holidays only on a weekend', { holidays: ['2027-01-02', '2027-01-03'] }, 422, 'CALENDAR_YEAR_INVALID', ['/holidays']],
    ['another version than the active one', { version: '0.9.0' }, 409, 'STALE_REVISION', ['/version']],
    ['a year as text', { year: '2027' }, 400, 'BAD_REQUEST', ['/year']],
  ];
  it.each(bad)('refuses %s at its pointer, changing nothing', async (_, change, status, code, pointers) => {
    const r = await t.call('POST', URL, tok.admin, { ...GOOD, ...change });
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.details.map((d: any) => d.pointer)).toEqual(pointers);
    for (const d of r.body.error.details) expect(d.message['zh-CN'].length * d.message.en.length).toBeGreaterThan(0);
    expect(t.platform.ctx.registry.find(P)?.version).toBe('1.0.0');
    expect(await storedVersions()).toEqual(['1.0.0']);
    expect(await publishes()).toEqual([]);
  });

  it('refuses a calendar the plugin does not have', async () => {
    const r = await t.call('POST', `/api/calendars/${P}/no-such-days/years`, tok.admin, GOOD);
    expect([r.status, r.body.error.code, r.body.error.details[0].pointer]).toEqual([404, 'CALENDAR_NOT_FOUND', '/calendar']);
    const other = await t.call('POST', '/api/calendars/no-such-plugin/test-days/years', tok.admin, GOOD);
    expect([other.status, other.body.error.code]).toEqual([404, 'CALENDAR_NOT_FOUND']);
  });

  it('publishes the next patch version with the year added, sorted, live at once and audited', async () => {
    const r = await t.call('POST', URL, tok.admin, GOOD);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({
      plugin: P,
      calendar: 'test-days',
      version: '1.0.1',
      previousVersion: '1.0.0',
      year: 2027,
      holidays: 6,
      workdays: 1,
      replaced: false,
    });
    const active = t.platform.ctx.registry.find(P)!;
    expect(active.version).toBe('1.0.1');
    expect(active.files['calendars/test-days.json']).toEqual({
      id: 'test-days',
      title: { 'zh-CN': '测试工作日历(仅 2024 年)', en: 'Test working days (2024 only)' },
      years: [2024, 2027],
      holidays: [
        '2024-05-01',
        '2024-05-02',
        '2024-05-03',
        '2027-01-01',
        '2027-02-08',
        '2027-02-09',
        '2027-02-10',
        '2027-02-11',
        '2027-02-12',
      ],
      workdays: ['2024-04-28', '2024-05-11', '2027-02-20'],
    });
    expect(await storedVersions()).toEqual(['1.0.0', '1.0.1']);
    const [audit] = await publishes();
    expect(audit).toMatchObject({
      actor_name: 'admin',
      target_type: 'plugin',
      target_id: P,
      details: {
        calendar: 'test-days',
        year: 2027,
        holidays: 6,
        workdays: 1,
        replaced: false,
        reason: '测试通知第 1 号',
        version: '1.0.1',
        previousVersion: '1.0.0',
      },
    });
    const list = await t.call('GET', '/api/calendars', tok.admin);
    const cal = list.body.calendars.find((c: any) => c.plugin === P);
    expect(cal.version).toBe('1.0.1');
    expect(cal.years.map((y: any) => [y.year, y.holidays.length, y.workdays.length])).toEqual([
      [2024, 3, 2],
      [2027, 6, 1],
    ]);
  });

  it('a new record on the new version gets its 2027 deadline', async () => {
    // Monday 4 Jan + 3 working days (the parameter's default): 5, 6, 7 January.
    const r = await accept('AFTER');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const items = (await t.call('GET', `/api/records/${r.id}/follow-ups`, tok['tianhe-officer'])).body.items;
    expect(items.map((i: any) => [i.rule, i.deadline])).toEqual([['has-ledger', '2027-01-07']]);
  });

  it('the page that loaded the old version is told so; a listed year is replaced only when asked', async () => {
    const stale = await t.call('POST', URL, tok.admin, { ...GOOD, year: 2028, holidays: ['2028-01-03'], workdays: [] });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'STALE_REVISION']);
    expect(await storedVersions()).toEqual(['1.0.0', '1.0.1']);
    const replaced = await t.call('POST', URL, tok.admin, {
      version: '1.0.1',
      year: 2027,
      holidays: ['2027-01-01'],
      workdays: [],
      replace: true,
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toMatchObject({ version: '1.0.2', replaced: true, holidays: 1, workdays: 0 });
    const cal = t.platform.ctx.registry.find(P)!.files['calendars/test-days.json'] as { holidays: string[]; workdays: string[] };
    expect(cal.holidays).toEqual(['2024-05-01', '2024-05-02', '2024-05-03', '2027-01-01']);
    expect(cal.workdays).toEqual(['2024-04-28', '2024-05-11']);
    expect((await publishes()).length).toBe(2);
  });
});
