// A form's `earlier`: the rules of a weekly record read the same site's earlier weeks, on the neutral earlier-demo
// plugin (test/records/plugins/earlier-demo: `before` sums the earlier weeks' amounts, `total` adds this week's,
// at most the last 3 earlier weeks are read). Through the API create and edit, "why" on the server, and a recompute
// of a batch, which picks up an earlier week written after a later one. The same rules read the week's first and
// last day (`record.periodStart`/`periodEnd`) on writes, recompute, "why" and a workflow step's `set`.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { principalNamed } from '../imports/helpers';
import { REPO_ROOT } from '../../platform/boot/config';
import { getRecord } from '../../platform/store/records-store';
import { recomputeRecords } from '../../platform/records/recompute';

let t: TestPlatform;
let officer: string;

const create = (id: string, form: string, period: string, data: Record<string, unknown>) =>
  t.call('POST', '/api/records', officer, { id, plugin: 'earlier-demo', form, period, orgUnitId: '440106', data });
const tally = async (id: string, site: string, period: string, amount: number) => {
  const r = await create(id, 'tally', period, { site, amount });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
};
const stored = async (id: string) => (await t.call('GET', `/api/records/${id}`, officer)).body;

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [path.join(REPO_ROOT, 'test/records/plugins')] });
  officer = await t.login('tianhe-officer');
  for (const [id, code] of [
    ['site-1', 'S1'],
    ['site-2', 'S2'],
  ]) {
    const r = await create(id, 'site', '', { code, name: `站点${code}` });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
});
afterAll(async () => {
  await t?.close();
});

describe(`rules read earlier periods' records (${testBackend()})`, () => {
  it('sums the same site’s earlier weeks only: W01 2 + W02 3 before W04, not site-2’s 100 nor W04 itself', async () => {
    expect((await tally('t1-w01', 'site-1', '2024-W01', 2)).data).toMatchObject({ before: 0, total: 2 });
    expect((await tally('t1-w02', 'site-1', '2024-W02', 3)).data).toMatchObject({ before: 2, total: 5 });
    await tally('t2-w02', 'site-2', '2024-W02', 100);
    const w04 = await tally('t1-w04', 'site-1', '2024-W04', 4);
    expect(w04.data).toMatchObject({ before: 5, total: 9 });
    expect(w04.results.computed).toMatchObject({ 'weeks-before': 2, 'first-week': '2024-W01' });
    // 2024-W04 runs Monday 22 to Sunday 28 January (2024-W01 begins on Monday 1 January).
    expect(w04.results.computed).toMatchObject({ 'week-start': '2024-01-22', 'week-end': '2024-01-28' });
  });

  it('an edit reads them too: W02 edited to 30 gives 32 before and 36 total', async () => {
    const w02 = await stored('t1-w02');
    const r = await t.call('PUT', '/api/records/t1-w02', officer, { revision: w02.revision, data: { site: 'site-1', amount: 30 } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toMatchObject({ before: 2, total: 32 });
    // W04 was decided on W02's old amount and stays so until it is saved again or recomputed.
    expect((await stored('t1-w04')).data).toMatchObject({ before: 5, total: 9 });
  });

  it('"why" on the server traces the earlier weeks as stored: before W04 is 2 + 30 = 32', async () => {
    const r = await t.call('GET', '/api/records/t1-w04/explain?rule=before', officer);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.logic.trace.value).toBe(32);
  });

  it('a recompute of the batch reads every row’s earlier weeks: W03 added later, W04 becomes 2 + 30 + 1 + 4 = 37', async () => {
    expect((await tally('t1-w03', 'site-1', '2024-W03', 1)).data).toMatchObject({ before: 32, total: 33 });
    const ctx = t.platform.ctx;
    const admin = (await principalNamed(ctx, 'admin')).user.id;
    const ids = ['t1-w01', 't1-w02', 't1-w03', 't1-w04', 't2-w02'];
    const outcomes = await ctx.db.transaction().execute(async (tx) => {
      const rows = await Promise.all(ids.map(async (id) => (await getRecord(tx, id, true))!));
      return recomputeRecords(ctx, tx, rows, {}, { actorId: admin, comment: 'test' });
    });
    expect(outcomes.get('t1-w04')?.kind).toBe('changed');
    expect((await stored('t1-w04')).data).toMatchObject({ before: 33, total: 37 });
    expect((await stored('t2-w02')).data).toMatchObject({ before: 0, total: 100 });
    expect((await stored('t1-w03')).results.computed).toMatchObject({ 'week-start': '2024-01-15', 'week-end': '2024-01-21' });
  });

  it('reads at most the declared 3 earlier weeks, the latest ones: W05 sees W02–W04 (30 + 1 + 4)', async () => {
    const w05 = await tally('t1-w05', 'site-1', '2024-W05', 0);
    expect(w05.data).toMatchObject({ before: 35, total: 35 });
    expect(w05.results.computed).toMatchObject({ 'weeks-before': 3, 'first-week': '2024-W02' });
  });

  it('a workflow step reads the period bounds too: finishing W05 sets lastDay to Sunday 2024-02-04', async () => {
    const w05 = await stored('t1-w05');
    const r = await t.call('POST', '/api/records/t1-w05/transitions', officer, { transition: 'finish', revision: w05.revision });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await stored('t1-w05')).workflow).toMatchObject({ lastDay: '2024-02-04' });
  });

  it('"why" on the server traces the bounds: W04 starts on 2024-01-22', async () => {
    const r = await t.call('GET', '/api/records/t1-w04/explain?rule=week-start', officer);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.logic.trace.value).toBe('2024-01-22');
  });
});
