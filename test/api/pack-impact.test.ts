// The dry run's parameter bindings, fixtures under the bound values, override and impact preview, on the neutral
// test plugin. Installed here: registry-demo 1.0.0 with three more household rules — class "large" and 2 points
// from 6 people, eligible up to 10 people. The pack is 1.1.0 with those thresholds at 4 and 8. Open households of 3, 5, 9 and 11
// people (and one of 5 in the final state "barred", which keeps its results and is not looked at), one cooperative.
//   size 3:  small, eligible  →  small, eligible             unchanged
//   size 5:  small → large, 0 → 2 points                       class, score
//   size 9:  eligible → not eligible                           eligibility
//   size 11: large, not eligible (both)                        unchanged; with maxHouseholdSize bound to 10 the
//            blocking check size-limit fails                   blocking
// and bound to 10, registry-demo's fixture "12 people is the limit itself" fails: the report is blocked.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, REPO_ROOT } from '../../platform/boot/config';
import { openPlatform, type OpenPlatform } from '../../platform/boot/open-platform';
import { seedIfEmpty } from '../../platform/boot/seed';
import { buildApp } from '../../platform/http/app';
import { dryRun } from '../../platform/packs/dry-run';
import { createTestDatabase, testBackend, type TestDatabase } from '../helpers/database';
import { PASSWORD, TestClock } from '../helpers/platform';
import { multipart } from '../helpers/uploads';
import { demoTexts, packOf } from '../packs/pack-helpers';
import { tableSnapshot } from '../helpers/table-snapshot';
import type { FastifyInstance } from 'fastify';

let dir: string;
let database: TestDatabase;
let platform: OpenPlatform;
let app: FastifyInstance;
let pack: Buffer;
/** 1.2.0: the 1.1.0 rules, and the household head at most 1 character (every household's "张三" no longer passes). */
let narrowed: Buffer;
const tok: Record<string, string> = {};

const RULES = (classFrom: number, eligibleUpTo: number) => [
  {
    id: 'size-points',
    kind: 'score',
    dimension: 'size',
    max: 2,
    title: { 'zh-CN': '人口分', en: 'Size points' },
    logic: { if: [{ '>=': [{ var: 'data.size' }, classFrom] }, 2, 0] },
  },
  { id: 'size-class', kind: 'classify', logic: { if: [{ '>=': [{ var: 'data.size' }, classFrom] }, 'large', 'small'] } },
  {
    id: 'small-enough',
    kind: 'eligibility',
    // A warning, so registry-demo's fixtures that count blocking checks hold in both versions.
    severity: 'warn',
    title: { 'zh-CN': '人口不超标', en: 'Small enough' },
    message: { 'zh-CN': '人口超过资格上限', en: 'Too many people for eligibility' },
    logic: { '<=': [{ var: 'data.size' }, eligibleUpTo] },
  },
];

/** registry-demo's texts at `version` with the two household rules at these thresholds. */
function versionTexts(base: Record<string, string>, version: string, classFrom: number, eligibleUpTo: number): Record<string, string> {
  const rules = JSON.parse(base['rules/household.json']) as { rules: unknown[]; dimensions?: unknown[] };
  rules.rules.push(...RULES(classFrom, eligibleUpTo));
  rules.dimensions = [{ id: 'size', title: { 'zh-CN': '人口', en: 'Size' } }];
  const pj = base['plugin.json'].replace('"version": "1.0.0"', `"version": "${version}"`);
  if (version !== '1.0.0' && pj === base['plugin.json']) throw new Error('version not changed');
  return { ...base, 'plugin.json': pj, 'rules/household.json': JSON.stringify(rules, null, 2) };
}

const ids = { coop: 'impact-coop', h3: 'impact-h1', h5: 'impact-h2', h9: 'impact-h3', h11: 'impact-h4', barred: 'impact-h5' };

async function create(id: string, form: string, data: Record<string, unknown>, period: string) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/records',
    headers: { authorization: `Bearer ${tok['tianhe-officer']}` },
    payload: { id, plugin: 'registry-demo', form, period, orgUnitId: '440106', data },
  });
  if (r.statusCode !== 201) throw new Error(`create ${id}: ${r.statusCode} ${r.body}`);
}

beforeAll(async () => {
  const texts = await demoTexts();
  dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-impact-'));
  const folder = path.join(dir, 'registry-demo');
  for (const [rel, text] of Object.entries(versionTexts(texts, '1.0.0', 6, 10))) {
    await mkdir(path.dirname(path.join(folder, rel)), { recursive: true });
    await writeFile(path.join(folder, rel), text);
  }
  pack = packOf(versionTexts(texts, '1.1.0', 4, 8));
  const v12 = versionTexts(texts, '1.2.0', 4, 8);
  const schema = v12['forms/household.schema.json'].replace(
    '"type": "string", "title": "户主"',
    '"type": "string", "maxLength": 1, "title": "户主"',
  );
  if (schema === v12['forms/household.schema.json']) throw new Error('schema not changed');
  // registry-demo's fixtures say "张三" is valid: with the narrower schema their household is the one-character "张".
  const fixtures = v12['fixtures/household.json'].replace('"head": "张三"', '"head": "张"');
  narrowed = packOf({ ...v12, 'forms/household.schema.json': schema, 'fixtures/household.json': fixtures });
  database = await createTestDatabase('impact');
  platform = await openPlatform(
    { ...configFromEnv({}), databaseUrl: database.connectionString, pluginsDirs: [dir], seedFile: null },
    { clock: new TestClock(new Date('2024-05-06T02:00:00Z')) },
  );
  await seedIfEmpty(platform.ctx, path.join(REPO_ROOT, 'demo/seed.json'), PASSWORD);
  app = await buildApp(platform.ctx);
  for (const username of ['admin', 'tianhe-officer']) {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    tok[username] = r.json().token;
  }
  await create(ids.coop, 'cooperative', { name: '天河示范社', creditCode: '91350100M000100Y43', members: 25 }, '2024');
  const household = (size: number) => ({ head: '张三', size, cooperative: ids.coop });
  await create(ids.h3, 'household', household(3), '');
  await create(ids.h5, 'household', household(5), '');
  await create(ids.h9, 'household', household(9), '');
  await create(ids.h11, 'household', household(11), '');
  await create(ids.barred, 'household', household(5), '');
  // The final state is reached through approve and bar; set directly, as only the state matters here.
  await platform.ctx.db.updateTable('records').set({ state: 'barred' }).where('id', '=', ids.barred).execute();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await platform?.close();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function post(fields: Record<string, unknown> = {}) {
  const text = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  const { payload, headers } = multipart(text, { name: 'registry-demo-1.1.0.hzpack', type: 'application/octet-stream', content: pack });
  const r = await app.inject({
    method: 'POST',
    url: '/api/packs/dry-run',
    headers: { ...headers, authorization: `Bearer ${tok.admin}` },
    payload,
  });
  return { status: r.statusCode, body: r.json() };
}

const UNBOUND_TOTALS = {
  records: 5,
  changed: 2,
  unchanged: 3,
  eligibility: 1,
  class: 1,
  score: 1,
  blocking: 0,
  invalid: 0,
  formRemoved: 0,
  failed: 0,
};

describe(`pack dry run: bindings, fixtures, impact (${testBackend()})`, () => {
  let before: Awaited<ReturnType<typeof tableSnapshot>>;
  beforeAll(async () => {
    before = await tableSnapshot(database.connectionString);
  });

  it('an upgrade with nothing bound: the parameters at their defaults, two records change', async () => {
    const r = await post();
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ outcome: 'ready', change: 'upgrade', override: null, fixtures: { passed: 5, failed: 0 } });
    expect(r.body.parameters).toEqual([
      {
        name: 'maxHouseholdSize',
        schema: { type: 'integer', title: '家庭最多人口', minimum: 1, default: 12 },
        default: 12,
        current: 12,
        bound: 12,
        source: 'default',
      },
      {
        name: 'minMembers',
        schema: { type: 'integer', title: '最少成员数', minimum: 1, maximum: 1000, default: 5 },
        default: 5,
        current: 5,
        bound: 5,
        source: 'default',
      },
    ]);
    expect(r.body.impact).toEqual({
      from: '1.0.0',
      to: '1.1.0',
      totals: UNBOUND_TOTALS,
      records: [
        {
          id: ids.h5,
          form: 'household',
          state: 'draft',
          subjectTitle: null,
          classes: [{ id: 'size-class', from: 'small', to: 'large' }],
          score: { from: 0, to: 2 },
          other: false,
        },
        { id: ids.h9, form: 'household', state: 'draft', subjectTitle: null, eligible: { from: true, to: false }, other: false },
      ],
      truncated: false,
    });
  });

  it('a bound value is used by fixtures and impact; a failing fixture blocks', async () => {
    const r = await post({ bindings: { maxHouseholdSize: 10 } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ outcome: 'blocked', override: null, fixtures: { passed: 4, failed: 1 } });
    expect(r.body.fixtures.failing).toEqual([
      expect.objectContaining({
        description: '12 people is the limit itself',
        mismatches: ['checks.size-limit: expected true, got false', 'blocking: expected 0, got 1'],
      }),
    ]);
    expect(r.body.parameters[0]).toMatchObject({ name: 'maxHouseholdSize', current: 12, bound: 10, source: 'binding' });
    expect(r.body.impact.totals).toEqual({ ...UNBOUND_TOTALS, changed: 3, unchanged: 2, blocking: 1 });
    expect(r.body.impact.records.find((x: { id: string }) => x.id === ids.h11)).toEqual({
      id: ids.h11,
      form: 'household',
      state: 'draft',
      subjectTitle: null,
      blocking: { from: [], to: ['size-limit'] },
      other: false,
    });
  });

  it('an override with a reason passes the failing fixture; an empty reason is refused', async () => {
    const reason = '本县户均人口上限为 10 人';
    const r = await post({ bindings: { maxHouseholdSize: 10 }, override: { reason } });
    expect(r.body).toMatchObject({ outcome: 'ready', override: { reason, applied: true }, fixtures: { failed: 1 } });
    for (const empty of [{ reason: '  ' }, {}]) {
      const refused = await post({ bindings: { maxHouseholdSize: 10 }, override: empty });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('FIXTURE_OVERRIDE_REASON_REQUIRED');
      expect(refused.body.error.details[0].pointer).toBe('/override/reason');
    }
  });

  it('a binding outside the schema, or of no declared parameter, is refused with its pointer', async () => {
    const low = await post({ bindings: { maxHouseholdSize: 0 } });
    expect(low.status).toBe(422);
    expect(low.body.error.code).toBe('PARAMETERS_INVALID');
    expect(low.body.error.details.map((d: { pointer: string }) => d.pointer)).toEqual(['/bindings/maxHouseholdSize']);
    const unknown = await post({ bindings: { quota: 3 } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details.map((d: { pointer: string }) => d.pointer)).toEqual(['/bindings/quota']);
    const notObject = await post({ bindings: [10] });
    expect(notObject.status).toBe(400);
    expect(notObject.body.error.details[0].pointer).toBe('/bindings');
    const notJson = await post({ bindings: '{maxHouseholdSize: 10' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.details[0].pointer).toBe('/bindings');
  });

  it('read in keyset pages of 2: the same totals; the list is capped and says so', async () => {
    const report = await dryRun(platform.ctx, pack, { impact: { pageSize: 2, listLimit: 1 } });
    expect(report.impact?.totals).toEqual(UNBOUND_TOTALS);
    expect(report.impact?.records.map((x) => x.id)).toEqual([ids.h5]);
    expect(report.impact?.truncated).toBe(true);
  });

  it('a narrower schema: the records whose saved data it refuses are counted invalid, with the pointer', async () => {
    const report = await dryRun(platform.ctx, narrowed);
    expect(report).toMatchObject({ outcome: 'ready', change: 'upgrade', fixtures: { failed: 0 } });
    expect(report.impact?.totals).toEqual({ ...UNBOUND_TOTALS, changed: 4, unchanged: 1, invalid: 4 });
    expect(report.impact?.records.map((x) => [x.id, x.invalid])).toEqual([
      [ids.h3, ['/head']],
      [ids.h5, ['/head']],
      [ids.h9, ['/head']],
      [ids.h11, ['/head']],
    ]);
  });

  it('after every dry run above, every table holds exactly the rows it held before', async () => {
    expect(Object.keys(before).length).toBeGreaterThan(10);
    expect(await tableSnapshot(database.connectionString)).toEqual(before);
    const c = new pg.Client({ connectionString: database.connectionString });
    await c.connect();
    try {
      // The snapshot sees a change to a record's results.
      await c.query(`update records set results = results || '{"blocking": 7}' where id = $1`, [ids.h3]);
    } finally {
      await c.end();
    }
    const touched = await tableSnapshot(database.connectionString);
    expect(Object.keys(before).filter((t) => touched[t].md5 !== before[t].md5)).toEqual([expect.stringMatching(/\.records$/)]);
  });
});
