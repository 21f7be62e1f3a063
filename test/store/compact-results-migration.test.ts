// Records stored before results were compacted keep their full results (titles, messages, references…). They are
// written here as raw rows in that old shape, read through the API, converted by the migration's SQL, and read
// again: the same answer, byte for byte, with a fraction of the storage.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { withUploads } from '../helpers/uploads';
import { mergePatch } from '../../platform/fixtures/merge-patch';
import { evaluateForm, type RuleResults } from '../../platform/evaluation';
import { compactResults } from '../../platform/evaluation/compact-results';
import { budgetMessage } from '../../platform/rules';
import { getOrgUnit } from '../../platform/store/orgs-store';
import { compactStoredResults } from '../../migrations/202612010001_compact_results';

const PLUGIN = 'guangzhou-demonstration';
let t: TestPlatform;
let token: string;

/** A full result with a rule error on its first passed check, as an evaluation over budget stores it. */
function withRuleError(full: RuleResults): RuleResults {
  const r = structuredClone(full);
  const c = r.checks.find((x) => x.passed)!;
  Object.assign(c, { passed: false, error: 'RULE_BUDGET_EXCEEDED', message: budgetMessage(c.id, 'steps') });
  r.failed = r.checks.filter((x) => !x.passed).map((x) => x.id);
  r.blocking = r.checks.filter((x) => !x.passed && x.severity === 'block').length;
  r.errors = [{ id: c.id, kind: c.kind, code: 'RULE_BUDGET_EXCEEDED', limit: 'steps', message: c.message }];
  return r;
}

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS] });
  token = await t.login('panyu-officer');
});
afterAll(async () => {
  await t?.close();
});

describe(`compacting stored results (${testBackend()})`, () => {
  it('old full-shape rows read back identically after the migration, at a fraction of the size', async () => {
    const db = t.platform.ctx.db;
    const plugin = t.platform.ctx.registry.find(PLUGIN)!;
    const form = plugin.forms.get('application')!;
    const unit = (await getOrgUnit(db, '440113'))!;
    const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    // Every application fixture case, evaluated as the fixtures are, stored the way the platform used to store it.
    const suite = plugin.fixtures.find((s) => s.form === 'application')!;
    const rows = suite.cases.map((c, i) => {
      const input = mergePatch(suite.base ?? {}, c.input) as Record<string, unknown>;
      const { data, results } = evaluateForm(form, {
        data: input,
        params: { ...plugin.parameterDefaults, ...(c.params ?? {}) },
        asOf: (c.asOf ?? suite.asOf)!,
        record: { period: c.period },
      });
      return { id: `old-${String(i).padStart(3, '0')}`, data, results: i === 0 ? withRuleError(results) : results };
    });
    for (const r of rows) {
      await sql`insert into records (id, plugin_id, plugin_version, form_id, period, org_unit_id, org_path, subject, subject_title, unique_key,
                                     data, results, state, workflow, revision, create_digest, created_by)
                values (${r.id}, ${PLUGIN}, ${plugin.version}, 'application', '2024', ${unit.id}, ${unit.path}, ${r.id}, null, null,
                        ${JSON.stringify(r.data)}::jsonb, ${JSON.stringify(r.results)}::jsonb, 'draft', '{}'::jsonb, 1, 'old', ${admin.id})`.execute(
        db,
      );
    }
    const read = async () => Promise.all(rows.map(async (r) => (await t.call('GET', `/api/records/${r.id}`, token)).body));
    const size = async () =>
      (
        await sql<{ text: number; stored: number }>`
      select avg(octet_length(results::text))::int as text, avg(pg_column_size(results))::int as stored from records where id like 'old-%'`.execute(
          db,
        )
      ).rows[0];

    const before = await read();
    // Not yet converted: passed through as stored, which is the full results.
    before.forEach((view, i) => expect(view.results).toEqual(rows[i].results));
    const sizeBefore = await size();

    expect(await compactStoredResults(db, 7)).toBe(rows.length); // batches of 7: several, the last one short
    const stored = await db.selectFrom('records').select(['id', 'results']).where('id', 'like', 'old-%').orderBy('id').execute();
    // The SQL conversion stores exactly what the platform now writes for the same results.
    stored.forEach((s, i) => expect(s.results).toEqual(JSON.parse(JSON.stringify(compactResults(rows[i].results)))));
    expect(await read()).toEqual(before);
    const sizeAfter = await size();
    console.info(
      `guangzhou application results per record: ${sizeBefore.text} → ${sizeAfter.text} bytes as text, ${sizeBefore.stored} → ${sizeAfter.stored} bytes stored (pg_column_size, after TOAST compression)`,
    );
    expect(sizeAfter.text).toBeLessThanOrEqual(3 * 1024);

    // Idempotent: a second run finds nothing left to convert.
    expect(await compactStoredResults(db)).toBe(0);
  });

  it('rows the platform writes now are stored compact and read back in full', async () => {
    const plugin = t.platform.ctx.registry.find(PLUGIN)!;
    const suite = plugin.fixtures.find((s) => s.form === 'application')!;
    const data = await withUploads(t, token, PLUGIN, 'application', suite.base as Record<string, unknown>);
    const made = await t.call('POST', '/api/records', token, {
      id: 'new-1',
      plugin: PLUGIN,
      form: 'application',
      period: '2024',
      orgUnitId: '440113',
      data,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const row = await t.platform.ctx.db.selectFrom('records').select('results').where('id', '=', 'new-1').executeTakeFirstOrThrow();
    expect(row.results).not.toHaveProperty('checks');
    expect(row.results).not.toHaveProperty('classList');
    expect(made.body.results.checks.length).toBe((row.results.passed as string[]).length + (row.results.failed as string[]).length);
    expect(made.body.results.checks[0].title['zh-CN']).toBeTruthy();
    expect((await t.call('GET', '/api/records/new-1', token)).body.results).toEqual(made.body.results);
  });
});
