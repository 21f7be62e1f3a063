// Marks on a subject (a title held, a bar on re-application): facts that outlive the record that set them.
import type { LocalText } from '../errors';
import type { Executor } from './schema';
import { pathWithin } from './org-scope';

export async function addMark(
  ex: Executor,
  m: {
    pluginId: string;
    subject: string;
    kind: string;
    from: string;
    until: string | null;
    reason: LocalText;
    recordId: string;
    userId: string;
  },
) {
  await ex
    .insertInto('marks')
    .values({
      plugin_id: m.pluginId,
      subject: m.subject,
      kind: m.kind,
      from_date: m.from,
      until_date: m.until,
      reason: JSON.stringify(m.reason),
      record_id: m.recordId,
      created_by: m.userId,
    })
    .execute();
}

/** Ends every mark of these kinds that is still open on `day`. */
export async function endMarks(ex: Executor, pluginId: string, subject: string, kinds: string[], day: string) {
  if (kinds.length === 0) return;
  await ex
    .updateTable('marks')
    .set({ until_date: day })
    .where('plugin_id', '=', pluginId)
    .where('subject', '=', subject)
    .where('kind', 'in', kinds)
    .where((eb) => eb.or([eb('until_date', 'is', null), eb('until_date', '>', day)]))
    .execute();
}

/**
 * Marks of a plugin that the caller may see. A mark is seen through the record that set it (as in reports): its
 * unit decides, so a district lists the marks of its own records and never learns of subjects barred elsewhere.
 * (Rules still read every mark of a subject — a bar holds across units; that is policy, not a listing.)
 */
export async function listMarks(ex: Executor, pluginId: string, scopePaths: readonly string[], kind?: string) {
  if (scopePaths.length === 0) return [];
  let q = ex
    .selectFrom('marks')
    .innerJoin('records', 'records.id', 'marks.record_id')
    .selectAll('marks')
    // The marking record's unit and form: a subject read from a sensitive field is masked by that form's right there.
    .select(['records.org_path as record_org_path', 'records.form_id as record_form_id', 'records.plugin_version as record_plugin_version'])
    .where('marks.plugin_id', '=', pluginId)
    .where(pathWithin('records.org_path', scopePaths))
    .orderBy('marks.id');
  if (kind) q = q.where('marks.kind', '=', kind);
  return q.execute();
}
