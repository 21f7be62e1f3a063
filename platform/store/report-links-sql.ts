// The links of a report (platform/reports/report-links.ts) as one derived table joined to the source records:
// the linking records grouped by the record they name, one count per condition — a hash join over the whole data
// set rather than one lookup per record. Linking and joined records are read only within the user's scope, as a
// report's join is; records named by no link get no row, and their counts read as 0.
import { sql, type RawBuilder } from 'kysely';
import { pathWithin } from './org-scope';
import type { Expr, PlanLinks } from '../reports/types';

type Sql = RawBuilder<unknown>;

/** `lk.n<i>`, the i-th count of the links table; the index is the plan's, never plugin text. */
export function linkCount(index: number): Sql {
  if (!Number.isInteger(index) || index < 0 || index > 99) throw new Error(`not a link index: ${index}`);
  return sql`(coalesce(lk.${sql.raw(`n${index}`)}, 0))::numeric`;
}

/** `to`: only the links naming this one record (a form's links, read for one record) rather than every record. */
export function linksJoin(
  pluginId: string,
  links: PlanLinks,
  scopePaths: readonly string[],
  condition: (e: Expr) => Sql,
  to?: string,
): Sql {
  const by = sql`(l.data #>> ${[...links.by]}::text[])`;
  const counts = links.counts.map((e, i) => sql`count(*) filter (where ${condition(e)}) as ${sql.raw(`n${i}`)}`);
  const j = links.join;
  const joined = j
    ? sql`left join records lr on lr.id = (l.data #>> ${[...j.path]}::text[]) and lr.plugin_id = l.plugin_id and lr.form_id = ${j.form} and ${pathWithin('lr.org_path', scopePaths)}`
    : sql``;
  return sql`left join (select ${by} as _to, ${sql.join(counts)} from records l ${joined}
    where l.plugin_id = ${pluginId} and l.form_id = ${links.form} and ${pathWithin('l.org_path', scopePaths)} and ${by} is not null${to === undefined ? sql`` : sql` and ${by} = ${to}`}
    group by 1) lk on lk._to = r.id`;
}
