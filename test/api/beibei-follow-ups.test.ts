// The Beibei pilot's rectification (限期整改) through the API: a cooperative classed 限期整改 gets one follow-up item
// per failed organisation/charter/finance/site/business check when the district accepts its survey, due 20 working
// days later on the Chinese calendar (Mid-Autumn and National Day holidays, with their make-up Saturdays); the town
// marks them rectified, the district confirms, and the cooperative moves to 规范提升.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { mergePatch } from '../../platform/fixtures/merge-patch';

const PLUGIN = 'beibei-pilot';
const fixtures = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, PLUGIN, 'fixtures/survey.json'), 'utf8'));
const TIANSHENG = '500109001';

let t: TestPlatform;
const tok: Record<string, string> = {};
const step = async (id: string, who: string, transition: string) => {
  const current = await t.call('GET', `/api/records/${id}`, tok[who]);
  return t.call('POST', `/api/records/${id}/transitions`, tok[who], { revision: current.body.revision, transition });
};
const items = async (id: string, who = 'tiansheng-officer') => (await t.call('GET', `/api/records/${id}/follow-ups`, tok[who])).body;

beforeAll(async () => {
  // Thursday 8 September 2022, 10:00 in Chongqing.
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS], now: '2022-09-08T02:00:00Z' });
  for (const u of ['tiansheng-officer', 'jingguan-officer', 'beibei-reviewer']) tok[u] = await t.login(u);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe(`Beibei rectification follow-ups (${testBackend()})`, () => {
  it('opens an item per problem on acceptance, due 20 working days later across the holidays', async () => {
    // 23 points (registration and the four site marks unmet) → 限期整改; a complaint-free cooperative.
    const created = await t.call('POST', '/api/records', tok['tiansheng-officer'], {
      id: 'bb-fu',
      plugin: PLUGIN,
      form: 'survey',
      period: '2022',
      orgUnitId: TIANSHENG,
      data: mergePatch(fixtures.base, {
        identity: { name: '天生整改社', creditCode: '93500109MA5U8BB020' },
        organisation: { registrationUpToDate: false },
        site: { officeEnvironment: false, rulesOnWall: false, facilities: false, serviceFunctions: false },
      }),
    });
    expect(created.status, JSON.stringify(created.body).slice(0, 500)).toBe(201);
    expect(created.body.results.classes['improvement-class']).toBe('rectify');
    expect((await step('bb-fu', 'tiansheng-officer', 'submit')).status).toBe(200);
    expect((await step('bb-fu', 'beibei-reviewer', 'accept')).body.state).toBe('accepted');
    // 8 Sep + 20 working days: 9 Sep (1); 12 Sep is Mid-Autumn; 13–30 Sep (2–15); 1–7 Oct National Day; Saturday
    // 8 Oct and Sunday 9 Oct are make-up working days (16, 17); 10, 11, 12 Oct (18–20).
    const list = await items('bb-fu');
    expect(list.items.map((i: any) => [i.rule.toUpperCase(), i.group, i.status, i.deadline])).toEqual([
      ['BB-ORG-04', 'organisation', 'open', '2022-10-12'],
      ['BB-SITE-01', 'site', 'open', '2022-10-12'],
      ['BB-SITE-02', 'site', 'open', '2022-10-12'],
      ['BB-SITE-03', 'site', 'open', '2022-10-12'],
      ['BB-SITE-04', 'site', 'open', '2022-10-12'],
    ]);
    expect(list.items[1].message['zh-CN']).toBe('办公环境差');
    expect(list.may).toEqual({ mark: true, confirm: false });
    expect((await t.call('GET', '/api/records/bb-fu/follow-ups', tok['jingguan-officer'])).status).toBe(404);
  });

  it('the town marks, the district confirms; when all are confirmed the cooperative is 规范提升', async () => {
    const first = (await items('bb-fu')).items[0];
    const byDistrict = await t.call('POST', `/api/records/bb-fu/follow-ups/${first.id}/rectify`, tok['beibei-reviewer'], {
      revision: first.revision,
      rectifiedOn: '2022-09-08',
    });
    expect(byDistrict.status).toBe(403); // marking is the town's
    for (const item of (await items('bb-fu')).items) {
      const r = await t.call('POST', `/api/records/bb-fu/follow-ups/${item.id}/rectify`, tok['tiansheng-officer'], {
        revision: item.revision,
        rectifiedOn: '2022-09-08',
        note: '已整改',
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const mine = await t.call('POST', `/api/records/bb-fu/follow-ups/${item.id}/confirm`, tok['tiansheng-officer'], {
        revision: r.body.item.revision,
      });
      expect(mine.status).toBe(403); // confirming is the district's
      const c = await t.call('POST', `/api/records/bb-fu/follow-ups/${item.id}/confirm`, tok['beibei-reviewer'], {
        revision: r.body.item.revision,
      });
      expect(c.status).toBe(200);
    }
    const record = await t.call('GET', '/api/records/bb-fu', tok['beibei-reviewer']);
    expect(record.body.results.classes['improvement-class']).toBe('improve');
    expect(record.body.results.score.total).toBe(23); // the facts recorded on site stay as surveyed
    const report = await t.call('GET', `/api/plugins/${PLUGIN}/reports/rectification-progress?period=2022`, tok['beibei-reviewer']);
    expect(report.status, JSON.stringify(report.body).slice(0, 300)).toBe(200);
    expect(report.body.rows.map((r: any) => [r.cooperatives, r.open, r.rectified, r.confirmed, r.overdue])).toEqual([
      [1, 0, 0, 5, 0],
      [1, 0, 0, 5, 0],
    ]);
  });
});
