// Lists and the review queue: a page of record summaries in the caller's units. A summary is what a row of a list
// shows (subject, unit, state, score, the steps the caller may take, the form's declared columns); the full record
// with its data and rule results is GET /api/records/:id.
import { HezuoError, detail, type LocalText } from '../errors';
import type { PlatformContext } from '../context';
import { canSee, holdsRole, type Principal } from '../access/principal';
import { getOrgUnit } from '../store/orgs-store';
import type { RecordRow } from '../store/records-store';
import { listRecordSummaries, type FormColumns, type SummaryRow } from '../store/record-list-store';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { decodePointer } from '../plugins/schema-walk';
import { allowedTransitions, type StepOffer } from '../workflows/allowed-transitions';
import { isEditable } from './record-service';
import { fieldsToMask, maskSubject, seesInFull } from '../access/sensitive-access';
import { maskAt, touchesSensitive, type SensitiveField } from '../access/mask-sensitive';
import { logRecordsShown } from '../access/sensitive-log';
import { DEFAULT_PAGE, MAX_COLUMNS, MAX_PAGE, containsPattern, type QueueFilter } from './record-query';
import { formColumnAt } from './form-columns';
import type { ListSort, RecordFilter } from '../store/record-filter-sql';

export interface RecordSummary {
  id: string;
  plugin: { id: string; version: string };
  form: string;
  period: string;
  orgUnit: { id: string; code: string; name: LocalText; level: string } | null;
  subject: string | null;
  subjectTitle: string | null;
  state: string;
  stateTitle: LocalText | null;
  editable: boolean;
  revision: number;
  updatedAt: Date;
  submittedAt: Date | null;
  score: { total: number | null; max: number | null } | null;
  blocking: number | null;
  transitions: StepOffer[];
  columns: Record<string, unknown>;
}

export interface ListQuery extends QueueFilter {
  plugin?: string;
  form?: string;
  period?: string;
  state?: string;
  orgUnitId?: string;
  limit?: number;
  offset?: number;
  /** Comma-separated ids of declared columns and pointers of fields; absent: every declared column; empty: none. */
  columns?: string;
  /** Only records this user created (set by GET /api/me/records, never from a query string). */
  createdBy?: string;
}

export interface ListedForm {
  plugin: PluginDefinition;
  form: FormDefinition;
}

/** The forms a list may show (active versions): all, a plugin's, or one. */
function listedForms(ctx: PlatformContext, q: ListQuery): ListedForm[] {
  return ctx.registry
    .active()
    .filter((p) => q.plugin === undefined || p.id === q.plugin)
    .flatMap((p) => [...p.forms.values()].filter((f) => q.form === undefined || f.id === q.form).map((form) => ({ plugin: p, form })));
}

const unknownColumn = (at: string, column: string) =>
  detail(at, `所列表单没有这个列:${column}`, `No listed form has the column ${column}`, { params: { column } });

/**
 * The values each form's rows carry: declared list columns by id, and fields of the form by JSON pointer (a pointer
 * reads only in forms that have that field). Absent `columns`: every declared column.
 */
export function chooseColumns(forms: ListedForm[], q: ListQuery): FormColumns[] {
  const wanted =
    q.columns === undefined
      ? null
      : q.columns
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean);
  if (wanted) {
    if (new Set(wanted).size > MAX_COLUMNS)
      throw new HezuoError('BAD_REQUEST', [
        detail('/columns', `最多 ${MAX_COLUMNS} 列`, `At most ${MAX_COLUMNS} columns`, { params: { limit: MAX_COLUMNS } }),
      ]);
    const declared = new Set(forms.flatMap(({ form }) => (form.manifest.listColumns ?? []).map((c) => c.id)));
    const unknown = wanted.filter((c) =>
      c.startsWith('/') ? !forms.some(({ plugin, form }) => formColumnAt(plugin, form, c)) : !declared.has(c),
    );
    if (unknown.length)
      throw new HezuoError(
        'COLUMN_UNKNOWN',
        unknown.map((c) => unknownColumn('/columns', c)),
      );
  }
  return forms.map(({ plugin, form }) => ({
    pluginId: plugin.id,
    formId: form.id,
    values: [
      ...(form.manifest.listColumns ?? [])
        .filter((c) => !wanted || wanted.includes(c.id))
        .map((c) =>
          c.pointer !== undefined
            ? { id: c.id, source: 'data' as const, path: decodePointer(c.pointer) }
            : { id: c.id, source: 'results' as const, path: decodePointer(c.result!) },
        ),
      ...[...new Set(wanted ?? [])]
        .filter((c) => c.startsWith('/') && formColumnAt(plugin, form, c))
        .map((c) => ({ id: c, source: 'data' as const, path: decodePointer(c) })),
    ],
  }));
}

/**
 * The order asked for. A field must be one of a listed form; a sensitive field only for a caller who sees it in full
 * in all their units (the order of masked values would tell what the masks hide).
 */
export function chooseSort(forms: ListedForm[], principal: Principal, q: QueueFilter): ListSort {
  const sort = q.sort ?? 'updated';
  const flip = (natural: boolean) => (q.order === undefined ? natural : q.order === 'desc');
  if (sort === 'updated') return { by: 'updated', desc: flip(true) };
  if (sort === 'score') return { by: 'score', desc: flip(true) };
  if (sort === 'state') {
    const states = [...new Set(forms.flatMap(({ form }) => [...(form.workflow?.states.keys() ?? [])]))];
    return { by: 'state', desc: flip(false), states };
  }
  const having = forms.filter(({ plugin, form }) => formColumnAt(plugin, form, sort));
  if (!having.length) throw new HezuoError('COLUMN_UNKNOWN', [unknownColumn('/sort', sort)]);
  const path = decodePointer(sort);
  const hidden = having.some(
    ({ form }) =>
      touchesSensitive(form.sensitive.fields, path) && !principal.scopePaths.every((at) => seesInFull(principal, form.sensitive, at)),
  );
  if (hidden)
    throw new HezuoError('BAD_REQUEST', [
      detail('/sort', '您看到的该字段已打码,不能按它排序', 'You see this field masked, so you cannot sort by it', {
        params: { column: sort },
      }),
    ]);
  return { by: 'field', desc: flip(false), path };
}

function pageOf(q: ListQuery): { limit: number; offset: number } {
  const limit = q.limit ?? DEFAULT_PAGE;
  const offset = q.offset ?? 0;
  // The route schema refuses these first; kept here so no caller can ask for an unbounded page.
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new HezuoError('BAD_REQUEST', [
      detail('/limit', `每页 1–${MAX_PAGE} 条`, `A page holds 1–${MAX_PAGE} records`, { params: { limit: MAX_PAGE } }),
    ]);
  }
  if (!Number.isInteger(offset) || offset < 0)
    throw new HezuoError('BAD_REQUEST', [detail('/offset', '起始位置不能为负数', 'offset cannot be negative')]);
  return { limit, offset };
}

/**
 * A summary's sensitive values masked for a principal without the right: subject, subject title and the declared
 * columns reading a sensitive field (by the declaration of the record's version or the active one, which chose the
 * columns). `full` tells whether a sensitive value was shown unmasked (for the access log).
 */
function maskSummary(
  ctx: PlatformContext,
  principal: Principal,
  r: SummaryRow,
  form: FormDefinition | undefined,
): { row: SummaryRow; full: boolean } {
  const active = ctx.registry.find(r.pluginId)?.forms.get(r.formId);
  const declared = [form?.sensitive, active?.sensitive];
  const all = declared.flatMap((s) => s?.fields ?? []);
  if (all.length === 0) return { row: r, full: false };
  const hidden = declared.flatMap((s) => fieldsToMask(principal, s, r.orgPath));
  const own = form?.sensitive.fields.length ? form.sensitive : active?.sensitive;
  const pointers = new Map<string, string[]>(
    (active?.manifest.listColumns ?? []).flatMap((c) => (c.pointer !== undefined ? [[c.id, decodePointer(c.pointer)] as const] : [])),
  );
  // A field picked as a column is keyed by its own pointer.
  for (const id of Object.keys(r.columns ?? {})) if (id.startsWith('/')) pointers.set(id, decodePointer(id));
  const hideWith = (fields: readonly SensitiveField[]): SummaryRow => ({
    ...r,
    columns: Object.fromEntries(
      Object.entries(r.columns ?? {}).map(([id, v]) => [id, pointers.has(id) ? maskAt(fields, v, pointers.get(id)) : v]),
    ),
    subject: maskSubject(r.subject, own?.subject),
    subjectTitle: maskSubject(r.subjectTitle, own?.subjectTitle),
  });
  if (hidden.length) return { row: hideWith(hidden), full: false };
  return { row: r, full: JSON.stringify(hideWith(all)) !== JSON.stringify(r) };
}

/** Forms (active versions) whose subject or subject title is sensitive and not seen in full in all the caller's units. */
function hiddenSubjects(ctx: PlatformContext, principal: Principal) {
  return ctx.registry
    .active()
    .flatMap((p) =>
      [...p.forms.values()]
        .filter(
          (f) =>
            (f.sensitive.subject || f.sensitive.subjectTitle) &&
            !principal.scopePaths.every((path) => seesInFull(principal, f.sensitive, path)),
        )
        .map((f) => ({ pluginId: p.id, formId: f.id, subject: !!f.sensitive.subject, subjectTitle: !!f.sensitive.subjectTitle })),
    );
}

function summaryOf(ctx: PlatformContext, principal: Principal, r: SummaryRow): RecordSummary {
  const form: FormDefinition | undefined = ctx.registry.find(r.pluginId, r.pluginVersion)?.forms.get(r.formId);
  // allowedTransitions reads only the state and the org path of the record.
  const where = { state: r.state, orgPath: r.orgPath } as RecordRow;
  return {
    id: r.id,
    plugin: { id: r.pluginId, version: r.pluginVersion },
    form: r.formId,
    period: r.period,
    orgUnit: r.orgUnit ? { id: r.orgUnitId, ...r.orgUnit } : null,
    subject: r.subject,
    subjectTitle: r.subjectTitle,
    state: r.state,
    stateTitle: form?.workflow?.states.get(r.state)?.title ?? null,
    editable: form ? isEditable(form, r.state) && holdsRole(principal, form.manifest.createRoles ?? ['officer'], r.orgPath) : false,
    revision: r.revision,
    updatedAt: r.updatedAt,
    submittedAt: r.submittedAt,
    score: r.scoreTotal === null && r.scoreMax === null ? null : { total: r.scoreTotal, max: r.scoreMax },
    blocking: r.blocking,
    transitions: form ? allowedTransitions(form, principal, where) : [],
    columns: r.columns,
  };
}

/**
 * The list's filter as the store takes it, checked: the unit within the caller's, the sort a known one. The queue
 * and "导出全部" both read through it, so an export holds exactly what the list shows, page after page.
 */
export async function listFilter(
  ctx: PlatformContext,
  principal: Principal,
  q: ListQuery,
): Promise<{ filter: RecordFilter; forms: ListedForm[] }> {
  let underPath: string | undefined;
  if (q.orgUnitId) {
    const unit = await getOrgUnit(ctx.db, q.orgUnitId);
    if (!unit || !canSee(principal, unit.path))
      throw new HezuoError('ORG_UNIT_INVALID', [
        detail('/orgUnitId', '组织机构不存在或不在您的管辖范围', 'Unknown org unit or outside your units'),
      ]);
    underPath = unit.path;
  }
  const forms = listedForms(ctx, q);
  const filter: RecordFilter = {
    scopePaths: principal.scopePaths,
    pluginId: q.plugin,
    formId: q.form,
    period: q.period,
    states: q.state ? q.state.split(',') : undefined,
    underPath,
    createdBy: q.createdBy,
    minScore: q.minScore,
    maxScore: q.maxScore,
    textPattern: q.q ? containsPattern(q.q) : undefined,
    // A part of a masked subject would let a user find its digits by searching; there only the whole text matches.
    hiddenSubjects: q.q ? hiddenSubjects(ctx, principal) : undefined,
    textExact: q.q,
    sort: chooseSort(forms, principal, q),
  };
  return { filter, forms };
}

export async function findRecords(ctx: PlatformContext, principal: Principal, q: ListQuery) {
  const { limit, offset } = pageOf(q);
  const { filter, forms } = await listFilter(ctx, principal, q);
  const columns = chooseColumns(forms, q);
  const { rows, total } = await listRecordSummaries(ctx.db, { ...filter, limit, offset, columns });
  const shown = rows.map((r) => maskSummary(ctx, principal, r, ctx.registry.find(r.pluginId, r.pluginVersion)?.forms.get(r.formId)));
  await logRecordsShown(
    ctx.db,
    principal,
    shown.filter((s) => s.full).map((s) => s.row),
    'list',
  );
  return { items: shown.map((s) => summaryOf(ctx, principal, s.row)), total, limit, offset };
}
