// A form's links counted for one record on a date (plugins/form-links.ts): the report's links join
// (report-links-sql.ts) restricted to the links naming this record, in one statement. Linking and joined records
// are read within the asking user's units, as in a report.
import { sql } from 'kysely';
import type { Executor } from './schema';
import { linkCount, linksJoin } from './report-links-sql';
import { render, type Env } from './reports-store';
import type { PlanLinks } from '../reports/types';

/** The counts in the plan's order; a record no link names gets zeros. */
export async function countRecordLinks(
  ex: Executor,
  run: { pluginId: string; recordId: string; links: PlanLinks; scopePaths: readonly string[]; env: Env },
): Promise<number[]> {
  const { pluginId, recordId, links, scopePaths, env } = run;
  const counts = links.counts.map((_, i) => sql`${linkCount(i)} as ${sql.raw(`n${i}`)}`);
  const join = linksJoin(pluginId, links, scopePaths, (e) => render(e, env), recordId);
  const { rows } = await sql<Record<string, string | number>>`select ${sql.join(counts)} from records r ${join}
    where r.id = ${recordId}`.execute(ex);
  const row = rows[0];
  return links.counts.map((_, i) => Number(row?.[`n${i}`] ?? 0));
}
