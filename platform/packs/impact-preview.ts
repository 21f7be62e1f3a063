// What an upgrade would do to the records already there: every open record of the installed (active) version
// evaluated under the incoming version with the bound parameter values, in memory, and compared with the outcome
// it shows now. Read in keyset pages inside one read-only transaction (one consistent snapshot, and the database
// itself refuses any write), so 100,000 records take bounded memory and nothing can be saved.
import { today, type PlatformContext } from '../context';
import { outcomeOf } from '../evaluation/compact-results';
import { canonicalJson } from './canonical-json';
import type { PluginDefinition } from '../plugins/types';
import { recordsPageAfter } from '../store/record-batches-store';
import { evaluateWithFacts } from '../records/evaluate-record';
import { finalStates } from '../records/recompute';
import { loadBatchFacts } from '../records/write-facts';
import { outcomeChanges, type RecordImpact } from './impact-outcome';
import { keptOverrides } from '../records/plan-overrides';

export { type RecordImpact } from './impact-outcome';

export interface ImpactTotals {
  /** Open records of the installed version looked at. */
  records: number;
  /** Records whose outcome (rule results or computed fields) would differ. */
  changed: number;
  unchanged: number;
  eligibility: number;
  class: number;
  score: number;
  blocking: number;
  /** Records whose data would no longer pass the new version's schema. */
  invalid: number;
  /** Records of a form the new version no longer has. */
  formRemoved: number;
  /** Records that could not be evaluated (a reference gone, a rule that threw). */
  failed: number;
}

export interface ImpactPreview {
  from: string;
  to: string;
  totals: ImpactTotals;
  /** The first `listLimit` changed records (in id order), before → after. */
  records: RecordImpact[];
  truncated: boolean;
}

export interface ImpactOptions {
  /** Changed records listed in full (the totals count all); 200 unless given. */
  listLimit?: number;
  /** Records read per keyset page; 500 unless given. */
  pageSize?: number;
}

const emptyTotals = (): ImpactTotals => ({
  records: 0,
  changed: 0,
  unchanged: 0,
  eligibility: 0,
  class: 0,
  score: 0,
  blocking: 0,
  invalid: 0,
  formRemoved: 0,
  failed: 0,
});

/**
 * The impact of moving the open records of `installed` to `incoming` under `params`. Reads only; the caller's
 * transaction is not used: this opens its own read-only one.
 */
export async function previewImpact(
  ctx: PlatformContext,
  installed: PluginDefinition,
  incoming: PluginDefinition,
  params: Record<string, unknown>,
  opts: ImpactOptions = {},
): Promise<ImpactPreview> {
  const listLimit = Math.max(0, opts.listLimit ?? 200);
  const pageSize = Math.max(1, opts.pageSize ?? 500);
  const finals = finalStates(installed);
  const day = today(ctx);
  const totals = emptyTotals();
  // Per form: is its schema other in the new version? Only then can saved data stop passing it.
  const schemaChanged = new Map(
    [...incoming.forms].map(([id, f]) => {
      const old = installed.forms.get(id);
      return [id, !old || canonicalJson(old.schema) !== canonicalJson(f.schema)];
    }),
  );
  const listed: RecordImpact[] = [];
  let truncated = false;

  await ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      let cursor: string | null = null;
      for (;;) {
        const rows = await recordsPageAfter(tx, installed.id, installed.version, finals, cursor, pageSize);
        if (!rows.length) break;
        cursor = rows[rows.length - 1].id;
        totals.records += rows.length;
        const items = rows.flatMap((row) => {
          const form = incoming.forms.get(row.formId);
          if (!form) {
            totals.formRemoved++;
            return [];
          }
          return [{ row, form, data: row.data, period: row.period, orgUnitId: row.orgUnitId }];
        });
        if (!items.length) continue;
        const facts = await loadBatchFacts(tx, incoming, items, {
          unitIds: [...new Set(items.map((i) => i.orgUnitId))],
          followUpsOf: { recordIds: items.map((i) => i.row.id), today: day },
        });
        const units = new Map(facts.units.map((u) => [u.id, u]));
        for (const { row, form } of items) {
          const unit = units.get(row.orgUnitId);
          // As a recompute would: a submitted record keeps the date it was evaluated on, a draft is seen as of today.
          const asOf = row.submittedAt ? String((row.results as { asOf?: string }).asOf ?? day) : day;
          // A record the new version cannot evaluate (unit or reference gone, a rule that throws) is counted in
          // `failed`, not a failed dry run: the admin sees how many.
          let out: ReturnType<typeof evaluateWithFacts> | null;
          try {
            out = unit
              ? evaluateWithFacts(
                  incoming,
                  form,
                  row.data,
                  { id: row.id, period: row.period, state: row.state, unit, workflow: row.workflow, overrides: keptOverrides(row.results) },
                  asOf,
                  null,
                  { ...facts, params },
                )
              : null;
          } catch {
            out = null;
          }
          if (!out || 'errors' in out) {
            totals.failed++;
            continue;
          }
          const impact = outcomeChanges(
            row,
            installed.forms.get(row.formId),
            form,
            { outcome: outcomeOf(row.results), data: row.data },
            { outcome: outcomeOf(out.ev.results), data: out.ev.data },
            schemaChanged.get(row.formId) ?? true,
          );
          if (!impact) {
            totals.unchanged++;
            continue;
          }
          totals.changed++;
          if (impact.eligible) totals.eligibility++;
          if (impact.classes) totals.class++;
          if (impact.score) totals.score++;
          if (impact.blocking) totals.blocking++;
          if (impact.invalid) totals.invalid++;
          if (listed.length < listLimit) listed.push(impact);
          else truncated = true;
        }
      }
    });
  return { from: installed.version, to: incoming.version, totals, records: listed, truncated };
}
