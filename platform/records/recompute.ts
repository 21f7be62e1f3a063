// After a parameter change, the rule results of every record still in play follow it. Records in a final state
// keep the results they were decided on.
import { today, type PlatformContext } from '../context';
import type { Executor } from '../store/schema';
import { getOrgUnit } from '../store/orgs-store';
import { appendAudit, getRecord, recordIdsInStates, updateRecord } from '../store/records-store';
import type { PluginDefinition } from '../plugins/types';
import { evaluateRecord } from './evaluate-record';
import { diffData } from './diff';

export function finalStates(plugin: PluginDefinition): string[] {
  const out = new Set<string>();
  for (const wf of plugin.workflows.values()) for (const s of wf.states.values()) if (s.final) out.add(s.id);
  return [...out];
}

export async function recomputePlugin(ctx: PlatformContext, tx: Executor, plugin: PluginDefinition, params: Record<string, unknown>, actorId: string): Promise<number> {
  const ids = await recordIdsInStates(tx, plugin.id, finalStates(plugin));
  let changed = 0;
  for (const id of ids) {
    const row = (await getRecord(tx, id, true))!;
    const def = ctx.registry.find(row.pluginId, row.pluginVersion);
    const form = def?.forms.get(row.formId);
    if (!def || !form) continue;
    const unit = (await getOrgUnit(tx, row.orgUnitId))!;
    const asOf = row.submittedAt ? String((row.results as { asOf?: string }).asOf ?? today(ctx)) : today(ctx);
    const ev = await evaluateRecord(tx, def, form, params, row.data, { id, period: row.period, state: row.state, unit, workflow: row.workflow }, asOf, null);
    const changes = diffData(row.results, ev.results);
    if (changes.length === 0) continue;
    const updated = await updateRecord(tx, id, row.revision, { results: ev.results as unknown as Record<string, unknown>, data: ev.data });
    if (!updated) continue;
    await appendAudit(tx, { recordId: id, actorId, action: 'recompute', revision: updated.revision, pluginVersion: row.pluginVersion, changes: changes.map((c) => ({ ...c, pointer: `/results${c.pointer}` })) });
    changed++;
  }
  return changed;
}
