// Heshui's stage progress read from the ledgers' workflow history: two ledgers stepped through their states on
// stated days of the 2023 campaign (stage 1 ends 2023-03-20, stage 3 on 2023-05-10), then the report run today and
// as of past dates. Working days late are counted on cn-workdays: after 03-20 the working days to 04-06 are 12
// (Qingming, 04-05, is a holiday), to 04-07 13; after 05-10, 05-11 and 05-12 are two.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';

const PLUGIN = 'heshui-remediation';
const base = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, 'fixtures/ledger.json'), 'utf8')).base;
const XIHUACHI = '621024100';
const TAIBAI = '621024102';
const CAMPAIGN = '2023-remediation';
const USERS = ['xihuachi-officer', 'taibai-officer', 'heshui-reviewer'];

let t: TestPlatform;
const tokens: Record<string, string> = {};
/** Moves the clock to a day (10:00 in Heshui); sessions end when idle, so everyone logs in again. */
async function on(day: string) {
  t.clock.set(`${day}T02:00:00Z`);
  for (const u of USERS) tokens[u] = await t.login(u);
}
async function step(id: string, who: string, transition: string) {
  const current = await t.call('GET', `/api/records/${id}`, tokens[who]);
  const r = await t.call('POST', `/api/records/${id}/transitions`, tokens[who], { revision: current.body.revision, transition });
  expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(200);
}
const COLUMNS = ['township', 'stage1-overdue', 'stage1-late-days', 'stage3-overdue', 'stage3-late-days', 'approved'];
async function progress(asOf?: string) {
  const r = await t.call(
    'GET',
    `/api/plugins/${PLUGIN}/reports/stage-progress?period=${CAMPAIGN}${asOf ? `&asOf=${asOf}` : ''}`,
    tokens['heshui-reviewer'],
  );
  expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(200);
  // Every township is listed; those that filed no ledger (0 entities) are left out here.
  expect(r.body.rows).toHaveLength(13);
  const filed = (r.body.rows as Record<string, unknown>[]).filter((row) => row.entities !== 0);
  return filed.map((row) => COLUMNS.map((k) => row[k]));
}

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS], now: '2023-03-15T02:00:00Z' });
  await on('2023-03-15');
  const taibai = { ...base, entity: { ...base.entity, name: '太白示例养殖合作社', creditCode: '93621024MA7H00002K' } };
  for (const [who, id, unit, data] of [
    ['xihuachi-officer', 'sp-1', XIHUACHI, base],
    ['taibai-officer', 'sp-2', TAIBAI, taibai],
  ] as const) {
    const r = await t.call('POST', '/api/records', tokens[who], {
      id,
      plugin: PLUGIN,
      form: 'ledger',
      period: CAMPAIGN,
      orgUnitId: unit,
      data,
    });
    expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(201);
  }
  await on('2023-03-17'); // 西华池 submits in time
  await step('sp-1', 'xihuachi-officer', 'submit');
  await on('2023-04-07'); // 太白 submits 13 working days late
  await step('sp-2', 'taibai-officer', 'submit');
  await on('2023-05-12'); // 西华池's plan is approved two working days after stage 3; 太白's is not yet
  await step('sp-1', 'heshui-reviewer', 'approve');
});
afterAll(async () => {
  await t?.close();
});

describe(`Heshui stage progress from the workflow history (${testBackend()})`, () => {
  it('today: who missed each deadline, and by how many working days at most', async () => {
    // [township, stage 1 overdue, most working days late, stage 3 overdue, most working days late, approved]
    expect(await progress()).toEqual([
      ['西华池镇', 0, null, 1, 2, 1],
      ['太白镇', 1, 13, 1, 2, 0],
      ['合水县合计', 1, 13, 2, 2, 1],
    ]);
  });

  it('as of a past date: the position then, though both ledgers have moved on since', async () => {
    // On 04-06 太白 had not submitted (it did on 04-07): late by 12 working days then; nothing approved yet.
    expect(await progress('2023-04-06')).toEqual([
      ['西华池镇', 0, null, 0, null, 0],
      ['太白镇', 1, 12, 0, null, 0],
      ['合水县合计', 1, 12, 0, null, 0],
    ]);
    // On 05-11, a day after stage 3: neither plan was approved yet, each one working day late.
    expect(await progress('2023-05-11')).toEqual([
      ['西华池镇', 0, null, 1, 1, 0],
      ['太白镇', 1, 13, 1, 1, 0],
      ['合水县合计', 1, 13, 2, 1, 0],
    ]);
    // On the stage 1 deadline itself nothing was overdue.
    expect((await progress('2023-03-20')).at(-1)).toEqual(['合水县合计', 0, null, 0, null, 0]);
  });
});
