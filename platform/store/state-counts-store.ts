// Records counted by form version, state and unit within a scope: the rows the to-do list decides on (who may
// act is a rule of the workflow, applied in platform/messages/todos.ts, never repeated in SQL).
import { sql } from 'kysely';
import type { Executor } from './schema';
import { pathWithin } from './org-scope';

export interface StateCount {
  pluginId: string;
  pluginVersion: string;
  formId: string;
  state: string;
  orgPath: string;
  count: number;
}

/** Counts of records in `states` of each form (pluginId/formId → states), within `scopePaths`. */
export async function countByStateAndUnit(
  ex: Executor,
  scopePaths: readonly string[],
  forms: { pluginId: string; formId: string; states: string[] }[],
): Promise<StateCount[]> {
  const wanted = forms.filter((f) => f.states.length);
  if (scopePaths.length === 0 || wanted.length === 0) return [];
  const which = sql.join(
    wanted.map((f) => sql`(plugin_id = ${f.pluginId} and form_id = ${f.formId} and state = any(${f.states}::text[]))`),
    sql` or `,
  );
  const res = await sql<{
    plugin_id: string;
    plugin_version: string;
    form_id: string;
    state: string;
    org_path: string;
    n: string;
  }>`select plugin_id, plugin_version, form_id, state, org_path, count(*) as n from records
    where ${pathWithin('org_path', scopePaths)} and (${which})
    group by plugin_id, plugin_version, form_id, state, org_path`.execute(ex);
  return res.rows.map((r) => ({
    pluginId: r.plugin_id,
    pluginVersion: r.plugin_version,
    formId: r.form_id,
    state: r.state,
    orgPath: r.org_path,
    count: Number(r.n),
  }));
}
