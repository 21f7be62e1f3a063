// Remembered import mappings (migration 202612030040): one per office, form and file shape, the last saved wins.
import { sql } from 'kysely';
import type { Executor } from './schema';

export interface RememberedMapping {
  orgPath: string;
  signature: string;
  header: string[];
  /** {"<column index>": "<pointer>" | "orgUnit" | null}. */
  mapping: Record<string, string | null>;
  savedBy: string;
  savedByName: string;
  savedAt: Date;
}

export interface MappingKey {
  pluginId: string;
  formId: string;
  orgPath: string;
  signature: string;
}

export async function saveImportMapping(
  ex: Executor,
  k: MappingKey & { header: string[]; mapping: Record<string, string | null>; savedBy: string },
): Promise<void> {
  const row = {
    plugin_id: k.pluginId,
    form_id: k.formId,
    org_path: k.orgPath,
    signature: k.signature,
    header: JSON.stringify(k.header),
    mapping: JSON.stringify(k.mapping),
    saved_by: k.savedBy,
    saved_at: sql<Date>`now()`,
  };
  await ex
    .insertInto('import_mappings')
    .values(row as any)
    .onConflict((oc) =>
      oc.columns(['plugin_id', 'form_id', 'org_path', 'signature']).doUpdateSet({
        header: row.header,
        mapping: row.mapping,
        saved_by: row.saved_by,
        saved_at: sql<Date>`now()`,
      } as any),
    )
    .execute();
}

/** The newest mapping for this form and shape saved by any of the given offices (a user's scope paths). */
export async function findImportMapping(
  ex: Executor,
  k: Omit<MappingKey, 'orgPath'> & { orgPaths: string[] },
): Promise<RememberedMapping | null> {
  if (!k.orgPaths.length) return null;
  const r = await ex
    .selectFrom('import_mappings as m')
    .innerJoin('users as u', 'u.id', 'm.saved_by')
    .select(['m.org_path', 'm.signature', 'm.header', 'm.mapping', 'm.saved_by', 'm.saved_at', 'u.display_name'])
    .where('m.plugin_id', '=', k.pluginId)
    .where('m.form_id', '=', k.formId)
    .where('m.signature', '=', k.signature)
    .where('m.org_path', 'in', k.orgPaths)
    .orderBy('m.saved_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r
    ? {
        orgPath: r.org_path,
        signature: r.signature,
        header: r.header,
        mapping: r.mapping,
        savedBy: r.saved_by,
        savedByName: r.display_name,
        savedAt: new Date(r.saved_at),
      }
    : null;
}
