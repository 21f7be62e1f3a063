// Import jobs: queued and running imports with their progress, and the outcome of finished ones.
import { sql } from 'kysely';
import type { Executor } from './schema';

export type ImportJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'interrupted';

export interface ImportJobRow {
  id: string;
  pluginId: string;
  formId: string;
  period: string;
  userId: string;
  orgUnitId: string | null;
  orgPath: string | null;
  mode: 'all' | 'valid';
  status: ImportJobStatus;
  fileName: string;
  locale: string;
  total: number | null;
  processed: number;
  counts: Record<string, unknown> | null;
  firstErrors: unknown[] | null;
  failure: Record<string, unknown> | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const COLUMNS = [
  'id',
  'plugin_id',
  'form_id',
  'period',
  'user_id',
  'org_unit_id',
  'org_path',
  'mode',
  'status',
  'file_name',
  'locale',
  'total',
  'processed',
  'counts',
  'first_errors',
  'failure',
  'created_at',
  'finished_at',
] as const;

const toJob = (r: any): ImportJobRow => ({
  id: r.id,
  pluginId: r.plugin_id,
  formId: r.form_id,
  period: r.period,
  userId: r.user_id,
  orgUnitId: r.org_unit_id,
  orgPath: r.org_path,
  mode: r.mode,
  status: r.status,
  fileName: r.file_name,
  locale: r.locale,
  total: r.total,
  processed: r.processed,
  counts: r.counts,
  firstErrors: r.first_errors,
  failure: r.failure,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

export async function insertImportJob(
  ex: Executor,
  j: {
    id: string;
    pluginId: string;
    formId: string;
    period: string;
    userId: string;
    orgUnitId: string | null;
    orgPath: string | null;
    mode: 'all' | 'valid';
    fileName: string;
    locale: string;
  },
) {
  await ex
    .insertInto('import_jobs')
    .values({
      id: j.id,
      plugin_id: j.pluginId,
      form_id: j.formId,
      period: j.period,
      user_id: j.userId,
      org_unit_id: j.orgUnitId,
      org_path: j.orgPath,
      mode: j.mode,
      status: 'queued',
      file_name: j.fileName,
      locale: j.locale,
      total: null,
    })
    .execute();
}

export async function getImportJob(ex: Executor, id: string): Promise<ImportJobRow | undefined> {
  const r = await ex
    .selectFrom('import_jobs')
    .select([...COLUMNS])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? toJob(r) : undefined;
}

export async function importJobErrorFile(ex: Executor, id: string): Promise<Buffer | null> {
  const r = await ex.selectFrom('import_jobs').select('error_file').where('id', '=', id).executeTakeFirst();
  return r?.error_file ?? null;
}

export async function markImportJobRunning(ex: Executor, id: string) {
  await ex.updateTable('import_jobs').set({ status: 'running', heartbeat_at: new Date() }).where('id', '=', id).execute();
}

export async function setImportJobProgress(ex: Executor, id: string, processed: number, total: number) {
  await ex.updateTable('import_jobs').set({ processed, total, heartbeat_at: new Date() }).where('id', '=', id).execute();
}

export async function finishImportJob(
  ex: Executor,
  id: string,
  f: {
    status: 'done' | 'failed';
    counts?: Record<string, unknown>;
    firstErrors?: unknown[];
    failure?: Record<string, unknown>;
    errorFile?: Buffer | null;
  },
) {
  await ex
    .updateTable('import_jobs')
    .set({
      status: f.status,
      counts: f.counts ? JSON.stringify(f.counts) : null,
      first_errors: f.firstErrors ? JSON.stringify(f.firstErrors) : null,
      failure: f.failure ? JSON.stringify(f.failure) : null,
      error_file: f.errorFile ?? null,
      finished_at: new Date(),
      heartbeat_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/** Keeps queued and running jobs of this process visibly alive. */
export async function touchImportJobs(ex: Executor, ids: string[]) {
  if (ids.length) await ex.updateTable('import_jobs').set({ heartbeat_at: new Date() }).where('id', 'in', ids).execute();
}

/**
 * Jobs queued or running whose heartbeat stopped more than `staleSeconds` ago were cut off by a stopped process:
 * their transaction never committed, so they are marked interrupted. Returns how many.
 */
export async function interruptStaleImportJobs(ex: Executor, staleSeconds: number): Promise<number> {
  const res = await ex
    .updateTable('import_jobs')
    .set({ status: 'interrupted', finished_at: new Date() })
    .where('status', 'in', ['queued', 'running'])
    .where('heartbeat_at', '<', sql<Date>`now() - make_interval(secs => ${staleSeconds})`)
    .executeTakeFirst();
  return Number(res.numUpdatedRows ?? 0);
}
