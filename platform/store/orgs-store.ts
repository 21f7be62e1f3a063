// Org units: a tree kept as materialised paths so that "this unit and below" is a prefix match.
import type { LocalText } from '../errors';
import type { Executor } from './schema';
import { pathWithin } from './org-scope';

export interface OrgUnit {
  id: string;
  parentId: string | null;
  code: string;
  name: LocalText;
  level: string;
  path: string;
}

const toUnit = (r: any): OrgUnit => ({ id: r.id, parentId: r.parent_id, code: r.code, name: r.name, level: r.level, path: r.path });

export async function insertOrgUnit(
  ex: Executor,
  u: { id: string; parentId: string | null; code: string; name: LocalText; level: string },
): Promise<OrgUnit> {
  let path = `/${u.id}/`;
  if (u.parentId) {
    const parent = await ex.selectFrom('org_units').select('path').where('id', '=', u.parentId).executeTakeFirstOrThrow();
    path = `${parent.path}${u.id}/`;
  }
  const row = await ex
    .insertInto('org_units')
    .values({ id: u.id, parent_id: u.parentId, code: u.code, name: JSON.stringify(u.name), level: u.level, path })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUnit(row);
}

export async function getOrgUnit(ex: Executor, id: string): Promise<OrgUnit | undefined> {
  const row = await ex.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUnit(row) : undefined;
}

export async function listOrgUnits(ex: Executor, underPaths?: string[]): Promise<OrgUnit[]> {
  let q = ex.selectFrom('org_units').selectAll().orderBy('path');
  if (underPaths) {
    if (underPaths.length === 0) return [];
    q = q.where(pathWithin('path', underPaths)); // org_units_path_prefix (text_pattern_ops)
  }
  return (await q.execute()).map(toUnit);
}

export async function countOrgUnits(ex: Executor): Promise<number> {
  const r = await ex
    .selectFrom('org_units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listOrgUnitsById(ex: Executor, ids: string[]): Promise<OrgUnit[]> {
  if (ids.length === 0) return [];
  return (await ex.selectFrom('org_units').selectAll().where('id', 'in', ids).execute()).map(toUnit);
}

/** Org paths of the units with these codes (a plugin's regions, GB/T 2260 codes, in this server's tree). */
export async function orgPathsByCodes(ex: Executor, codes: string[]): Promise<{ code: string; path: string }[]> {
  if (!codes.length) return [];
  return ex.selectFrom('org_units').select(['code', 'path']).where('code', 'in', codes).execute();
}

/** Units that already hold this id or this code. */
export async function orgUnitClashes(ex: Executor, id: string, code: string): Promise<OrgUnit[]> {
  const rows = await ex
    .selectFrom('org_units')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', id), eb('code', '=', code)]))
    .execute();
  return rows.map(toUnit);
}

/** A concurrent create took the id or code between our check and our insert. */
export const isOrgUnitClash = (e: any): 'id' | 'code' | null =>
  e?.code !== '23505' ? null : e.constraint === 'org_units_code_unique' ? 'code' : e.constraint === 'org_units_pkey' ? 'id' : null;
