// The studio's report preview (issue 16): a report of a draft run over the records filed now. A draft that edits a
// report's columns shows the new figures on the live records while the installed report is unchanged; a draft that
// does not build is refused with the loader's error at its file and pointer; admin only; nothing is written.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { REPO_ROOT } from '../../platform/boot/config';
import { seedRecord } from '../reports/seed';

const PLUGIN = 'report-demo';
const REPORT_FILE = 'reports/coops-by-kind.json';
let t: TestPlatform;
let admin: string;
let officer: string;

// Members as stated: farms 20 and 40 (and 12 in 2023's other unit, out of the period), services 5 and 8.
const coops = [
  { id: 'p1', unit: '440106', kind: 'farm', members: 20, certified: true },
  { id: 'p2', unit: '440106', kind: 'service', members: 5, certified: false },
  { id: 'p3', unit: '440113', kind: 'farm', members: 40, certified: true },
  { id: 'p4', unit: '440113', kind: 'service', members: 8, certified: true },
];

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [path.join(REPO_ROOT, 'test/reports/plugins')] });
  admin = await t.login('admin');
  officer = await t.login('tianhe-officer');
  for (const c of coops)
    await seedRecord(t.platform.ctx.db, {
      plugin: PLUGIN,
      form: 'coop',
      id: c.id,
      period: '2024',
      unit: c.unit,
      state: 'draft',
      subject: c.id,
      title: c.id,
      data: { name: c.id, kind: c.kind, members: c.members, certified: c.certified, revenue: 10 },
    });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const run = (id: string, report: string, query: Record<string, string>, token = admin) =>
  t.call('POST', `/api/studio/drafts/${id}/reports/${report}/run`, token, { query });
const byKind = (rows: Record<string, unknown>[]) => Object.fromEntries(rows.map((r) => [String(r.kind), r]));

describe(`studio report preview (${testBackend()})`, () => {
  it('runs the draft’s report over the live records; an edited column shows at once, the installed report is unchanged', async () => {
    const made = await t.call('POST', '/api/studio/drafts', admin, { from: 'edit', source: PLUGIN });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const { id } = made.body;

    // Unchanged draft: the same figures as the installed report.
    const first = await run(id, 'coops-by-kind', { period: '2024' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const installed = await t.call('GET', `/api/plugins/${PLUGIN}/reports/coops-by-kind?period=2024`, admin);
    expect(first.body.rows).toEqual(installed.body.rows);
    expect(byKind(first.body.rows).farm).toMatchObject({ n: 2, certified: 2 });

    // A new column: cooperatives with at least 10 members — farms 20 and 40 (2), services 5 and 8 (0).
    const file = JSON.parse(made.body.files[REPORT_FILE]);
    file.columns.push({
      id: 'big',
      label: { 'zh-CN': '成员十人以上', en: '10+ members' },
      aggregate: { fn: 'count', where: { '>=': [{ var: 'data.members' }, 10] } },
      format: 'integer',
    });
    const saved = await t.call('PUT', `/api/studio/drafts/${id}`, admin, {
      revision: made.body.revision,
      files: { ...made.body.files, [REPORT_FILE]: JSON.stringify(file, null, 2) },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const edited = await run(id, 'coops-by-kind', { period: '2024' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.columns.map((c: { id: string }) => c.id)).toContain('big');
    expect(byKind(edited.body.rows).farm.big).toBe(2);
    expect(byKind(edited.body.rows).service.big).toBe(0);
    const still = await t.call('GET', `/api/plugins/${PLUGIN}/reports/coops-by-kind?period=2024`, admin);
    expect(still.body.columns.map((c: { id: string }) => c.id)).not.toContain('big');

    // The report's own parameters are checked by the engine, as for an installed report.
    const bad = await run(id, 'coops-by-kind', { period: '2024', top: 'many' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('REPORT_PARAMETER_INVALID');
  });

  it('a draft that does not build is refused with the loader’s error at its file; nothing changes', async () => {
    const made = await t.call('POST', '/api/studio/drafts', admin, { from: 'edit', source: PLUGIN });
    const file = JSON.parse(made.body.files[REPORT_FILE]);
    file.columns[2].aggregate.fn = 'median';
    const saved = await t.call('PUT', `/api/studio/drafts/${made.body.id}`, admin, {
      revision: made.body.revision,
      files: { ...made.body.files, [REPORT_FILE]: JSON.stringify(file) },
    });
    expect(saved.status).toBe(200);
    const r = await run(made.body.id, 'coops-by-kind', { period: '2024' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('PLUGIN_INVALID');
    expect(r.body.error.details.some((d: { file?: string }) => d.file === REPORT_FILE)).toBe(true);
    const after = await t.call('GET', `/api/studio/drafts/${made.body.id}`, admin);
    expect(after.body.revision).toBe(saved.body.revision);
  });

  it('an unknown report is 404 and an officer is refused', async () => {
    const made = await t.call('POST', '/api/studio/drafts', admin, { from: 'edit', source: PLUGIN });
    expect((await run(made.body.id, 'no-such-report', {})).status).toBe(404);
    const forbidden = await run(made.body.id, 'coops-by-kind', { period: '2024' }, officer);
    expect(forbidden.status).toBe(403);
    expect((await run('no-such-draft', 'coops-by-kind', {})).status).toBe(404);
  });
});
