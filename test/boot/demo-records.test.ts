// Demo records on a new demo server: made from the neutral test plugin's fixture cases by the demo users through
// the write path (so every record has its create and step events), one in each state the workflow reaches, and
// never again once the database holds records.
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { configFromEnv, REPO_ROOT } from '../../platform/boot/config';
import { seedDemoRecords } from '../../platform/demo/seed-demo-records';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';

const DEMO_PLUGINS = path.join(REPO_ROOT, 'test/boot/plugins');
let t: TestPlatform;

beforeAll(async () => {
  // The test clock says 2024-05-06, so the current period of the yearly form is 2024.
  t = await startTestPlatform({ pluginsDirs: [DEMO_PLUGINS] });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const records = () =>
  t.platform.ctx.db
    .selectFrom('records')
    .select(['id', 'state', 'period', 'subject'])
    .orderBy('period', 'desc')
    .orderBy('subject')
    .execute();

it('is on with the bundled demo seed only, and off with HEZUO_DEMO_RECORDS=none or another seed', () => {
  expect(configFromEnv({}).demoRecords).toBe(true);
  expect(configFromEnv({ HEZUO_DEMO_RECORDS: 'none' }).demoRecords).toBe(false);
  expect(configFromEnv({ HEZUO_SEED: 'none' }).demoRecords).toBe(false);
  expect(configFromEnv({ HEZUO_SEED: path.join(REPO_ROOT, 'test/some-other-seed.json') }).demoRecords).toBe(false);
});

it('seeds a record in every state of the workflow on an empty database, through the write path, and only once', async () => {
  expect(await records()).toEqual([]);
  const first = await seedDemoRecords(t.platform.ctx);
  // Walk by walk (cases tried in order: the two blocking-free ones first, then the blocked one; the invalid one
  // is never used): draft ← "three visitors" A-001 2024; submitted ← B-002 2024; approved: "no visitors" A-001
  // 2023 stops at draft (its check blocks the submit), then "three visitors" A-001 2022; rejected ← B-002 2023;
  // closed: "no visitors" A-001 2021 stops at draft, then "three visitors" A-001 2020.
  expect(first).toEqual({
    created: 7,
    forms: { 'demo-records/visit': { draft: 3, submitted: 1, approved: 1, rejected: 1, closed: 1 } },
  });
  const rows = await records();
  expect(rows.map((r) => `${r.period} ${r.subject} ${r.state}`)).toEqual([
    '2024 A-001 draft',
    '2024 B-002 submitted',
    '2023 A-001 draft',
    '2023 B-002 rejected',
    '2022 A-001 approved',
    '2021 A-001 draft',
    '2020 A-001 closed',
  ]);
  // Real history: each record's create event, then one event per step it took (submit, approve, close, reject).
  const events = await t.platform.ctx.db.selectFrom('audit_events').select(['record_id', 'action', 'transition']).orderBy('id').execute();
  const closed = rows.find((r) => r.state === 'closed')!;
  expect(events.filter((e) => e.record_id === closed.id).map((e) => e.transition ?? e.action)).toEqual([
    'create',
    'submit',
    'approve',
    'close',
  ]);
  expect(events.length).toBe(7 + 1 + 2 + 3 + 2);

  // A second start finds records and leaves the database alone.
  expect(await seedDemoRecords(t.platform.ctx)).toBeNull();
  expect((await records()).length).toBe(7);
});
