// The record picker of an x-ref field: the records of the referenced form the user may name there (ref-reach.ts),
// found by title, each as {id, title, unit} and nothing more — a record reached beyond the user's units is named,
// not shown. Titles of forms whose subject title is a sensitive field come masked as the record view masks them,
// and such a record is found by its id only: a search by the hidden title would tell what it is.
import { HezuoError, detail } from '../errors';
import type { Principal } from '../access/principal';
import { maskedRecord } from '../access/sensitive-access';
import { refCandidates } from '../store/ref-options-store';
import type { PlatformContext } from '../context';
import { reachPaths } from './ref-reach';

export const REF_OPTIONS_LIMIT = 50;

export interface RefOptionsQuery {
  field: string;
  q?: string;
  /** Comma-separated ids: the titles of values already chosen (a form being opened, a print). */
  ids?: string;
  version?: string;
}

export interface RefOption {
  id: string;
  title: string;
  unit: { id: string; code: string; name: unknown };
}

export async function refOptions(
  ctx: PlatformContext,
  principal: Principal,
  pluginId: string,
  formId: string,
  query: RefOptionsQuery,
): Promise<{ options: RefOption[] }> {
  const { plugin, form } = ctx.registry.form(pluginId, formId, query.version || undefined);
  const ref = form.references.find((r) => r.pointer === query.field);
  if (!ref)
    throw new HezuoError('BAD_REQUEST', [
      detail('/field', `${query.field} 不是本表单的引用字段(x-ref)`, `${query.field} is not an x-ref field of the form`),
    ]);
  const target = plugin.forms.get(ref.form);
  const ids = (query.ids ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, REF_OPTIONS_LIMIT);
  const q = query.q?.trim() ?? '';
  const rows = await refCandidates(ctx.db, {
    pluginId: plugin.id,
    formId: ref.form,
    scopePaths: principal.scopePaths,
    ...(await reachPaths(ctx.db, plugin, principal, ref.reach)),
    ids,
    q,
    limit: REF_OPTIONS_LIMIT,
  });
  const options: RefOption[] = [];
  for (const r of rows) {
    const shown = maskedRecord(principal, target?.sensitive, r.org_path, { subject: r.subject, subjectTitle: r.subject_title });
    const masked = shown.subjectTitle !== r.subject_title;
    if (masked && q && r.id !== q) continue;
    options.push({
      id: r.id,
      title: shown.subjectTitle ?? shown.subject ?? r.id,
      unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    });
  }
  return { options };
}
