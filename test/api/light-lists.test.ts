// Lists answer summaries, not records: a queue page of 50 real-sized records stays small and carries neither the
// data nor the rule results; the page size is capped and refused beyond the cap; the declared list columns are
// read out of each record and can be chosen by id.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { withUploads } from '../helpers/uploads';
import { usccCheckChar } from '../../platform/forms/formats';

const GZ = 'guangzhou-demonstration';
const fixtures = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, GZ, 'fixtures/application.json'), 'utf8'));
const uscc = (first17: string) => first17 + usccCheckChar(first17);
const PRIORITY = ['priority-brand', 'priority-model', 'priority-governance', 'priority-machinery', 'relaxed-thresholds'];

let t: TestPlatform;
const tok: Record<string, string> = {};
const raw = async (who: string, url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tok[who]}` } });
  return { status: res.statusCode, bytes: Buffer.byteLength(res.body), body: res.json() };
};

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS, BUNDLED_PLUGINS] });
  for (const u of ['panyu-officer', 'panyu-reviewer', 'tianhe-officer', 'tianhe-reviewer']) tok[u] = await t.login(u);
  // One application made and submitted through the API, then 49 copies of its stored row (data and results as
  // the API stored them) under other ids and subjects: the page is measured on records of real size.
  const data = await withUploads(t, tok['panyu-officer'], GZ, 'application', fixtures.base);
  const made = await t.call('POST', '/api/records', tok['panyu-officer'], {
    id: 'gz-0',
    plugin: GZ,
    form: 'application',
    period: '2024',
    orgUnitId: '440113',
    data,
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const sent = await t.call('POST', '/api/records/gz-0/transitions', tok['panyu-officer'], {
    revision: made.body.revision,
    transition: 'submit',
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  await sql`insert into records (id, plugin_id, plugin_version, form_id, period, org_unit_id, org_path, subject, subject_title, unique_key,
      data, results, state, workflow, revision, create_digest, created_by, submitted_at, updated_at)
    select 'gz-' || g, plugin_id, plugin_version, form_id, period, org_unit_id, org_path, subject || '-' || g, subject_title || g, unique_key || '-' || g,
      data, results, state, workflow, revision, create_digest, created_by, submitted_at, updated_at - g * interval '1 minute'
    from records, generate_series(1, 59) g where id = 'gz-0'`.execute(t.platform.ctx.db);
  // A registry-demo cooperative (a neutral plugin) with its declared columns: a data field and a computed value.
  const coop = await t.call('POST', '/api/records', tok['tianhe-officer'], {
    id: 'coop-cols',
    plugin: 'registry-demo',
    form: 'cooperative',
    period: '2024',
    orgUnitId: '440106',
    data: { name: '列合作社', creditCode: uscc('91440106MA5BCXL01'), members: 25 },
  });
  expect(coop.status, JSON.stringify(coop.body)).toBe(201);
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe(`light lists (${testBackend()})`, () => {
  it('a queue page of 50 applications is at most 100 KB and holds neither data nor results', async () => {
    const full = await raw('panyu-reviewer', '/api/records/gz-0');
    const page = await raw('panyu-reviewer', `/api/records?plugin=${GZ}&form=application&state=submitted&limit=50`);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(50);
    expect(page.body.total).toBe(60);
    expect(page.bytes).toBeLessThanOrEqual(100 * 1024);
    // The summary is a fraction of the record it stands for (the record's data alone is larger than a summary).
    expect(page.bytes / 50).toBeLessThan(Buffer.byteLength(JSON.stringify(full.body.data)));
    for (const item of page.body.items) {
      expect(item).not.toHaveProperty('data');
      expect(item).not.toHaveProperty('results');
      expect(item).not.toHaveProperty('workflow');
    }
    const first = page.body.items.find((x: any) => x.id === 'gz-0');
    expect(first).toMatchObject({
      state: 'submitted',
      subject: full.body.subject,
      subjectTitle: full.body.subjectTitle,
      revision: full.body.revision,
      score: { total: full.body.results.score.total, max: full.body.results.score.max },
      blocking: full.body.results.blocking,
      orgUnit: full.body.orgUnit,
      stateTitle: full.body.stateTitle,
      editable: false,
    });
    // The steps the reviewer may take are those of the record itself (bulk steps are offered from them).
    expect(first.transitions).toEqual(full.body.transitions);
    expect(first.transitions.map((x: any) => x.id)).toContain('first-review-approve');
    expect(Object.keys(first.columns).sort()).toEqual([...PRIORITY].sort());
    for (const c of PRIORITY) expect(first.columns[c]).toEqual(full.body.results.classes[c] ?? null);
  });

  it('caps the page: 50 by default, at most 200, anything else refused at /limit or /offset', async () => {
    const plain = await raw('panyu-reviewer', `/api/records?plugin=${GZ}`);
    expect([plain.body.limit, plain.body.items.length, plain.body.offset]).toEqual([50, 50, 0]);
    const max = await raw('panyu-reviewer', `/api/records?plugin=${GZ}&limit=200&offset=40`);
    expect([max.status, max.body.limit, max.body.items.length]).toEqual([200, 200, 20]);
    for (const [query, pointer] of [
      ['limit=201', '/limit'],
      ['limit=0', '/limit'],
      ['limit=5000', '/limit'],
      ['offset=-1', '/offset'],
    ]) {
      const r = await raw('panyu-reviewer', `/api/records?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
      expect(r.body.error.details.map((d: any) => d.pointer)).toEqual([pointer]);
    }
  });

  it('columns chooses among the declared columns; an undeclared one is refused at /columns', async () => {
    const one = await raw('panyu-reviewer', `/api/records?plugin=${GZ}&form=application&limit=5&columns=priority-brand`);
    expect(one.body.items.map((x: any) => Object.keys(x.columns))).toEqual(Array(5).fill(['priority-brand']));
    const none = await raw('panyu-reviewer', `/api/records?plugin=${GZ}&form=application&limit=5&columns=`);
    expect(none.body.items.map((x: any) => x.columns)).toEqual(Array(5).fill({}));
    for (const q of [`plugin=${GZ}&form=application&columns=priority-brand,nowhere`, 'plugin=registry-demo&columns=priority-brand']) {
      const bad = await raw('panyu-reviewer', `/api/records?${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.body.error.details).toEqual([expect.objectContaining({ pointer: '/columns' })]);
    }
  });

  it("a neutral plugin's columns: a data field and a computed value, read from the record", async () => {
    const list = await raw('tianhe-officer', '/api/records?plugin=registry-demo&form=cooperative');
    const row = list.body.items.find((x: any) => x.id === 'coop-cols');
    const full = await raw('tianhe-officer', '/api/records/coop-cols');
    expect(row.columns).toEqual({ members: 25, 'member-label': full.body.results.computed['member-label'] });
    expect(row.score).toBeNull(); // no score rules in this form
    expect(row.editable).toBe(true);
    // Another unit's officer sees none of it, columns or not.
    const other = await raw('panyu-officer', '/api/records?plugin=registry-demo&columns=members');
    expect(other.body.items).toEqual([]);
    const described = await raw('tianhe-officer', '/api/plugins');
    const form = described.body.plugins.find((p: any) => p.id === 'registry-demo').forms.find((f: any) => f.id === 'cooperative');
    expect(form.listColumns.map((c: any) => c.id)).toEqual(['members', 'member-label']);
  });
});
