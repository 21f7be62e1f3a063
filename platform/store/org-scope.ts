// "This org path lies within one of these units": the one SQL condition every scoped query uses.
//
// Org paths are materialised as "/root/…/self/" (orgs-store): every path starts and ends with "/" and unit ids
// cannot contain "/", so "starts with the unit's path" is exactly "the unit or below" — "/44/01/" does not
// match "/44/011/". A plain `like path || '%'` is not: "_" (allowed in unit ids) and "%" are wildcards, so the
// officer of "q_1" would see "qx1". The path is therefore escaped and matched with an explicit ESCAPE.
//
// Why LIKE and not starts_with(): a LIKE with a constant prefix is what PostgreSQL turns into a range scan on a
// text_pattern_ops index (records_scope on (plugin_id, form_id, period, org_path text_pattern_ops) for lists,
// rankings and reports of one form; records_org_path and org_units_path_prefix otherwise). The pattern is bound,
// but pg's unnamed statements are planned with the bound values, so the prefix is known to the planner (EXPLAIN on
// 60,000 records, PostgreSQL 15: an index range `org_path ~>=~ '/p/c_7/' and org_path ~<~ '/p/c_70'` on records_scope
// for a queue, a BitmapOr of records_org_path ranges for several units).
// starts_with() can use only SP-GiST (or, from PostgreSQL 15, a btree under the C collation).
import { sql, type RawBuilder } from 'kysely';

/** Escapes LIKE's wildcards and its escape character, for use with `escape '\'`. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A materialised org path: the only shape whose prefix means "this unit and below". Anything else is a bug. */
function checkedPath(path: string): string {
  if (!path.startsWith('/') || !path.endsWith('/')) throw new Error(`not an org path: ${JSON.stringify(path)}`);
  return path;
}

/** `column` (a trusted column reference such as 'org_path' or 'r.org_path') lies at or below `path`. */
export function pathUnder(column: string, path: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${escapeLike(checkedPath(path)) + '%'} escape '\\'`;
}

/** `column` lies at or below one of `paths`; false for no paths (a user without units sees nothing). */
export function pathWithin(column: string, paths: readonly string[]): RawBuilder<boolean> {
  if (paths.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(
    paths.map((p) => pathUnder(column, p)),
    sql` or `,
  )})`;
}
