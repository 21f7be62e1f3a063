// An upgrade's option `moveOpenRecords`: the open (non-final) records of the version being replaced take the new
// version and are evaluated under it, inside the install's transaction, through the same planning step as a
// parameter recompute (records/recompute.ts). Every moved record gets a new revision and an audit event naming the
// version change, whether or not its results changed: the version a record is judged under is part of its history.
// A record whose form or workflow state the new version no longer has keeps its version (it still renders).
import { today, type PlatformContext } from '../context';
import type { Executor } from '../store/schema';
import { toRecord, type RecordRow } from '../store/records-store';
import { updateRecordWithAudit } from '../store/write-store';
import type { PluginDefinition } from '../plugins/types';
import { effectiveParameters } from '../parameters/effective-parameters';
import { finalStates, planRecompute } from '../records/recompute';
import { loadBatchFacts } from '../records/write-facts';

const BATCH = 200;

export interface MovedRecords {
  moved: number;
  /** Open records that kept their version: their form or state is not in the new version. */
  kept: string[];
}

function fitsVersion(plugin: PluginDefinition, row: RecordRow): boolean {
  const form = plugin.forms.get(row.formId);
  if (!form) return false;
  return !form.workflow || form.workflow.states.has(row.state);
}

/** Moves the open records of `from` to `to` (both registered or given), recomputed and audited. */
export async function moveOpenRecords(
  ctx: PlatformContext,
  tx: Executor,
  from: PluginDefinition,
  to: PluginDefinition,
  actorId: string,
): Promise<MovedRecords> {
  const finals = finalStates(from);
  let q = tx.selectFrom('records').selectAll().where('plugin_id', '=', from.id).where('plugin_version', '=', from.version);
  if (finals.length) q = q.where('state', 'not in', finals);
  // Locked until the install commits: an officer's save of one of them waits and then sees the new version.
  const rows = (await q.orderBy('id').forUpdate().execute()).map(toRecord);
  const { values: params } = await effectiveParameters(tx, to);
  const day = today(ctx);
  const comment = `插件升级 ${from.version} → ${to.version},重新计算 / moved to ${to.id}@${to.version} by an upgrade and recomputed`;
  const kept: string[] = [];
  let moved = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).filter((r) => (fitsVersion(to, r) ? true : (kept.push(r.id), false)));
    if (!batch.length) continue;
    const items = batch.map((row) => ({
      row,
      form: to.forms.get(row.formId)!,
      data: row.data,
      period: row.period,
      orgUnitId: row.orgUnitId,
    }));
    const facts = await loadBatchFacts(tx, to, items, {
      unitIds: [...new Set(items.map((x) => x.orgUnitId))],
      followUpsOf: { recordIds: items.map((x) => x.row.id), today: day },
    });
    const units = new Map(facts.units.map((u) => [u.id, u]));
    for (const { row, form } of items) {
      const unit = units.get(row.orgUnitId);
      if (!unit) {
        kept.push(row.id);
        continue;
      }
      const moving = { ...row, pluginVersion: to.version };
      const plan = planRecompute(to, form, moving, unit, { ...facts, params }, day, { actorId, comment });
      const versionChange = { pointer: '/pluginVersion', from: from.version, to: to.version };
      await tx.updateTable('records').set({ plugin_version: to.version }).where('id', '=', row.id).execute();
      const change = plan.kind === 'update' ? plan.change : {};
      const changes = plan.kind === 'update' ? [versionChange, ...plan.audit.changes] : [versionChange];
      await updateRecordWithAudit(tx, row.id, row.revision, change, {
        actorId,
        action: 'recompute',
        pluginVersion: to.version,
        changes,
        comment,
      });
      moved++;
    }
  }
  return { moved, kept };
}
