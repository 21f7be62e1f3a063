// Many realistic Guangzhou applications, fast: a few dozen drafts are created through the platform (createRecord:
// the plugin's fixture cases, evaluated by all rules, with their audit events), then copied by SQL with
// generate_series — each copy a new id, name, credit code, district, period (2020–2024), workflow state and score,
// with its template's data, stored rule results and audit changes, so sizes, compression and TOAST are those of
// real records. Used by the reports, queue and storage figures (bench/scale-bench.ts).
import pg from 'pg';
import { principalOf } from '../platform/access/principal';
import { findUserByName, rolesOf } from '../platform/store/users-store';
import { createRecord } from '../platform/records/record-service';
import type { PlatformContext } from '../platform/context';
import { usccCheckChar } from '../platform/forms/formats';
import { mergePatch } from '../platform/fixtures/merge-patch';
import { schemaErrors } from '../platform/records/record-service';

export const PLUGIN = 'guangzhou-demonstration';
export const DISTRICTS = ['440103', '440104', '440105', '440106', '440111', '440112', '440113', '440114', '440115', '440117', '440118'];
export const STATES = [
  'draft',
  'submitted',
  'first-reviewed',
  'recommended',
  'selected',
  'scored',
  'candidate',
  'publicized',
  'awarded',
  'rejected',
];
const TEMPLATE_PERIOD = '2019';
const CHUNK = 50_000;

async function createTemplates(ctx: PlatformContext): Promise<number> {
  const user = (await findUserByName(ctx.db, 'tianhe-officer'))!;
  const principal = principalOf(user, await rolesOf(ctx.db, user.id));
  const plugin = ctx.registry.get(PLUGIN);
  const form = plugin.forms.get('application')!;
  const suite = plugin.fixtures.find((s) => s.form === 'application')!;
  let n = 0;
  for (const c of suite.cases) {
    const data: Record<string, unknown> = { ...(mergePatch(suite.base ?? {}, c.input) as Record<string, unknown>), attachments: undefined };
    if (schemaErrors(form, data, false).length) continue;
    const first17 = `93440106MA${String(n).padStart(7, '0')}`;
    data.creditCode = first17 + usccCheckChar(first17)!;
    // One district's officer creates them; each copy gets its own district afterwards.
    await createRecord(ctx, principal, {
      plugin: PLUGIN,
      form: 'application',
      period: TEMPLATE_PERIOD,
      orgUnitId: '440106',
      data: { ...data, district: '440106' },
    });
    n++;
  }
  return n;
}

/** Seeds `records` applications (plus the templates); returns seconds spent. `log` hears progress. */
export async function seedApplications(ctx: PlatformContext, ownerUrl: string, records: number, log: (line: string) => void = () => {}) {
  const t0 = performance.now();
  const k = await createTemplates(ctx);
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query(
      `create unlogged table bench_templates as
      select (row_number() over (order by r.id) - 1)::int as n, r.data, r.results, r.plugin_version, e.changes
      from records r join audit_events e on e.record_id = r.id and e.action = 'create' where r.period = $1`,
      [TEMPLATE_PERIOD],
    );
    const admin = (await c.query(`select id from users where username = 'admin'`)).rows[0].id as string;
    for (let lo = 1; lo <= records; lo += CHUNK) {
      const hi = Math.min(records, lo + CHUNK - 1);
      // Periods round-robin; districts by i % 11; states spread by hashing i. Ids are UUIDs (as the API makes
      // them), credit codes 18 characters; updated_at spreads over a year so queue pages differ. The results are
      // the template's, untouched: PostgreSQL then copies the compressed TOAST value as it is instead of
      // compressing ~30 KB again for each copy (seeding 1,000,000 takes minutes, not hours); the price is that
      // scores take only the templates' few dozen values (ranking ties are broken by submission time).
      await c.query(
        `
        insert into records (id, plugin_id, plugin_version, form_id, period, org_unit_id, org_path, subject, subject_title, unique_key,
                             data, results, state, workflow, revision, create_digest, created_by, created_at, updated_at, submitted_at)
        select md5(i::text)::uuid::text, $3, t.plugin_version, 'application', p, d, '/440000/440100/' || d || '/', cc, nm, p || '|' || cc,
               t.data || jsonb_build_object('name', nm, 'creditCode', cc, 'district', d),
               t.results,
               ($4::text[])[1 + abs(hashint4(i)) % 10], '{}'::jsonb, 1, md5('d' || i), $5,
               ts, ts, ts
        from generate_series($1::int, $2::int) as i
        cross join lateral (select (2020 + i % 5)::text as p, ($6::text[])[1 + i % 11] as d, 'S' || lpad(i::text, 17, '0') as cc,
                                   '广州市第' || i || '号专业合作社' as nm, timestamptz '2024-01-01' + ((i * 31) % 31536000 || ' seconds')::interval as ts) v
        join bench_templates t on t.n = i % $7`,
        [lo, hi, PLUGIN, STATES, admin, DISTRICTS, k],
      );
      await c.query(
        `
        insert into audit_events (record_id, actor_id, action, to_state, revision, plugin_version, changes)
        select md5(i::text)::uuid::text, $3, 'create', 'draft', 1, t.plugin_version, t.changes
        from generate_series($1::int, $2::int) as i join bench_templates t on t.n = i % $4`,
        [lo, hi, admin, k],
      );
      log(`seeded ${hi.toLocaleString('en')} of ${records.toLocaleString('en')} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    await c.query('drop table bench_templates');
    await c.query('analyze records');
    await c.query('analyze audit_events');
  } finally {
    await c.end();
  }
  return { templates: k, seconds: (performance.now() - t0) / 1000 };
}
