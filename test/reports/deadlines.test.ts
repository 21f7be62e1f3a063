// Deadlines in reports on PostgreSQL: `entered.<state>` read from each record's history (audit events at stated
// moments), "not in state X by date D" as of a past date, and working days late counted by `workdays_between` on a
// calendar with a holiday (2024-05-01 Wed … 05-03 Fri) and a make-up working day (Saturday 2024-05-11). Due date
// 2024-04-26 (Friday). Working days after it: 04-29, 04-30, then 05-06 … 05-10, 05-11 (make-up), 05-13.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { REPO_ROOT } from '../../platform/boot/config';
import { runReportPlan } from '../../platform/store/reports-store';
import { getOrgUnit } from '../../platform/store/orgs-store';
import { buildReport } from '../../platform/reports/build-report';
import type { ReportFile } from '../../platform/reports/types';
import { seedRecord } from './seed';

const PLUGIN = 'deadline-demo';
const T1 = '500109001';
const T2 = '500109002';
const DUE = '2024-04-26';
let t: TestPlatform;

/** Each record's history: the state it was created in, then the steps, at UTC instants (Shanghai is UTC+8). */
const filings: { id: string; unit: string; state: string; history: [string, string][] }[] = [
  // On time: submitted the day before the due date, approved after the holiday.
  {
    id: 'f1',
    unit: T1,
    state: 'approved',
    history: [
      ['draft', '2024-04-01T02:00:00Z'],
      ['submitted', '2024-04-25T02:00:00Z'],
      ['approved', '2024-05-06T02:00:00Z'],
    ],
  },
  // Submitted at 01:30 on 05-01 in Shanghai (still 04-30 in UTC), returned, submitted again: first entry counts.
  {
    id: 'f2',
    unit: T1,
    state: 'submitted',
    history: [
      ['draft', '2024-04-01T02:00:00Z'],
      ['submitted', '2024-04-30T17:30:00Z'],
      ['draft', '2024-05-06T02:00:00Z'],
      ['submitted', '2024-05-13T02:00:00Z'],
    ],
  },
  // Never submitted.
  { id: 'f3', unit: T1, state: 'draft', history: [['draft', '2024-04-01T02:00:00Z']] },
  // Submitted on Sunday 05-12: its current state says "submitted", but on 05-10 it was not.
  {
    id: 'f4',
    unit: T1,
    state: 'submitted',
    history: [
      ['draft', '2024-04-01T02:00:00Z'],
      ['submitted', '2024-05-12T02:00:00Z'],
    ],
  },
  {
    id: 'f5',
    unit: T2,
    state: 'approved',
    history: [
      ['draft', '2024-04-01T02:00:00Z'],
      ['submitted', '2024-04-20T02:00:00Z'],
      ['approved', '2024-04-22T02:00:00Z'],
    ],
  },
];

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS, path.join(REPO_ROOT, 'test/reports/plugins')] });
  const db = t.platform.ctx.db;
  for (const f of filings) {
    await seedRecord(db, { plugin: PLUGIN, form: 'filing', period: '', unit: f.unit, state: f.state, id: f.id, data: { name: f.id } });
    let from: string | null = null;
    for (const [i, [state, at]] of f.history.entries()) {
      await db
        .insertInto('audit_events')
        .values({
          record_id: f.id,
          at: new Date(at),
          actor_id: null,
          action: i === 0 ? 'create' : 'transition',
          from_state: from,
          to_state: state,
          revision: i + 1,
          plugin_version: '1.0.0',
          changes: '[]',
        })
        .execute();
      from = state;
    }
  }
});
afterAll(async () => {
  await t?.close();
});

async function run(report: string, params: Record<string, string>, timeZone = 'Asia/Shanghai') {
  const plugin = t.platform.ctx.registry.get(PLUGIN);
  const def = plugin.reports.get(report)!;
  const ids = def.report.columns.map((c) => c.id);
  const scope = (await getOrgUnit(t.platform.ctx.db, '500109'))!.path;
  const cal = plugin.calendars.get('test-days')!;
  const runOf = {
    period: null,
    scopePaths: [scope],
    underPath: null,
    params,
    today: '2024-06-01',
    timeZone,
    calendars: { 'test-days': cal },
  };
  const { rows } = await runReportPlan(t.platform.ctx.db, def.plan, runOf, 1000);
  return rows.map((r) =>
    ids.map((id, i) => (id === 'late-days' || id === 'days' ? (r[`c${i}`] === null ? null : Number(r[`c${i}`])) : r[`c${i}`])),
  );
}

describe(`deadlines in reports (${testBackend()})`, () => {
  it('reads when each record first entered a state, in the platform time zone, and working days late', async () => {
    // [id, entered.submitted, entered.approved, not submitted by the due date, working days late, state_on asOf]
    expect(await run('filings', { asOf: '2024-05-13', due: DUE })).toEqual([
      ['f1', '2024-04-25', '2024-05-06', false, -1, 'approved'], // a day early: (04-25, 04-26] holds one working day
      ['f2', '2024-05-01', null, true, 2, 'submitted'], // 04-29, 04-30; 05-01 is a holiday; submitted again on 05-13
      ['f3', null, null, true, 9, 'draft'], // 04-29, 04-30, 05-06 … 05-10, the make-up Saturday 05-11, 05-13
      ['f4', '2024-05-12', null, true, 8, 'submitted'], // up to Sunday 05-12: the make-up Saturday counts, Sunday does not
      ['f5', '2024-04-20', '2024-04-22', false, -5, 'approved'],
    ]);
    // The same instants read in UTC: f2's first submission was still 04-30 there.
    const utc = await run('filings', { asOf: '2024-05-13', due: DUE }, 'UTC');
    expect(utc[1].slice(0, 2)).toEqual(['f2', '2024-04-30']);
  });

  it('judges a past "as of" date by the history, not by the current state', async () => {
    // On 05-10 f4 had not been submitted (it was on 05-12): late by the working days up to 05-10.
    expect(await run('filings', { asOf: '2024-05-10', due: DUE })).toEqual([
      ['f1', '2024-04-25', '2024-05-06', false, -1, 'approved'],
      ['f2', '2024-05-01', null, true, 2, 'draft'], // returned on 05-06, not yet submitted again
      ['f3', null, null, true, 7, 'draft'],
      ['f4', '2024-05-12', null, true, 7, 'draft'],
      ['f5', '2024-04-20', '2024-04-22', false, -5, 'approved'],
    ]);
    // [town, late, working days late in total]
    expect(await run('late-by-town', { asOf: '2024-05-10', due: DUE })).toEqual([
      [T1, 3, 16], // f2 2 + f3 7 + f4 7
      [T2, 0, null],
    ]);
    expect(await run('late-by-town', { asOf: '2024-05-13', due: DUE })).toEqual([
      [T1, 3, 19], // f2 2 + f3 9 + f4 8
      [T2, 0, null],
    ]);
    // On the due date nothing is late yet.
    expect(await run('late-by-town', { asOf: DUE, due: DUE })).toEqual([
      [T1, 0, null],
      [T2, 0, null],
    ]);
  });

  it('gives no working-day count outside the calendar’s years', async () => {
    const rows = await run('filings', { asOf: '2025-01-02', due: '2024-12-30' });
    expect(rows.find((r) => r[0] === 'f3')).toEqual(['f3', null, null, true, null, 'draft']);
    // Before its first event a record had no state.
    expect((await run('filings', { asOf: '2024-03-31', due: DUE })).map((r) => r[5])).toEqual([null, null, null, null, null]);
  });

  it('runs over HTTP with the plugin’s calendar', async () => {
    const res = await t.call(
      'GET',
      `/api/plugins/${PLUGIN}/reports/late-by-town?asOf=2024-05-13&due=${DUE}`,
      await t.login('beibei-admin'),
    );
    expect(res.status).toBe(200);
    const rows = (res.body as { rows: Record<string, unknown>[] }).rows;
    expect(rows.map((r) => [r.town, r.late, Number(r.days)])).toContainEqual([expect.anything(), 3, 19]);
  });

  it('refuses an unknown state or calendar at load, with the pointer', () => {
    const plugin = t.platform.ctx.registry.get(PLUGIN);
    const file: ReportFile = {
      id: 'bad',
      title: { 'zh-CN': '坏', en: 'Bad' },
      source: { form: 'filing' },
      parameters: [{ name: 'due', title: { 'zh-CN': '截止', en: 'Due' }, type: 'date' }],
      columns: [
        { id: 'a', label: { 'zh-CN': 'a', en: 'a' }, value: { var: 'entered.submited' } },
        {
          id: 'b',
          label: { 'zh-CN': 'b', en: 'b' },
          value: { workdays_between: [{ var: 'params.due' }, { var: 'today' }, 'no-such-days'] },
        },
      ],
    };
    const ctx = {
      pluginId: PLUGIN,
      forms: plugin.forms,
      codeListIds: new Set<string>(),
      pluginParameters: {},
      hasCalendar: (id: string) => plugin.calendars.has(id),
    };
    const r = buildReport('bad.json', file, ctx);
    expect(r.errors.map((e) => [e.code, e.pointer])).toEqual([
      ['REPORT_INVALID', '/columns/0/value/var'],
      ['REPORT_INVALID', '/columns/1/value/workdays_between/2'],
    ]);
    expect(r.errors[0].message.en).toContain('Did you mean entered.submitted?');
    expect(r.errors[1].message.en).toContain('Unknown calendar: no-such-days');
  });
});
