// The caller's to-dos: per form and state, how many records wait for a step the caller may take now. Who may take
// a step is allowedTransitions (the rule the record view and the step itself apply), over record counts grouped by
// unit, so the rule is never restated in SQL. A record in its workflow's initial state is its author's draft (in
// 我的申报), and a final state has no step: neither is a to-do.
import type { LocalText } from '../errors';
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { allowedTransitions } from '../workflows/allowed-transitions';
import { countByStateAndUnit } from '../store/state-counts-store';

export interface Todo {
  plugin: string;
  pluginTitle: LocalText;
  form: string;
  formTitle: LocalText;
  state: string;
  stateTitle: LocalText | null;
  count: number;
  /** The steps the caller may take there (ids and titles of the active version). */
  transitions: { id: string; title: LocalText }[];
}

export async function myTodos(ctx: PlatformContext, principal: Principal): Promise<{ items: Todo[]; total: number }> {
  const active = ctx.registry.active();
  const waiting = active.flatMap((p) =>
    [...p.forms.values()].map((f) => {
      const wf = f.workflow;
      const states = wf ? [...wf.states.values()].filter((s) => s.id !== wf.workflow.initial && !s.final).map((s) => s.id) : [];
      return { pluginId: p.id, formId: f.id, states };
    }),
  );
  const counts = await countByStateAndUnit(ctx.db, principal.scopePaths, waiting);
  const byKey = new Map<string, Todo>();
  for (const c of counts) {
    // The steps of the record's own version decide, as they do when the step is taken.
    const form = ctx.registry.find(c.pluginId, c.pluginVersion)?.forms.get(c.formId);
    if (!form || allowedTransitions(form, principal, { state: c.state, orgPath: c.orgPath }).length === 0) continue;
    const key = `${c.pluginId}\u0000${c.formId}\u0000${c.state}`;
    const had = byKey.get(key);
    if (had) {
      had.count += c.count;
      continue;
    }
    const plugin = ctx.registry.find(c.pluginId)!;
    const current = plugin.forms.get(c.formId) ?? form;
    byKey.set(key, {
      plugin: c.pluginId,
      pluginTitle: plugin.manifest.title,
      form: c.formId,
      formTitle: current.manifest.title,
      state: c.state,
      stateTitle: current.workflow?.states.get(c.state)?.title ?? null,
      count: c.count,
      transitions: allowedTransitions(current, principal, { state: c.state, orgPath: c.orgPath }).map((t) => ({
        id: t.id,
        title: t.title,
      })),
    });
  }
  // Forms in plugin order, states in their workflow's order (the order a record passes them).
  const stateIndex = (t: Todo) => {
    const states = ctx.registry.find(t.plugin)?.forms.get(t.form)?.workflow?.states;
    return states ? [...states.keys()].indexOf(t.state) : 0;
  };
  const items = [...byKey.values()].sort(
    (a, b) => a.plugin.localeCompare(b.plugin) || a.form.localeCompare(b.form) || stateIndex(a) - stateIndex(b),
  );
  return { items, total: items.reduce((n, t) => n + t.count, 0) };
}
