// The records an x-ref field's picker may offer (records/ref-options.ts decides who may name what): those of a form
// filed within the user's units, at exactly one of the unit paths above them, or within the subtrees the field also
// reaches (the plugin's regions), by id or a title match.
import { sql } from 'kysely';
import { escapeLike, pathWithin } from './org-scope';
import type { Executor } from './schema';

export interface RefCandidate {
  id: string;
  org_path: string;
  subject: string | null;
  subject_title: string | null;
  unit_id: string;
  unit_code: string;
  unit_name: unknown;
}

export async function refCandidates(
  ex: Executor,
  s: {
    pluginId: string;
    formId: string;
    scopePaths: readonly string[];
    /** Exact unit paths above the user's units that the field also reaches. */
    alsoAt: readonly string[];
    /** Whole subtrees the field also reaches (reach `region`). */
    alsoWithin?: readonly string[];
    ids: readonly string[];
    /** An id, or a part of the title (case-insensitive). */
    q: string;
    limit: number;
  },
): Promise<RefCandidate[]> {
  if (!s.scopePaths.length) return [];
  const parts = [pathWithin('r.org_path', s.scopePaths)];
  if (s.alsoAt.length) parts.push(sql<boolean>`r.org_path in (${sql.join([...s.alsoAt])})`);
  if (s.alsoWithin?.length) parts.push(pathWithin('r.org_path', s.alsoWithin));
  const reachable = sql<boolean>`(${sql.join(parts, sql` or `)})`;
  let sel = ex
    .selectFrom('records as r')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .select(['r.id', 'r.org_path', 'r.subject', 'r.subject_title', 'u.id as unit_id', 'u.code as unit_code', 'u.name as unit_name'])
    .where('r.plugin_id', '=', s.pluginId)
    .where('r.form_id', '=', s.formId)
    .where(reachable);
  if (s.ids.length) sel = sel.where('r.id', 'in', [...s.ids]);
  if (s.q)
    sel = sel.where((eb) => eb.or([eb('r.id', '=', s.q), sql<boolean>`r.subject_title ilike ${'%' + escapeLike(s.q) + '%'} escape '\\'`]));
  return (await sel.orderBy('r.subject_title').orderBy('r.id').limit(s.limit).execute()) as RefCandidate[];
}
