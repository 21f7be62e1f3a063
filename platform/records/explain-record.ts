// "Why" for a stored record, on the server: the record's rules over the facts they read when it was decided
// (parameters, referenced records, the subject's marks, follow-ups — what the browser does not have), one rule run
// in trace mode (platform/evaluation/explain-rule.ts). Read-only: nothing is locked, written or stored. A principal
// who sees the form's sensitive fields masked sees masked values in the trace too (any value derived from one).
import { HezuoError, detail } from '../errors';
import { canSee, type Principal } from '../access/principal';
import { fieldsToMask } from '../access/sensitive-access';
import { explainRule, type Explanation } from '../evaluation';
import { ruleEngineOf } from '../plugins/build-forms';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { getAtPointer } from '../plugins/schema-walk';
import type { RecordRow } from '../store/records-store';
import type { RuleEngine } from '../rules';
import { maskTrace } from './mask-trace';
import { loadFacts } from '../store/write-store';
import { today, type PlatformContext } from '../context';
import { evaluationInput } from './evaluate-record';
import { loadEvaluationFacts } from './write-facts';
import { NO_SUCH_RECORD } from './plan-write';
import { keptOverrides } from './plan-overrides';

/** One engine per plugin version (its calendars and code lists), made on the first "why" asked of it. */
const engines = new WeakMap<PluginDefinition, RuleEngine>();
const engineOf = (plugin: PluginDefinition): RuleEngine => {
  let engine = engines.get(plugin);
  if (!engine) engines.set(plugin, (engine = ruleEngineOf(plugin.files as never, plugin.files['plugin.json'] as never).engine));
  return engine;
};

export async function explainRecordRule(ctx: PlatformContext, principal: Principal, id: string, ruleId: string): Promise<Explanation> {
  const { record: row, units } = await loadFacts(ctx.db, { recordId: id, unitOfRecord: true });
  const unit = units[0];
  if (!row || !unit || !canSee(principal, row.orgPath)) throw new HezuoError('NOT_FOUND', [NO_SUCH_RECORD()]);
  const { plugin, form } = ctx.registry.form(row.pluginId, row.formId, row.pluginVersion);
  const day = today(ctx);
  const facts = await loadEvaluationFacts(ctx.db, plugin, form, row.data, row, { recordId: id, today: day });
  // As a recompute decides it: a submitted record on the day it was evaluated, a draft as of today.
  const asOf = row.submittedAt ? String((row.results as { asOf?: string }).asOf ?? day) : day;
  const built = evaluationInput(
    plugin,
    form,
    row.data,
    { id: row.id, period: row.period, state: row.state, unit, workflow: row.workflow, overrides: keptOverrides(row.results) },
    asOf,
    principal,
    facts,
  );
  if ('errors' in built) throw new HezuoError('REFERENCE_INVALID', built.errors);
  const explanation = explainRule(form, engineOf(plugin), built.input, ruleId);
  if (!explanation) throw new HezuoError('NOT_FOUND', [detail('/rule', `表单没有规则:${ruleId}`, `The form has no rule ${ruleId}`)]);
  const hidden = fieldsToMask(principal, form.sensitive, row.orgPath).map((f) => f.pointer);
  const refVars = hiddenRefVars(principal, plugin, form, row.data, facts.refs);
  return {
    rule: explanation.rule,
    when: maskTrace(explanation.when, hidden, refVars),
    logic: maskTrace(explanation.logic, hidden, refVars),
  };
}

/**
 * What the trace must not show of referenced records: the whole of one the user may name (x-ref reach) but not see,
 * and the masked sensitive fields of one they see.
 */
function hiddenRefVars(
  principal: Principal,
  plugin: PluginDefinition,
  form: FormDefinition,
  data: Record<string, unknown>,
  refs: ReadonlyMap<string, RecordRow>,
): string[] {
  const out: string[] = [];
  for (const ref of form.references) {
    const id = getAtPointer(data, ref.pointer);
    const target = typeof id === 'string' ? refs.get(id) : undefined;
    if (!target) continue;
    const v = `refs.${ref.pointer}`;
    if (!canSee(principal, target.orgPath)) out.push(v);
    else
      for (const f of fieldsToMask(principal, plugin.forms.get(ref.form)?.sensitive, target.orgPath))
        // Within a list (`*`), the whole list: a rule reads its items by index.
        out.push([`${v}.data`, ...f.path.slice(0, f.path.indexOf('*') < 0 ? undefined : f.path.indexOf('*'))].join('.'));
  }
  return out;
}
