// Records and marks written straight through the store, with the values a report reads stated by the test:
// seeding hundreds of workflow steps through the API would only slow the suite down.
import { insertRecord } from '../../platform/store/records-store';
import { addMark } from '../../platform/store/marks-store';
import { getOrgUnit } from '../../platform/store/orgs-store';
import type { Db } from '../../platform/store/schema';

export interface Seed {
  id: string;
  plugin: string;
  form: string;
  period: string;
  unit: string;
  state: string;
  data?: Record<string, unknown>;
  results?: Record<string, unknown>;
  workflow?: Record<string, unknown>;
  subject?: string | null;
  title?: string | null;
  submittedAt?: string | null;
}

export async function seedRecord(db: Db, s: Seed): Promise<void> {
  const unit = await getOrgUnit(db, s.unit);
  if (!unit) throw new Error(`no unit ${s.unit}`);
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  const outcome = await insertRecord(db, {
    id: s.id,
    pluginId: s.plugin,
    pluginVersion: '1.0.0',
    formId: s.form,
    period: s.period,
    orgUnitId: unit.id,
    orgPath: unit.path,
    subject: s.subject ?? null,
    subjectTitle: s.title ?? null,
    uniqueKey: null,
    data: s.data ?? {},
    results: s.results ?? {},
    state: s.state,
    workflow: s.workflow ?? {},
    revision: 1,
    createDigest: 'seed',
    createdBy: admin.id,
  });
  if (outcome !== 'inserted') throw new Error(`seed ${s.id}: ${outcome}`);
  if (s.submittedAt) await db.updateTable('records').set({ submitted_at: s.submittedAt }).where('id', '=', s.id).execute();
}

export async function seedMark(
  db: Db,
  m: {
    plugin: string;
    subject: string;
    kind: string;
    from: string;
    until: string | null;
    recordId: string;
    reason: { 'zh-CN': string; en: string };
  },
) {
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  await addMark(db, {
    pluginId: m.plugin,
    subject: m.subject,
    kind: m.kind,
    from: m.from,
    until: m.until,
    reason: m.reason,
    recordId: m.recordId,
    userId: admin.id,
  });
}
