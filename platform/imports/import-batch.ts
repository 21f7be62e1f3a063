// One batch of prepared rows inside the import's transaction. Which record a row is for (its natural key) is the
// import's own question; what may be written is decided by the one planning step every record write goes through
// (platform/records/plan-write.ts), over facts loaded for the whole batch with one statement per kind of lookup,
// and the rows are then written with one multi-row statement per table.
import { canSee, type Principal } from '../access/principal';
import { HezuoError, type LocalText } from '../errors';
import { getAtPointer } from '../plugins/schema-walk';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { planCreate, planUpdate } from '../records/plan-write';
import { loadBatchFacts } from '../records/write-facts';
import type { Executor } from '../store/schema';
import type { OrgUnit } from '../store/orgs-store';
import type { AuditEvent, NewRecord, RecordRow } from '../store/records-store';
import { linkAttachments } from '../store/attachments-store';
import { appendAuditsBulk, insertRecordsBulk, lockRecordsBy, updateRecordsBulk, type BulkUpdate } from '../store/import-store';
import { missingRequired, rowError, rowErrorsOf } from './refusal-words';
import { initialState } from '../records/write-rules';
import type { PreparedRow } from './prepare-row';
import type { Cell } from '../spreadsheets/read-table';
import type { ClassChange, ImportCounts, ImportMode, RejectedRow, RowError } from './import-types';
import { resolveRefKeys, type RefKeyField } from './ref-keys';
import { fillImportDefaults } from './import-defaults';

export type KeyKind = 'subject' | 'data' | 'orgUnit' | 'none';

export interface ImportRun {
  plugin: PluginDefinition;
  form: FormDefinition;
  period: string;
  principal: Principal;
  params: Record<string, unknown>;
  asOf: string;
  mode: ImportMode;
  keyKind: KeyKind;
  keyPointers: string[];
  unitsById: Map<string, OrgUnit>;
  comment: string;
  counts: ImportCounts;
  rejected: RejectedRow[];
  /** Natural key → row number of its first row in the file. */
  seenKeys: Map<string, number>;
  /** Unique keys (one per subject/unit and period) taken by rows of this import → the id of the row's record. */
  claimedUnique: Map<string, string>;
  /** An update import: rows patch matched records only; `alsoInStates` from the form's import.update.states. */
  update: boolean;
  alsoInStates: readonly string[];
  /** Who may run it at a record's unit (import.update.roles), else the form's createRoles. */
  updateRoles?: readonly string[];
  /** Reference columns read as the referenced form's natural key (ref-keys.ts). */
  refKeys: readonly RefKeyField[];
  unmatched: RejectedRow[];
  /** Rows stored as drafts with required fields left empty: warned about, not rejected. */
  warnings: RejectedRow[];
  classChanges: ClassChange[];
}

interface Candidate {
  p: PreparedRow;
  cells: Cell[];
  key: string | null;
  existing?: RecordRow;
  raw?: Record<string, unknown>;
  /** Cells that did not convert: the row is refused, but still checked (never written) so all its errors are told. */
  early?: RowError[];
}

const msg = (zh: string, en: string): LocalText => ({ 'zh-CN': zh, en });

/** The natural key of a row as a string, or null when the form has none; undefined when a key field is empty. */
function keyOf(run: ImportRun, p: PreparedRow): string | null | undefined {
  if (run.keyKind === 'none') return null;
  if (run.keyKind === 'orgUnit') return p.unit ? p.unit.id : undefined;
  const values = run.keyPointers.map((ptr) => getAtPointer(p.data, ptr));
  if (values.some((v) => v === undefined || v === null || v === '')) return undefined;
  return JSON.stringify(values);
}

function keyOfRecord(run: ImportRun, r: RecordRow): string {
  if (run.keyKind === 'orgUnit') return r.orgUnitId;
  return JSON.stringify(run.keyPointers.map((ptr) => getAtPointer(r.data, ptr) ?? null));
}

function unmatchedRow(run: ImportRun, c: Candidate) {
  const ptr = run.keyPointers[0] ?? '';
  const message = msg('没有与关键字段匹配的记录,更新导入不新建记录', 'No record matches the key; an update import creates none');
  run.unmatched.push({ row: c.p.row, cells: c.cells, errors: [rowError(run, c.p.row, ptr, message, 'unmatched')] });
  run.counts.unmatched = (run.counts.unmatched ?? 0) + 1;
}

/** Classify outcomes before (as stored) and after the row: the records an update moved to another class. */
function noteClassChange(run: ImportRun, row: number, e: RecordRow, after: Record<string, unknown>) {
  const before = ((e.results as { classes?: Record<string, unknown> }).classes ?? {}) as Record<string, unknown>;
  const changes = Object.keys({ ...before, ...after })
    .filter((rule) => JSON.stringify(before[rule] ?? null) !== JSON.stringify(after[rule] ?? null))
    .map((rule) => ({ rule, before: before[rule] ?? null, after: after[rule] ?? null }));
  if (changes.length) run.classChanges.push({ row, recordId: e.id, subject: e.subject, subjectTitle: e.subjectTitle, changes });
}

function reject(run: ImportRun, c: Candidate, errors: RowError[]) {
  run.rejected.push({ row: c.p.row, cells: c.cells, errors });
  run.counts.rejected++;
}

/** A row with cells that did not convert, refused with those errors and the other fields' (a cell is told once). */
function rejectChecked(run: ImportRun, c: Candidate, more: RowError[]) {
  const told = new Set(c.early!.map((e) => e.pointer));
  const rest = more.filter((e) => !told.has(e.pointer));
  reject(
    run,
    c,
    [...c.early!, ...rest].sort((a, b) => a.pointer.localeCompare(b.pointer)),
  );
}

/** Imported values over the existing data: fields without a column (or with an empty cell) keep their value. */
function mergeOnto(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(base);
  const walk = (into: Record<string, any>, from: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(from)) {
      if (v && typeof v === 'object' && !Array.isArray(v) && into[k] && typeof into[k] === 'object' && !Array.isArray(into[k]))
        walk(into[k], v as Record<string, unknown>);
      else into[k] = v;
    }
  };
  walk(out, patch);
  return out;
}

async function findExisting(ex: Executor, run: ImportRun, keys: Candidate[]): Promise<Map<string, RecordRow>> {
  const scope = { pluginId: run.plugin.id, formId: run.form.id, period: run.period };
  let rows: RecordRow[] = [];
  if (run.keyKind === 'subject') rows = await lockRecordsBy(ex, scope, { subjects: keys.map((c) => JSON.parse(c.key!)[0]) });
  else if (run.keyKind === 'orgUnit') rows = await lockRecordsBy(ex, scope, { orgUnitIds: keys.map((c) => c.key!) });
  else if (run.keyKind === 'data') {
    const path = run.keyPointers[0]
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    rows = await lockRecordsBy(ex, scope, { dataPath: path, dataValues: keys.map((c) => String(JSON.parse(c.key!)[0])) });
  }
  return new Map(rows.map((r) => [keyOfRecord(run, r), r]));
}

export async function importBatch(ex: Executor, run: ImportRun, batch: { p: PreparedRow; cells: Cell[] }[]): Promise<void> {
  run.counts.rows += batch.length;
  const candidates: Candidate[] = [];
  for (const { p, cells } of batch) {
    const c: Candidate = { p, cells, key: null };
    const key = keyOf(run, p);
    const errors: RowError[] = [];
    if (key === undefined && run.keyKind !== 'orgUnit') {
      for (const ptr of run.keyPointers)
        if ([undefined, null, ''].includes(getAtPointer(p.data, ptr) as any)) {
          errors.push(
            rowError(
              run,
              p.row,
              ptr,
              msg('关键字段未填写,无法判断新增还是更新', 'The key field is empty, so the row cannot be matched'),
              'required',
            ),
          );
        }
    } else if (key !== null && key !== undefined) {
      const first = run.seenKeys.get(key);
      if (first !== undefined)
        errors.push(
          rowError(
            run,
            p.row,
            run.keyPointers[0] ?? '',
            msg(`与第 ${first} 行重复(同一文件中关键字段相同)`, `Duplicate of row ${first} (same key in this file)`),
            'duplicate',
          ),
        );
      else run.seenKeys.set(key, p.row);
      c.key = key;
    }
    // A row whose cells did not all convert goes on to be checked with the rest of its fields, so a person fixing
    // it sees every error at once (not the conversion errors first, then the others on the next try).
    if (errors.length || (p.errors.length && (!p.unit || run.update))) reject(run, c, [...p.errors, ...errors]);
    else {
      if (p.errors.length) c.early = p.errors;
      candidates.push(c);
    }
  }

  const refErrors = await resolveRefKeys(
    ex,
    run.plugin,
    run.form,
    run.principal,
    run.refKeys,
    candidates.map((c) => c.p),
  );
  const existing = await findExisting(
    ex,
    run,
    candidates.filter((c) => c.key !== null),
  );
  const matched: Candidate[] = [];
  for (const c of candidates) {
    if (c.key !== null) c.existing = existing.get(c.key);
    const bad = refErrors.get(c.p);
    if (bad) {
      if (c.early) rejectChecked(run, c, bad);
      else reject(run, c, bad);
      continue;
    }
    // An update import creates nothing: a row matching no record the user may see is listed back, whether or not
    // some record outside their units has the key (which is not told).
    if (run.update && !(c.existing && canSee(run.principal, c.existing.orgPath))) {
      unmatchedRow(run, c);
      continue;
    }
    c.raw = c.existing ? mergeOnto(c.existing.data, c.p.data) : c.p.data;
    matched.push(c);
  }
  const loadFacts = () =>
    loadBatchFacts(
      ex,
      run.plugin,
      matched.map((c) => ({
        form: run.form,
        data: c.raw!,
        period: run.period,
        orgUnitId: c.existing ? c.existing.orgUnitId : c.p.unit!.id,
      })),
      {
        uniqueForm: run.form,
        followUpsOf: { recordIds: candidates.flatMap((c) => (c.existing ? [c.existing.id] : [])), today: run.asOf },
      },
    );
  let facts = await loadFacts();
  // Rows creating a record get their empty defaulted fields (x-default) filled as a create through the API does.
  const created = matched.filter((c) => !c.existing).map((c) => ({ c, data: c.raw!, orgUnitId: c.p.unit!.id }));
  const moved = fillImportDefaults(run.plugin, run.form, run.principal, run.period, created, facts.refs);
  for (const n of created) n.c.raw = n.data;
  if (moved) facts = await loadFacts();
  // One record per subject (or unit) and period: against the database and against earlier rows of the file.
  const uniqueHolders = new Map([...facts.uniqueHolders, ...run.claimedUnique]);
  const base = {
    principal: run.principal,
    asOf: run.asOf,
    params: run.params,
    refs: facts.refs,
    marks: facts.marks,
    followUps: facts.followUps,
    earlier: facts.earlier,
    uniqueHolders,
    attachments: facts.attachments,
    regionPaths: facts.regionPaths,
  };

  const inserts: NewRecord[] = [];
  const updates: BulkUpdate[] = [];
  const audits: AuditEvent[] = [];
  const links: { ids: string[]; recordId: string; orgPath: string }[] = [];
  const claim = (key: string | null | undefined, prior: string | null | undefined, id: string) => {
    if (key === null || key === undefined || key === prior) return;
    run.claimedUnique.set(key, id);
    uniqueHolders.set(key, id);
  };
  for (const c of matched) {
    const e = c.existing;
    if (e) {
      const plan = planUpdate(
        run.plugin,
        run.form,
        e,
        {
          basedOn: e.revision,
          data: c.raw!,
          comment: run.comment,
          alsoInStates: run.update ? run.alsoInStates : undefined,
          roles: run.update ? run.updateRoles : undefined,
        },
        { ...base, unit: run.unitsById.get(e.orgUnitId) },
      );
      if (c.early) {
        rejectChecked(run, c, 'refused' in plan ? rowErrorsOf(run, c.p.row, e.state, plan.refused, c.raw) : []);
        continue;
      }
      if ('refused' in plan) {
        reject(run, c, rowErrorsOf(run, c.p.row, c.existing?.state, plan.refused, c.raw));
        continue;
      }
      const u = plan.update;
      // A record past its first state must stay complete; a draft may lack required fields, and is warned about.
      const draft = e.state === initialState(run.form);
      const missing = missingRequired(run, c.p.row, u.ev.data, draft);
      if (missing.length && !draft) {
        reject(run, c, missing);
        continue;
      }
      claim(u.change.uniqueKey, e.uniqueKey, e.id);
      if (u.changes.length === 0) {
        run.counts.unchanged++;
        continue;
      }
      updates.push({
        id: e.id,
        expectedRevision: e.revision,
        data: u.ev.data,
        results: u.change.results!,
        subject: u.ev.subject,
        subjectTitle: u.ev.subjectTitle,
        uniqueKey: u.change.uniqueKey!,
      });
      audits.push({ ...u.audit, recordId: e.id, revision: e.revision + 1 });
      if (missing.length) run.warnings.push({ row: c.p.row, cells: c.cells, errors: missing });
      if (run.update) noteClassChange(run, c.p.row, e, u.ev.results.classes);
      if (u.link.length) links.push({ ids: u.link, recordId: e.id, orgPath: e.orgPath });
      run.counts.updated++;
    } else {
      const unit: OrgUnit = c.p.unit!;
      const plan = planCreate(
        run.plugin,
        run.form,
        { period: run.period, orgUnitId: unit.id, data: c.raw!, comment: run.comment },
        { ...base, unit },
      );
      if (c.early) {
        rejectChecked(run, c, 'refused' in plan ? rowErrorsOf(run, c.p.row, undefined, plan.refused, c.raw) : []);
        continue;
      }
      if ('refused' in plan) {
        reject(run, c, rowErrorsOf(run, c.p.row, c.existing?.state, plan.refused, c.raw));
        continue;
      }
      if ('retry' in plan) continue; // a fresh id is never held
      const { row, audit, link } = plan.create;
      // A new record starts in the first state: a draft, which may lack required fields but is warned about.
      const missing = missingRequired(run, c.p.row, row.data, true);
      if (missing.length) run.warnings.push({ row: c.p.row, cells: c.cells, errors: missing });
      claim(row.uniqueKey, null, row.id);
      inserts.push(row);
      audits.push({ ...audit, recordId: row.id, revision: 1 });
      if (link.length) links.push({ ids: link, recordId: row.id, orgPath: row.orgPath });
      run.counts.created++;
    }
  }
  // All-or-nothing with a rejected row: the transaction is rolled back at the end, so writing more is wasted.
  if (run.mode === 'all' && run.counts.rejected > 0) return;
  await insertRecordsBulk(ex, inserts);
  const applied = await updateRecordsBulk(ex, updates);
  // The rows were locked FOR UPDATE when read; a mismatch means something is badly wrong, so nothing is kept.
  if (applied !== updates.length) throw new HezuoError('STALE_REVISION');
  await appendAuditsBulk(ex, audits);
  for (const l of links) await linkAttachments(ex, l.ids, l.recordId, l.orgPath);
}
