// One batch of prepared rows inside the import's transaction: the checks a create or update through the API makes
// (natural key, editable state, create role at the unit, references, schema, unique key), decided for the whole
// batch with one query per kind of lookup, then written with one multi-row statement per table.
import { createHash, randomUUID } from 'node:crypto';
import { canSee, holdsRole, type Principal } from '../access/principal';
import { HezuoError, type ErrorDetail, type LocalText } from '../errors';
import { getAtPointer } from '../plugins/schema-walk';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { isEditable, schemaErrors, SUBJECT_TAKEN, uniqueKeyOf } from '../records/record-service';
import { diffData } from '../records/diff';
import type { Executor } from '../store/schema';
import type { OrgUnit } from '../store/orgs-store';
import type { AuditEvent, NewRecord, RecordRow } from '../store/records-store';
import {
  appendAuditsBulk, insertRecordsBulk, lockRecordsBy, marksOfSubjects, recordIdsByUniqueKeys, recordsByIds, updateRecordsBulk, type BulkUpdate,
} from '../store/import-store';
import { evaluateRow, referencedIds, subjectOf, type BatchFacts, type RowEvaluation } from './evaluate-row';
import { titleAt } from './form-fields';
import type { PreparedRow } from './prepare-row';
import type { Cell } from '../spreadsheets/read-table';
import type { ImportCounts, ImportMode, RejectedRow, RowError } from './import-types';

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
  /** Unique keys (one per subject/unit and period) taken by rows of this import. */
  claimedUnique: Set<string>;
}

interface Candidate { p: PreparedRow; cells: Cell[]; key: string | null; existing?: RecordRow; ev?: RowEvaluation; id?: string; uniqueKey?: string | null }

const msg = (zh: string, en: string): LocalText => ({ 'zh-CN': zh, en });
const createRoles = (form: FormDefinition) => form.manifest.createRoles ?? ['officer'];

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

function reject(run: ImportRun, c: Candidate, errors: RowError[]) {
  run.rejected.push({ row: c.p.row, cells: c.cells, errors });
  run.counts.rejected++;
}

const rowError = (run: ImportRun, row: number, pointer: string, message: LocalText, keyword?: string): RowError => ({
  row, pointer, field: pointer ? titleAt(run.plugin, run.form, pointer) : null, message, keyword,
});

const fromDetails = (run: ImportRun, row: number, details: ErrorDetail[]): RowError[] =>
  details.map((d) => rowError(run, row, d.pointer, d.message, d.keyword ?? d.code));

/** Imported values over the existing data: fields without a column (or with an empty cell) keep their value. */
function mergeOnto(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(base);
  const walk = (into: Record<string, any>, from: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(from)) {
      if (v && typeof v === 'object' && !Array.isArray(v) && into[k] && typeof into[k] === 'object' && !Array.isArray(into[k])) walk(into[k], v as Record<string, unknown>);
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
    const path = run.keyPointers[0].split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
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
    const errors = [...p.errors];
    if (key === undefined && run.keyKind !== 'orgUnit') {
      for (const ptr of run.keyPointers) if ([undefined, null, ''].includes(getAtPointer(p.data, ptr) as any)) {
        errors.push(rowError(run, p.row, ptr, msg('关键字段未填写,无法判断新增还是更新', 'The key field is empty, so the row cannot be matched'), 'required'));
      }
    } else if (key !== null && key !== undefined) {
      const first = run.seenKeys.get(key);
      if (first !== undefined) errors.push(rowError(run, p.row, run.keyPointers[0] ?? '', msg(`与第 ${first} 行重复(同一文件中关键字段相同)`, `Duplicate of row ${first} (same key in this file)`), 'duplicate'));
      else run.seenKeys.set(key, p.row);
      c.key = key;
    }
    if (errors.length) reject(run, c, errors);
    else candidates.push(c);
  }

  const existing = await findExisting(ex, run, candidates.filter((c) => c.key !== null));
  const datas = candidates.map((c) => c.p.data);
  for (const c of candidates) if (c.key !== null) c.existing = existing.get(c.key);
  const subjects = new Set<string>();
  for (const c of candidates) {
    const s = subjectOf(run.form, c.existing ? mergeOnto(c.existing.data, c.p.data) : c.p.data);
    if (s) subjects.add(s);
  }
  const facts: BatchFacts = {
    refs: await recordsByIds(ex, referencedIds(run.form, datas)),
    marks: await marksOfSubjects(ex, run.plugin.id, [...subjects]),
  };

  const ok: Candidate[] = [];
  for (const c of candidates) {
    const e = c.existing;
    const state = e ? e.state : run.form.workflow?.workflow.initial ?? 'saved';
    if (e) {
      // Outside the caller's units: refused exactly as a taken subject is, naming neither the record nor its unit.
      if (!canSee(run.principal, e.orgPath)) { reject(run, c, [rowError(run, c.p.row, run.keyPointers[0] ?? '', SUBJECT_TAKEN, 'unique')]); continue; }
      if (!isEditable(run.form, e.state)) {
        const title = run.form.workflow?.states.get(e.state)?.title ?? { 'zh-CN': e.state, en: e.state };
        reject(run, c, [rowError(run, c.p.row, '', msg(`已有记录处于“${title['zh-CN']}”状态,不能通过导入修改`, `The existing record is ${title.en} and cannot be changed by an import`), 'state')]);
        continue;
      }
    }
    const unit = e ? run.unitsById.get(e.orgUnitId) : c.p.unit;
    if (!unit || !holdsRole(run.principal, createRoles(run.form), unit.path)) {
      reject(run, c, [rowError(run, c.p.row, '', msg('您在该组织机构没有填报此表单的权限', 'You may not fill this form at that org unit'), 'role')]);
      continue;
    }
    const id = e ? e.id : randomUUID();
    const raw = e ? mergeOnto(e.data, c.p.data) : c.p.data;
    const out = evaluateRow(run.plugin, run.form, run.params, raw, { id, period: run.period, state, unit, workflow: e ? e.workflow : {} }, run.asOf, run.principal, facts);
    if ('errors' in out) { reject(run, c, fromDetails(run, c.p.row, out.errors)); continue; }
    const errors = schemaErrors(run.form, out.ev.data, false);
    if (errors.length) { reject(run, c, fromDetails(run, c.p.row, errors)); continue; }
    c.ev = out.ev;
    c.id = id;
    c.uniqueKey = uniqueKeyOf(run.form, run.period, out.ev.subject, unit.id);
    ok.push(c);
  }

  // One record per subject (or unit) and period: against the database and against earlier rows of the file.
  const newKeys = ok.filter((c) => c.uniqueKey !== null && c.uniqueKey !== c.existing?.uniqueKey).map((c) => c.uniqueKey!);
  const taken = await recordIdsByUniqueKeys(ex, run.plugin.id, run.form.id, newKeys);
  const inserts: NewRecord[] = [];
  const updates: BulkUpdate[] = [];
  const audits: AuditEvent[] = [];
  for (const c of ok) {
    const ev = c.ev!;
    if (c.uniqueKey !== null && c.uniqueKey !== c.existing?.uniqueKey) {
      const holder = taken.get(c.uniqueKey!);
      if ((holder !== undefined && holder !== c.id) || run.claimedUnique.has(c.uniqueKey!)) {
        const ptr = run.form.manifest.subject ?? '';
        reject(run, c, [rowError(run, c.p.row, ptr, SUBJECT_TAKEN, 'unique')]);
        continue;
      }
      run.claimedUnique.add(c.uniqueKey!);
    }
    const results = ev.results as unknown as Record<string, unknown>;
    if (c.existing) {
      const changes = diffData(c.existing.data, ev.data);
      if (changes.length === 0) { run.counts.unchanged++; continue; }
      updates.push({ id: c.id!, expectedRevision: c.existing.revision, data: ev.data, results, subject: ev.subject, subjectTitle: ev.subjectTitle, uniqueKey: c.uniqueKey! });
      audits.push({ recordId: c.id!, actorId: run.principal.user.id, action: 'update', revision: c.existing.revision + 1, pluginVersion: c.existing.pluginVersion, changes, comment: run.comment });
      run.counts.updated++;
    } else {
      const unit = c.p.unit!;
      const state = run.form.workflow?.workflow.initial ?? 'saved';
      const digest = createHash('sha256').update(JSON.stringify({ plugin: run.plugin.id, form: run.form.id, period: run.period, orgUnitId: unit.id, data: c.p.data })).digest('hex');
      inserts.push({
        id: c.id!, pluginId: run.plugin.id, pluginVersion: run.plugin.version, formId: run.form.id, period: run.period, orgUnitId: unit.id, orgPath: unit.path,
        subject: ev.subject, subjectTitle: ev.subjectTitle, uniqueKey: c.uniqueKey!, data: ev.data, results, state, workflow: {}, revision: 1,
        createDigest: digest, createdBy: run.principal.user.id,
      });
      audits.push({ recordId: c.id!, actorId: run.principal.user.id, action: 'create', toState: state, revision: 1, pluginVersion: run.plugin.version, changes: diffData({}, ev.data), comment: run.comment });
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
}
