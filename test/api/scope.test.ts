// Scope by organisation, probed with sibling units whose ids a LIKE would confuse: "q_1" ("_" is LIKE's any-one
// character, so an unescaped "q_1%" matches "qx1") and "q_10" (a prefix of the text, not of the path). The officers
// and reviewers of each unit must see only their own records in every list, queue, ranking, report, mark list,
// org-unit list, record read, history and download — and answers about records beside them must be the ones an
// unknown id or an unregistered subject gets. ("%" cannot occur: unit ids are letters, digits, "-" and "_".)
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { pdf, upload } from '../helpers/uploads';
import { usccCheckChar } from '../../platform/forms/formats';

const UNITS = ['q_1', 'qx1', 'q_10'] as const;
type Unit = (typeof UNITS)[number];
const PASSWORD = 'scope-Test-pass-7319';
const uscc = (first17: string) => first17 + usccCheckChar(first17);
/** One subject per unit and purpose, each with a right check character. */
const code = (u: Unit, n: number) => uscc(`9344010${UNITS.indexOf(u)}MA5BCXP${n}0`);

// The neutral registry-demo plugin, copied with a ranking on its cooperative form and a plain list report, so
// that rankings and reports can be probed too. Ranked by results.blocking (0 for a complete draft), ties by id.
const pluginsDir = mkdtempSync(path.join(os.tmpdir(), 'hezuo-scope-'));
function writePlugin() {
  const dir = path.join(pluginsDir, 'registry-demo');
  cpSync(path.join(TEST_PLUGINS, 'registry-demo'), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'plugin.json'), 'utf8'));
  manifest.forms.find((f: any) => f.id === 'cooperative').ranking = {
    by: '/blocking',
    order: 'asc',
    states: ['draft'],
    quotaParameter: 'minMembers',
  };
  manifest.reports = ['reports/coops.json'];
  mkdirSync(path.join(dir, 'reports'));
  const label = (s: string) => ({ 'zh-CN': s, en: s });
  writeFileSync(
    path.join(dir, 'reports/coops.json'),
    JSON.stringify({
      id: 'coops',
      title: label('合作社'),
      source: { form: 'cooperative' },
      period: 'optional',
      columns: [
        { id: 'code', label: label('代码'), value: { var: 'subject' } },
        { id: 'unit', label: label('单位'), value: { var: 'orgUnit' } },
      ],
      sort: [{ column: 'code', order: 'asc' }],
    }),
  );
  writeFileSync(path.join(dir, 'plugin.json'), JSON.stringify(manifest));
}

let t: TestPlatform;
const tok: Record<string, string> = {};
const attachment: Record<string, string> = {};

const coop = (u: Unit, n: number, members = 25) => ({ name: `合作社${u}-${n}`, creditCode: code(u, n), members });
const create = (who: string, id: string, unit: string, data: object) =>
  t.call('POST', '/api/records', tok[who], { id, plugin: 'registry-demo', form: 'cooperative', period: '2024', orgUnitId: unit, data });
const step = async (who: string, id: string, transition: string) => {
  const rev = (await t.call('GET', `/api/records/${id}`, tok[who])).body.revision;
  const r = await t.call('POST', `/api/records/${id}/transitions`, tok[who], { revision: rev, transition, comment: '测试' });
  if (r.status !== 200) throw new Error(`${transition} ${id}: ${JSON.stringify(r.body)}`);
};

beforeAll(async () => {
  writePlugin();
  t = await startTestPlatform({ pluginsDirs: [pluginsDir] });
  const admin = await t.login('admin');
  tok['city-reviewer'] = await t.login('city-reviewer');
  for (const u of UNITS) {
    const unit = await t.call('POST', '/api/org-units', admin, {
      id: u,
      parentId: '440100',
      code: u,
      name: { 'zh-CN': `单位${u}`, en: `Unit ${u}` },
      level: 'county',
    });
    expect(unit.status).toBe(200);
    for (const role of ['officer', 'reviewer']) {
      const r = await t.call('POST', '/api/users', admin, {
        username: `${u}-${role}`,
        displayName: `${u} ${role}`,
        password: PASSWORD,
        roles: [{ role, orgUnitId: u }],
      });
      expect(r.status).toBe(201);
      const login = await t.call('POST', '/api/auth/login', undefined, { username: `${u}-${role}`, password: PASSWORD });
      tok[`${u}-${role}`] = login.body.token;
    }
  }
  for (const u of UNITS) {
    const officer = `${u}-officer`;
    const up = await upload(
      t,
      tok[officer],
      { plugin: 'registry-demo', form: 'cooperative', field: '/documents', orgUnitId: u },
      { name: 'a.pdf', type: 'application/pdf', content: pdf() },
    );
    expect(up.status).toBe(201);
    attachment[u] = up.body.id;
    expect((await create(officer, `rec-${u}`, u, { ...coop(u, 1), documents: [up.body.id] })).status).toBe(201);
    // A second record per unit that is barred by the city, so that each unit has a mark of its own.
    expect((await create(officer, `barred-${u}`, u, coop(u, 2))).status).toBe(201);
    await step(officer, `barred-${u}`, 'submit');
    await step(`${u}-reviewer`, `barred-${u}`, 'approve');
    await step('city-reviewer', `barred-${u}`, 'bar');
  }
}, 180_000);
afterAll(async () => {
  await t?.close();
  rmSync(pluginsDir, { recursive: true, force: true });
});

const others = (u: Unit) => UNITS.filter((x) => x !== u);

describe(`scope with units q_1, qx1 and q_10 (${testBackend()})`, () => {
  it.each(UNITS)('the officer of %s lists, queues and searches only its own records', async (u) => {
    const all = await t.call('GET', '/api/records?plugin=registry-demo', tok[`${u}-officer`]);
    expect(all.body.items.map((r: any) => r.id).sort()).toEqual([`barred-${u}`, `rec-${u}`]);
    expect(all.body.total).toBe(2);
    const queue = await t.call(
      'GET',
      '/api/records?plugin=registry-demo&form=cooperative&period=2024&state=draft,barred&sort=score',
      tok[`${u}-reviewer`],
    );
    expect(queue.body.items.map((r: any) => r.id).sort()).toEqual([`barred-${u}`, `rec-${u}`]);
    const search = await t.call('GET', '/api/records?q=MA5BCXP', tok[`${u}-officer`]);
    expect(search.body.total).toBe(2);
    const underOwn = await t.call('GET', `/api/records?orgUnitId=${u}`, tok[`${u}-officer`]);
    expect(underOwn.body.total).toBe(2);
  });

  it('the city above them sees all three units', async () => {
    const all = await t.call('GET', '/api/records?plugin=registry-demo&limit=200', tok['city-reviewer']);
    expect(all.body.total).toBe(6);
    // orgUnitId=q_1 is "q_1 and below", not a pattern: qx1 and q_10 stay out.
    const under = await t.call('GET', '/api/records?orgUnitId=q_1', tok['city-reviewer']);
    expect(under.body.items.map((r: any) => r.id).sort()).toEqual(['barred-q_1', 'rec-q_1']);
    const units = await t.call('GET', '/api/org-units', tok['city-reviewer']);
    expect(units.body.units.map((x: any) => x.id)).toEqual(expect.arrayContaining([...UNITS]));
  });

  it.each(UNITS)('the org-unit list of %s holds only itself', async (u) => {
    const r = await t.call('GET', '/api/org-units', tok[`${u}-officer`]);
    expect(r.body.units.map((x: any) => x.id)).toEqual([u]);
  });

  it.each(UNITS)('the ranking of %s ranks and counts only its own records, and so does its quota cut', async (u) => {
    const r = await t.call('GET', '/api/plugins/registry-demo/forms/cooperative/ranking?period=2024', tok[`${u}-reviewer`]);
    expect(r.status).toBe(200);
    expect(r.body.count).toBe(1);
    expect(r.body.rows).toEqual([expect.objectContaining({ id: `rec-${u}`, rank: 1, withinQuota: true })]);
    const city = await t.call('GET', '/api/plugins/registry-demo/forms/cooperative/ranking?period=2024', tok['city-reviewer']);
    expect(city.body.count).toBe(3);
    expect(city.body.rows.map((x: any) => x.rank)).toEqual([1, 2, 3]);
  });

  it.each(UNITS)('the report run by %s holds only its own subjects', async (u) => {
    const r = await t.call('GET', '/api/plugins/registry-demo/reports/coops', tok[`${u}-reviewer`]);
    expect(r.status).toBe(200);
    expect(r.body.rows.map((x: any) => x.code).sort()).toEqual([code(u, 1), code(u, 2)].sort());
    const sibling = await t.call('GET', `/api/plugins/registry-demo/reports/coops?orgUnitId=${others(u)[0]}`, tok[`${u}-reviewer`]);
    expect(sibling.body.error.code).toBe('ORG_UNIT_INVALID');
  });

  it.each(UNITS)('the reviewer of %s sees only the marks set on its own records', async (u) => {
    const r = await t.call('GET', '/api/plugins/registry-demo/marks', tok[`${u}-reviewer`]);
    expect(r.status).toBe(200);
    expect(r.body.marks.map((m: any) => [m.subject, m.recordId])).toEqual([[code(u, 2), `barred-${u}`]]);
    const city = await t.call('GET', '/api/plugins/registry-demo/marks?kind=bar', tok['city-reviewer']);
    expect(city.body.marks).toHaveLength(3);
  });

  it('marks are listed only where the user reviews: an officer of q_1 who reviews qx1 sees the mark of qx1 alone', async () => {
    const admin = await t.login('admin');
    const r = await t.call('POST', '/api/users', admin, {
      username: 'mixed-user',
      displayName: 'mixed',
      password: PASSWORD,
      roles: [
        { role: 'officer', orgUnitId: 'q_1' },
        { role: 'reviewer', orgUnitId: 'qx1' },
      ],
    });
    expect(r.status).toBe(201);
    const mixed = (await t.call('POST', '/api/auth/login', undefined, { username: 'mixed-user', password: PASSWORD })).body.token;
    const marks = await t.call('GET', '/api/plugins/registry-demo/marks', mixed);
    expect(marks.status).toBe(200);
    expect(marks.body.marks.map((m: any) => m.recordId)).toEqual(['barred-qx1']);
    expect((await t.call('GET', '/api/plugins/registry-demo/marks', tok['q_1-officer'])).status).toBe(403);
  });

  it.each(UNITS)('a record, its history and its attachment beside %s answer exactly as unknown ones do', async (u) => {
    const me = tok[`${u}-officer`];
    const unknownRecord = await t.call('GET', '/api/records/no-such-record', me);
    const unknownHistory = await t.call('GET', '/api/records/no-such-record/history', me);
    const unknownFile = await t.app.inject({
      method: 'GET',
      url: '/api/attachments/00000000-0000-4000-8000-000000000000',
      headers: { authorization: `Bearer ${me}` },
    });
    expect(unknownRecord.status).toBe(404);
    expect(unknownFile.statusCode).toBe(404);
    for (const o of others(u)) {
      expect(await t.call('GET', `/api/records/rec-${o}`, me)).toEqual(unknownRecord);
      expect(await t.call('GET', `/api/records/rec-${o}/history`, me)).toEqual(unknownHistory);
      const file = await t.app.inject({
        method: 'GET',
        url: `/api/attachments/${attachment[o]}`,
        headers: { authorization: `Bearer ${me}` },
      });
      expect({ status: file.statusCode, body: file.body }).toEqual({ status: unknownFile.statusCode, body: unknownFile.body });
      const edit = await t.call('PUT', `/api/records/rec-${o}`, me, { revision: 1, data: coop(o, 1) });
      expect(edit).toEqual(await t.call('PUT', '/api/records/no-such-record', me, { revision: 1, data: coop(o, 1) }));
    }
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/attachments/${attachment[u]}`,
      headers: { authorization: `Bearer ${tok[`${u}-reviewer`]}` },
    });
    expect(own.statusCode).toBe(200);
  });

  it('a create at a unit beside the caller is refused the same whether its id exists there or not', async () => {
    const me = 'q_1-officer';
    const taken = await create(me, 'rec-qx1', 'qx1', coop('qx1', 1));
    const free = await create(me, 'never-used-id', 'qx1', coop('qx1', 1));
    expect(taken.body.error.code).toBe('ORG_UNIT_INVALID');
    expect(taken).toEqual(free);
    // Even the exact body that created rec-qx1, sent by someone who cannot see qx1.
    expect(await create(me, 'rec-qx1', 'qx1', { ...coop('qx1', 1), documents: [attachment.qx1] })).toEqual(free);
  });

  it('an id taken beside the caller gets the same ID_CONFLICT as one taken in its own unit', async () => {
    const me = 'q_1-officer';
    const beside = await create(me, 'rec-qx1', 'q_1', coop('q_1', 7));
    const own = await create(me, 'barred-q_1', 'q_1', coop('q_1', 7));
    expect(beside.status).toBe(409);
    expect(beside.body.error.code).toBe('ID_CONFLICT');
    expect(beside).toEqual(own);
    expect(JSON.stringify(beside.body)).not.toMatch(/qx1/);
  });

  it('a subject registered beside the caller gets the same DUPLICATE_RECORD as one registered in its own unit, naming neither', async () => {
    const me = 'q_1-officer';
    const beside = await create(me, 'dup-beside', 'q_1', { ...coop('q_1', 8), creditCode: code('qx1', 1) });
    const own = await create(me, 'dup-own', 'q_1', { ...coop('q_1', 8), creditCode: code('q_1', 1) });
    expect(beside.status).toBe(409);
    expect(beside.body.error.code).toBe('DUPLICATE_RECORD');
    expect(beside.body.error.details[0].pointer).toBe('/data/creditCode');
    expect(beside).toEqual(own);
    expect(JSON.stringify(beside.body)).not.toMatch(/qx1|rec-/);
    // An edit onto that subject is refused in the same words.
    const edit = await t.call('PUT', '/api/records/rec-q_1', tok[me], {
      revision: 1,
      data: { ...coop('q_1', 1), creditCode: code('qx1', 1) },
    });
    expect(edit.body.error).toEqual(own.body.error);
    const n = await t.platform.ctx.db.selectFrom('records').select('id').where('id', 'in', ['dup-beside', 'dup-own']).execute();
    expect(n).toEqual([]);
  });
});
