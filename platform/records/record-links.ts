// GET /api/records/:id/links: a record's links (a form's `links`, plugins/form-links.ts) counted on a date and the
// status they give, computed on every read in one statement within the asking user's units. Nothing is stored, so
// ending a linked record changes the answer without anyone editing this record.
import { HezuoError, detail } from '../errors';
import { today, type PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { countRecordLinks } from '../store/record-links-store';
import { visibleRecord } from './record-service';
import { parseDate } from '../rules/dates';

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one): a bad day would otherwise fail in the statement. */
const isDay = (s: string) => s.length === 10 && parseDate(s) !== null;

export async function recordLinks(ctx: PlatformContext, principal: Principal, id: string, query: { on?: string }) {
  const row = await visibleRecord(ctx.db, principal, id);
  const on = query.on ?? today(ctx);
  if (!isDay(on)) throw new HezuoError('BAD_REQUEST', [detail('/on', '应为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD')]);
  // The active version's declaration, as a report's: what a link means is the plugin's current word.
  const plugin = ctx.registry.find(row.pluginId) ?? ctx.registry.find(row.pluginId, row.pluginVersion);
  const declared = plugin?.formLinks.get(row.formId);
  if (!plugin || !declared) return { on, declared: false, counts: {}, status: null };
  const values = await countRecordLinks(ctx.db, {
    pluginId: row.pluginId,
    recordId: row.id,
    links: declared.plan,
    scopePaths: principal.scopePaths,
    env: { params: { on }, today: today(ctx), timeZone: ctx.timeZone },
  });
  const counts = Object.fromEntries(declared.names.map((n, i) => [n, values[i]]));
  const hit = declared.status.find((s) => !!s.when({ links: counts }));
  return { on, declared: true, counts, status: hit ? { id: hit.id, title: hit.title } : null };
}
