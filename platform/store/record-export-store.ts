// Reading every record a list filter matches, whole, in the list's order and in batches: what "导出全部" writes.
// A batch is chosen by its ids first (as the list page is) and only its rows' data are read; the attachments of a
// batch come in one query by record id.
import { sql } from 'kysely';
import type { LocalText } from '../errors';
import type { Executor } from './schema';
import { direction, matchingRecords, sortKeys, type RecordFilter } from './record-filter-sql';

export interface ExportRow {
  id: string;
  pluginVersion: string;
  formId: string;
  period: string;
  orgPath: string;
  orgUnitName: LocalText | null;
  subject: string | null;
  subjectTitle: string | null;
  state: string;
  data: Record<string, unknown>;
  updatedAt: Date;
  submittedAt: Date | null;
  /** The files linked to the record, oldest first: their ids (as the data holds them) and names. */
  attachments: { id: string; fileName: string }[];
}

export async function countMatches(ex: Executor, q: RecordFilter): Promise<number> {
  const base = matchingRecords(ex, q);
  if (!base) return 0;
  const r = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The ids of every matching record in the filter's order (ties by id). Ids first, rows later by id: each batch
 * then costs the same (an OFFSET would re-read every earlier match), and the order is the list's exactly.
 */
export async function matchingIds(ex: Executor, q: RecordFilter): Promise<string[]> {
  const base = matchingRecords(ex, q);
  if (!base) return [];
  let ids = base.select('records.id');
  for (const k of sortKeys(q.sort)) ids = ids.orderBy(sql`${k.expr} ${direction(k)}`);
  return (await ids.orderBy('records.id').execute()).map((r) => r.id);
}

/** These records, whole, in the order of `ids` (ids no longer there are left out). */
export async function exportRows(ex: Executor, ids: string[]): Promise<ExportRow[]> {
  if (ids.length === 0) return [];
  const found = await ex
    .selectFrom('records')
    .leftJoin('org_units', 'org_units.id', 'records.org_unit_id')
    .select([
      'records.id',
      'records.plugin_version',
      'records.form_id',
      'records.period',
      'records.org_path',
      'records.subject',
      'records.subject_title',
      'records.state',
      'records.data',
      'records.updated_at',
      'records.submitted_at',
      'org_units.name',
    ])
    .where('records.id', 'in', ids)
    .execute();
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const files = rows.length
    ? await ex
        .selectFrom('attachments')
        .select(['id', 'record_id', 'file_name'])
        .where(
          'record_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    pluginVersion: r.plugin_version,
    formId: r.form_id,
    period: r.period,
    orgPath: r.org_path,
    orgUnitName: (r.name as LocalText | null) ?? null,
    subject: r.subject,
    subjectTitle: r.subject_title,
    state: r.state,
    data: r.data as Record<string, unknown>,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    attachments: files.filter((f) => f.record_id === r.id).map((f) => ({ id: f.id, fileName: f.file_name })),
  }));
}
