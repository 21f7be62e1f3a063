// Imports as jobs of the server process: submitted with a file already on disk, run one at a time (two cores,
// and each import is one long transaction), followed through GET /api/imports/:id. A job's heartbeat is touched
// while it is queued or running; one whose heartbeat stopped belonged to a process that died, its transaction
// never committed, and it is reported as interrupted.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { PlatformContext } from '../context';
import { HezuoError, detail, type Locale } from '../errors';
import { holdsRole, type Principal } from '../access/principal';
import {
  finishImportJob,
  getImportJob,
  importJobErrorFile,
  insertImportJob,
  interruptStaleImportJobs,
  markImportJobRunning,
  setImportJobProgress,
  touchImportJobs,
  type ImportJobRow,
} from '../store/import-jobs-store';
import { runImport } from './run-import';
import type { ImportRequest, ImportTableInfo, RejectedRow } from './import-types';
import type { SkippedRows } from '../spreadsheets/read-table';
import { SKIP_REASONS } from '../spreadsheets/row-skips';

export const HEARTBEAT_MS = 5_000;
/** A queued or running job whose heartbeat is older than this was cut off. */
export const STALE_SECONDS = 30;
const FIRST_ERRORS = 100;

export type ImportJobRequest = Omit<ImportRequest, 'onProgress' | 'jobId' | 'source'> & { source: string };

export interface ImportJobs {
  /** Queues the import of a file on disk (deleted once the job ends); returns the job id. */
  submit(principal: Principal, req: ImportJobRequest, orgPath: string | null): Promise<string>;
  view(principal: Principal, id: string): Promise<ReturnType<typeof jobView>>;
  errorFile(principal: Principal, id: string): Promise<{ fileName: string; bytes: Buffer }>;
  /** Resolves when every submitted job has ended (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** The errors of the first rows, each row with all of its errors (a row is fixed in one go), about FIRST_ERRORS. */
export function firstErrors(rejected: RejectedRow[]) {
  const out: RejectedRow['errors'] = [];
  for (const r of rejected) {
    if (out.length >= FIRST_ERRORS) break;
    out.push(...r.errors);
  }
  return out;
}

function jobView(j: ImportJobRow) {
  // An update import's class changes, where the table was found, what was skipped, which columns were not used, and
  // the warnings about rows stored with required fields empty (the first ones; their number in counts) are kept
  // beside its counts (one jsonb column for the outcome).
  const { classChanges, table, skipped, ignored, ambiguous, warnings, warned, detailSheets, notes, ...counts } = (j.counts ?? {}) as Record<
    string,
    unknown
  >;
  const sk = skipped as SkippedRows | undefined;
  return {
    id: j.id,
    plugin: j.pluginId,
    form: j.formId,
    period: j.period,
    mode: j.mode,
    status: j.status,
    fileName: j.fileName,
    progress: { processed: j.processed, total: j.total },
    counts: j.counts ? counts : null,
    classChanges: Array.isArray(classChanges) ? classChanges : [],
    table: (table as ImportTableInfo | undefined) ?? null,
    skipped: sk ? { ...sk, rows: sk.rows.map((r) => ({ ...r, message: SKIP_REASONS[r.reason] })) } : null,
    ignored: Array.isArray(ignored) ? ignored : [],
    ambiguous: Array.isArray(ambiguous) ? ambiguous : [],
    detailSheets: Array.isArray(detailSheets) ? detailSheets : [],
    notes: Array.isArray(notes) ? notes : [],
    errors: j.firstErrors ?? [],
    warned: typeof warned === 'number' ? warned : 0,
    warnings: Array.isArray(warnings) ? warnings : [],
    failure: j.failure,
    createdAt: j.createdAt,
    finishedAt: j.finishedAt,
  };
}

export function createImportJobs(ctx: PlatformContext, log: (msg: string, err?: unknown) => void = () => {}): ImportJobs {
  const open = new Set<string>();
  let tail: Promise<void> = Promise.resolve();
  const beat = setInterval(() => {
    touchImportJobs(ctx.db, [...open]).catch(() => {});
  }, HEARTBEAT_MS);
  beat.unref();

  async function run(principal: Principal, id: string, req: ImportJobRequest) {
    try {
      await markImportJobRunning(ctx.db, id);
      const result = await runImport(ctx, principal, {
        ...req,
        jobId: id,
        onProgress: (processed, total) => setImportJobProgress(ctx.db, id, processed, total),
      });
      await finishImportJob(ctx.db, id, {
        status: 'done',
        counts: {
          ...result.counts,
          warned: result.warnings.length,
          warnings: firstErrors(result.warnings),
          // Only an update import counts unmatched rows and reports class changes.
          ...(result.counts.unmatched !== undefined ? { classChanges: result.classChanges } : {}),
          table: result.table,
          skipped: result.skipped,
          ignored: result.ignored,
          ambiguous: result.ambiguous,
          detailSheets: result.detailSheets,
          notes: result.notes,
        },
        firstErrors: firstErrors([...result.rejected, ...result.unmatched].sort((a, b) => a.row - b.row)),
        errorFile: result.errorFile,
      });
    } catch (e) {
      const err = e instanceof HezuoError ? e : new HezuoError('INTERNAL');
      if (!(e instanceof HezuoError)) log(`import ${id} failed`, e);
      await finishImportJob(ctx.db, id, { status: 'failed', failure: err.toJSON().error as unknown as Record<string, unknown> }).catch(
        (x) => log(`import ${id}: cannot record the failure`, x),
      );
    } finally {
      open.delete(id);
      await rm(req.source, { force: true });
    }
  }

  async function visibleJob(principal: Principal, id: string): Promise<ImportJobRow> {
    await interruptStaleImportJobs(ctx.db, STALE_SECONDS);
    const j = await getImportJob(ctx.db, id);
    const mine = j && j.userId === principal.user.id;
    const adminInScope = j && j.orgPath !== null && holdsRole(principal, ['admin'], j.orgPath);
    if (!j || !(mine || adminInScope)) throw new HezuoError('NOT_FOUND', [detail('/id', '导入任务不存在', 'No such import')]);
    return j;
  }

  return {
    async submit(principal, req, orgPath) {
      const id = randomUUID();
      await insertImportJob(ctx.db, {
        id,
        pluginId: req.plugin,
        formId: req.form,
        period: req.period,
        userId: principal.user.id,
        orgUnitId: req.orgUnitId ?? null,
        orgPath,
        mode: req.mode,
        fileName: req.fileName,
        locale: req.locale,
      });
      open.add(id);
      tail = tail.then(() => run(principal, id, req));
      return id;
    },
    async view(principal, id) {
      return jobView(await visibleJob(principal, id));
    },
    async errorFile(principal, id) {
      const j = await visibleJob(principal, id);
      if (j.status !== 'done')
        throw new HezuoError('IMPORT_NOT_FINISHED', [
          detail('/id', `导入状态为 ${j.status}`, `The import is ${j.status}`, { params: { status: j.status } }),
        ]);
      const bytes = await importJobErrorFile(ctx.db, id);
      if (!bytes) throw new HezuoError('NOT_FOUND', [detail('/id', '该导入没有被拒绝的行', 'No row of this import was rejected')]);
      const base = j.fileName.replace(/\.[^.]*$/, '');
      return { fileName: `${base}-${(j.locale as Locale) === 'en' ? 'errors' : '错误'}.xlsx`, bytes };
    },
    idle: () => tail,
    async close() {
      clearInterval(beat);
      await tail;
    },
  };
}
