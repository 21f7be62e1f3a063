// POST /api/live-facts: what the browser's live rules read of other records before a save — the referenced record
// and the form's earlier records — on the neutral earlier-demo plugin (a weekly tally naming its site by x-ref, its
// `earlier` the same site's earlier weeks at the same unit). Read-only, and within what the user may see.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { REPO_ROOT } from '../../platform/boot/config';

let t: TestPlatform;
let officer: string;
let otherDistrict: string;

const create = async (id: string, form: string, period: string, data: Record<string, unknown>) => {
  const r = await t.call('POST', '/api/records', officer, { id, plugin: 'earlier-demo', form, period, orgUnitId: '440106', data });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
};
const facts = (who: string, body: Record<string, unknown>) =>
  t.call('POST', '/api/live-facts', who, { plugin: 'earlier-demo', form: 'tally', orgUnitId: '440106', period: '2024-W04', ...body });

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [path.join(REPO_ROOT, 'test/records/plugins')] });
  officer = await t.login('tianhe-officer');
  otherDistrict = await t.login('baiyun-officer');
  await create('site-1', 'site', '', { code: 'S1', name: '站点S1' });
  await create('site-2', 'site', '', { code: 'S2', name: '站点S2' });
  await create('w01', 'tally', '2024-W01', { site: 'site-1', amount: 2 });
  await create('w02', 'tally', '2024-W02', { site: 'site-1', amount: 3 });
  await create('s2-w02', 'tally', '2024-W02', { site: 'site-2', amount: 100 });
});
afterAll(async () => {
  await t?.close();
});

describe(`live facts for a record being typed (${testBackend()})`, () => {
  it('a new W04 tally of site 1 reads its site and the weeks before it: W01 2 and W02 3, not site 2’s 100', async () => {
    const r = await facts(officer, { data: { site: 'site-1', amount: 4 } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.refs['/site']).toMatchObject({ id: 'site-1', data: { code: 'S1', name: '站点S1' } });
    expect(r.body.earlier.map((e: { id: string; period: string; data: { amount: number } }) => [e.id, e.period, e.data.amount])).toEqual([
      ['w01', '2024-W01', 2],
      ['w02', '2024-W02', 3],
    ]);
    // W02 itself reads only W01: strictly earlier periods.
    const w02 = await facts(officer, { period: '2024-W02', data: { site: 'site-1', amount: 3 } });
    expect(w02.body.earlier.map((e: { id: string }) => e.id)).toEqual(['w01']);
  });

  it('a reference the user cannot see, or that names nothing, is left out (the save refuses it at its pointer)', async () => {
    const none = await facts(officer, { data: { site: 'no-such-site', amount: 1 } });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ refs: {}, earlier: [], defaults: {} });
  });

  it('a unit outside the user’s scope answers as one that does not exist; an unknown form is 404; a bad body 400', async () => {
    const outside = await facts(otherDistrict, { data: { site: 'site-1', amount: 1 } });
    expect(outside.status).toBe(404);
    expect(outside.body.error.details[0].pointer).toBe('/orgUnitId');
    const form = await facts(officer, { form: 'nope', data: {} });
    expect(form.status).toBe(404);
    const bad = await t.call('POST', '/api/live-facts', officer, { plugin: 'earlier-demo', form: 'tally', orgUnitId: '440106' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
  });

  it('changes nothing: the same records, revisions and audit events after the calls', async () => {
    const count = async () =>
      Number(
        (
          await t.platform.ctx.db
            .selectFrom('audit_events')
            .select(({ fn }) => fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await facts(officer, { data: { site: 'site-1', amount: 9 } });
    expect(await count()).toBe(before);
    expect((await t.call('GET', '/api/records/w02', officer)).body.revision).toBe(1);
  });
});
