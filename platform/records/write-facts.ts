// The facts a record write is planned on (plan-write.ts), loaded before planning: for one record through the API
// (one statement for a create, client-id holder included; for an edit one too when where the record lives is
// known beforehand, else one for the record and one for what its data names) and for a batch
// (an import, a recompute), where each kind of fact is loaded for all rows at once.
import type { Principal } from '../access/principal';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import type { Executor } from '../store/schema';
import type { OrgUnit } from '../store/orgs-store';
import type { RecordRow } from '../store/records-store';
import type { AttachmentMeta } from '../store/attachments-store';
import { loadFacts, type FactsQuery, type LoadedFacts } from '../store/write-store';
import { sameShape } from './record-shapes';
import { effectiveValues } from '../parameters/effective-parameters';
import { namedAttachmentIds } from '../attachments/link-attachments';
import { referencedIds, subjectOf, withoutComputed, type EvaluationFacts } from './evaluate-record';
import { uniqueKeyOf } from './write-rules';
import { distinctAsks, earlierAsk } from './earlier-records';
import { reachesRegion } from './ref-reach';
import type { EarlierAsk } from '../store/earlier-store';

export interface WriteFacts extends EvaluationFacts {
  principal: Principal;
  asOf: string;
  /** Unique key → id of the record holding it (in the form written). */
  uniqueHolders: ReadonlyMap<string, string>;
  /** The attachments the data names, by id (absent ones are not there). */
  attachments: ReadonlyMap<string, AttachmentMeta>;
  /** The time an override made by this write is stamped with (ISO); now when absent. */
  now?: string;
}

export interface CreateFacts extends WriteFacts {
  /** The unit asked for, if it exists. */
  unit?: OrgUnit;
  /** The record already holding the id asked for, if any. */
  holderOfId?: RecordRow;
  /** The record this user already created with the request's client id, if any. */
  holderOfClientId?: RecordRow;
  /** Where the plugin applies (regionsOf); undefined when it names no regions, so it applies everywhere. */
  regionPaths?: readonly string[];
}

export interface UpdateFacts extends WriteFacts {
  unit?: OrgUnit;
  /** Events after the revision the edit was based on, when that is an older one: were they all recomputes? */
  eventsAfter?: { all: number; recomputes: number };
}

/** What a record's data makes the write look up: its subject, the records it references, the attachments it names. */
export function keysOf(form: FormDefinition, data: Record<string, unknown>) {
  const input = withoutComputed(form, data);
  return { input, subject: subjectOf(form, input), refIds: referencedIds(form, input), attachmentIds: namedAttachmentIds(form, input) };
}

/** The earlier-records part of a facts statement, when any record asks for them. */
export const earlierQuery = (plugin: PluginDefinition, asks: (EarlierAsk | null)[]) => {
  const distinct = distinctAsks(asks);
  return distinct.length ? { pluginId: plugin.id, asks: distinct } : undefined;
};

/**
 * Everything a create through the API is planned on, in one statement. `unlocked`: nothing is locked, for a write
 * that re-checks the attachments and the parameters' revision read (`paramsRevision`, null: none stored) itself
 * (insertRecordWithAudit).
 */
export async function loadCreateFacts(
  ex: Executor,
  plugin: PluginDefinition,
  form: FormDefinition,
  principal: Principal,
  asOf: string,
  c: { id: string; clientId?: string; period: string; orgUnitId: string; data: Record<string, unknown> },
  unlocked = false,
): Promise<CreateFacts & { paramsRevision: number | null }> {
  const k = keysOf(form, c.data);
  const uniqueKey = uniqueKeyOf(form, c.period, k.subject, c.orgUnitId);
  const f = await loadFacts(ex, {
    recordId: c.id,
    unitIds: [c.orgUnitId],
    paramsOf: plugin.id,
    refIds: k.refIds,
    marksPlugin: plugin.id,
    subjects: k.subject ? [k.subject] : [],
    uniqueIn: { pluginId: plugin.id, formId: form.id, keys: uniqueKey ? [uniqueKey] : [] },
    attachmentIds: k.attachmentIds,
    regionCodes: plugin.manifest.regions,
    earlierOf: earlierQuery(plugin, [earlierAsk(form, k.input, c.period, c.orgUnitId)]),
    clientIdOf: c.clientId ? { createdBy: principal.user.id, clientId: c.clientId } : undefined,
    unlocked,
  });
  return {
    principal,
    asOf,
    params: effectiveValues(plugin, f.params?.values),
    paramsRevision: f.params?.revision ?? null,
    refs: f.refs,
    marks: f.marks,
    earlier: f.earlier,
    uniqueHolders: f.uniqueHolders,
    attachments: f.attachments,
    unit: f.units[0],
    holderOfId: f.record,
    holderOfClientId: f.clientHolder,
    regionPaths: plugin.manifest.regions?.length ? f.regionPaths : undefined,
  };
}

/** Where an edit's data is looked up: the record's plugin and form, its id, period and unit. */
export interface EditPlace {
  plugin: PluginDefinition;
  form: FormDefinition;
  id: string;
  period: string;
  orgUnitId: string;
}

/** The part of a facts statement for what an edit's new data names. `knownKey`: the record's key, not looked up. */
function editQuery(p: EditPlace, asOf: string, data: Record<string, unknown>, unlocked: boolean, knownKey?: string | null): FactsQuery {
  const k = keysOf(p.form, data);
  const uniqueKey = uniqueKeyOf(p.form, p.period, k.subject, p.orgUnitId);
  return {
    paramsOf: p.plugin.id,
    refIds: k.refIds,
    marksPlugin: p.plugin.id,
    subjects: k.subject ? [k.subject] : [],
    uniqueIn: { pluginId: p.plugin.id, formId: p.form.id, keys: uniqueKey && uniqueKey !== knownKey ? [uniqueKey] : [] },
    attachmentIds: k.attachmentIds,
    regionCodes: reachesRegion(p.form) ? p.plugin.manifest.regions : undefined,
    followUpsOf: { recordIds: [p.id], today: asOf },
    earlierOf: earlierQuery(p.plugin, [earlierAsk(p.form, k.input, p.period, p.orgUnitId)]),
    unlocked,
  };
}

type EditFacts = UpdateFacts & { paramsRevision: number | null };

const editFacts = (
  p: EditPlace,
  f: LoadedFacts,
  principal: Principal,
  asOf: string,
  known: Pick<UpdateFacts, 'unit' | 'eventsAfter'>,
): EditFacts => ({
  principal,
  asOf,
  params: effectiveValues(p.plugin, f.params?.values),
  paramsRevision: f.params?.revision ?? null,
  refs: f.refs,
  marks: f.marks,
  earlier: f.earlier,
  followUps: f.followUps,
  uniqueHolders: f.uniqueHolders,
  attachments: f.attachments,
  unit: known.unit,
  eventsAfter: known.eventsAfter,
  regionPaths: f.regionPaths,
});

/**
 * The record an edit is for, with its unit and the events since the revision the edit was based on; locked unless
 * `unlocked` (the write then re-checks the revision and what the locks held: updateRecordIfHeld). With `guess`, where
 * the record was seen to live (record-shapes.ts), the rest of the edit's facts come in the same statement: `facts`
 * is set when the record read is where the guess said.
 */
export async function loadRecordToEdit(
  ex: Executor,
  id: string,
  basedOn: unknown,
  opts: { unlocked?: boolean; guess?: { place: EditPlace; principal: Principal; asOf: string; data: Record<string, unknown> } } = {},
): Promise<{ row?: RecordRow; unit?: OrgUnit; eventsAfter?: { all: number; recomputes: number }; facts?: EditFacts }> {
  const older = typeof basedOn === 'number' && Number.isInteger(basedOn) && basedOn >= 1 ? basedOn : undefined;
  const g = opts.guess;
  const f = await loadFacts(ex, {
    ...(g ? editQuery(g.place, g.asOf, g.data, !!opts.unlocked) : {}),
    recordId: id,
    lockRecord: !opts.unlocked,
    unitOfRecord: true,
    eventsAfterRevision: older,
  });
  const known = { row: f.record, unit: f.units[0], eventsAfter: f.eventsAfter };
  const p = g?.place;
  const right = p && f.record && sameShape(f.record, { ...p, pluginId: p.plugin.id, pluginVersion: p.plugin.version, formId: p.form.id });
  return right ? { ...known, facts: editFacts(p, f, g.principal, g.asOf, known) } : known;
}

/** The rest of an edit's facts: what the new data names, under the record's plugin, in one statement. */
export async function loadUpdateFacts(
  ex: Executor,
  plugin: PluginDefinition,
  form: FormDefinition,
  principal: Principal,
  asOf: string,
  row: RecordRow,
  data: Record<string, unknown>,
  known: { unit?: OrgUnit; eventsAfter?: { all: number; recomputes: number } },
  unlocked = false,
): Promise<EditFacts> {
  const place = { plugin, form, id: row.id, period: row.period, orgUnitId: row.orgUnitId };
  const f = await loadFacts(ex, editQuery(place, asOf, data, unlocked, row.uniqueKey));
  return editFacts(place, f, principal, asOf, known);
}

/** One row of a batch: its form and data, and where it is (or would be) filed, for its unique key. */
export interface BatchItem {
  form: FormDefinition;
  data: Record<string, unknown>;
  period: string;
  orgUnitId: string;
}

/**
 * The facts of a batch of writes of one plugin, one statement for all rows: referenced records, marks, attachments,
 * the units named in `unitIds`, and the holders of the rows' unique keys in `uniqueForm` (an import's one form).
 * Parameters are the caller's (loaded once per run or per batch).
 */
export async function loadBatchFacts(
  ex: Executor,
  plugin: PluginDefinition,
  items: BatchItem[],
  opts: { unitIds?: string[]; uniqueForm?: FormDefinition; followUpsOf?: { recordIds: string[]; today: string } } = {},
) {
  const refIds = new Set<string>();
  const subjects = new Set<string>();
  const keys = new Set<string>();
  const attachmentIds = new Set<string>();
  const asks: (EarlierAsk | null)[] = [];
  for (const it of items) {
    const k = keysOf(it.form, it.data);
    asks.push(earlierAsk(it.form, k.input, it.period, it.orgUnitId));
    k.refIds.forEach((id) => refIds.add(id));
    k.attachmentIds.forEach((id) => attachmentIds.add(id));
    if (k.subject) subjects.add(k.subject);
    const key = opts.uniqueForm ? uniqueKeyOf(opts.uniqueForm, it.period, k.subject, it.orgUnitId) : null;
    if (key) keys.add(key);
  }
  const f = await loadFacts(ex, {
    unitIds: opts.unitIds,
    refIds: [...refIds],
    marksPlugin: plugin.id,
    subjects: [...subjects],
    attachmentIds: [...attachmentIds],
    uniqueIn: opts.uniqueForm ? { pluginId: plugin.id, formId: opts.uniqueForm.id, keys: [...keys] } : undefined,
    regionCodes: plugin.manifest.regions,
    followUpsOf: opts.followUpsOf,
    earlierOf: earlierQuery(plugin, asks),
  });
  const regionPaths = plugin.manifest.regions?.length ? f.regionPaths : undefined;
  return {
    refs: f.refs,
    marks: f.marks,
    followUps: f.followUps,
    earlier: f.earlier,
    uniqueHolders: f.uniqueHolders,
    attachments: f.attachments,
    units: f.units,
    regionPaths,
  };
}

/** What the rules of one record read (parameters share-locked, referenced records, marks), in one statement. */
export async function loadEvaluationFacts(
  ex: Executor,
  plugin: PluginDefinition,
  form: FormDefinition,
  data: Record<string, unknown>,
  at: { period: string; orgUnitId: string },
  followUpsOf?: { recordId: string; today: string },
): Promise<EvaluationFacts> {
  const k = keysOf(form, data);
  const f = await loadFacts(ex, {
    paramsOf: plugin.id,
    refIds: k.refIds,
    marksPlugin: plugin.id,
    subjects: k.subject ? [k.subject] : [],
    regionCodes: reachesRegion(form) ? plugin.manifest.regions : undefined,
    followUpsOf: followUpsOf && { recordIds: [followUpsOf.recordId], today: followUpsOf.today },
    earlierOf: earlierQuery(plugin, [earlierAsk(form, k.input, at.period, at.orgUnitId)]),
  });
  return {
    params: effectiveValues(plugin, f.params?.values),
    refs: f.refs,
    marks: f.marks,
    followUps: f.followUps,
    earlier: f.earlier,
    regionPaths: f.regionPaths,
  };
}
