// Outcomes a user replaces (issue 11): a compute or classify rule that declares `override: { roles, reason }` may
// have its value on a record replaced by one of those roles, always with a reason. A write carries
// `overrides: { <rule id>: { value, reason } | null }` (null clears one); this step checks it against the form and the
// user and gives what the record keeps next. No I/O: plan-write.ts calls it before evaluating, and the evaluator
// (evaluate-form.ts) applies the chosen values, so every later rule, class, list and report sees the chosen one.
import { detail, type ErrorCode, type ErrorDetail } from '../errors';
import { holdsRole, type Principal } from '../access/principal';
import type { ClassifyRule, ComputeRule, FormDefinition } from '../plugins/types';
import type { ChosenOutcome } from '../evaluation/types';
import type { Change } from './diff';

/** The longest reason kept: a sentence or a paragraph, never a document. */
export const MAX_OVERRIDE_REASON = 2000;
const MAX_TEXT_VALUE = 200;

export type Overrides = Record<string, ChosenOutcome>;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The overrides a record keeps, from its stored results (compact or full); undefined when it keeps none. */
export function keptOverrides(results: unknown): Overrides | undefined {
  const o = isObject(results) ? results.overrides : undefined;
  if (!isObject(o)) return undefined;
  const out: Overrides = {};
  for (const [id, v] of Object.entries(o)) {
    if (isObject(v) && 'chosen' in v)
      out[id] = { chosen: v.chosen, reason: String(v.reason ?? ''), by: String(v.by ?? ''), at: String(v.at ?? '') };
  }
  return Object.keys(out).length ? out : undefined;
}

/** The rules of a form that declare `override`, by id. */
export function overridableRules(form: Pick<FormDefinition, 'rules'>): Map<string, ComputeRule | ClassifyRule> {
  const out = new Map<string, ComputeRule | ClassifyRule>();
  for (const { rule } of form.rules) if ((rule.kind === 'compute' || rule.kind === 'classify') && rule.override) out.set(rule.id, rule);
  return out;
}

interface Refused {
  refused: { code: ErrorCode; details: ErrorDetail[] };
}
const refuse = (code: ErrorCode, d: ErrorDetail): Refused => ({ refused: { code, details: [d] } });

/** Whether `value` may stand for the rule's outcome: a code of its list, else a plain text, number or true/false. */
export function valueProblem(form: Pick<FormDefinition, 'classLabels'>, rule: ComputeRule | ClassifyRule, value: unknown): string | null {
  const labels = rule.kind === 'classify' ? form.classLabels?.get(rule.id) : undefined;
  if (labels) return (typeof value === 'string' || typeof value === 'number') && labels.has(String(value)) ? null : 'not-a-code';
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return null;
  if (typeof value === 'string' && value.trim() !== '' && value.length <= MAX_TEXT_VALUE) return null;
  return 'not-plain';
}

const shown = (o: ChosenOutcome | undefined) => (o ? { chosen: o.chosen, reason: o.reason } : undefined);

/**
 * The overrides a record keeps after a write: `kept` (what it had) changed by `asked` (the request's `overrides`).
 * Refused, naming /overrides/<id>, when the rule allows no override, the user holds none of its roles at `orgPath`,
 * the reason is missing or blank, or the value is no valid outcome. `changes` is what the audit event records.
 */
export function planOverrides(
  form: Pick<FormDefinition, 'rules' | 'classLabels'>,
  kept: Overrides | undefined,
  asked: unknown,
  who: { principal: Principal; orgPath: string; at: string },
): Refused | { overrides: Overrides | undefined; changes: Change[] } {
  if (asked === undefined) return { overrides: kept, changes: [] };
  if (!isObject(asked)) {
    return { refused: { code: 'BAD_REQUEST', details: [detail('/overrides', 'overrides 必须是对象', 'overrides must be an object')] } };
  }
  const rules = overridableRules(form);
  const next: Overrides = { ...kept };
  const changes: Change[] = [];
  for (const [id, entry] of Object.entries(asked)) {
    const at = `/overrides/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const rule = rules.get(id);
    if (!rule) return refuse('OVERRIDE_NOT_ALLOWED', detail(at, `规则 ${id} 不允许人工调整`, `Rule ${id} may not be overridden`));
    if (!holdsRole(who.principal, rule.override!.roles, who.orgPath)) {
      return refuse('OVERRIDE_FORBIDDEN', detail(at, '您没有人工调整该结果的角色', 'You lack a role that may override this outcome'));
    }
    if (entry === null) {
      if (next[id]) changes.push({ pointer: at, from: shown(next[id]) });
      delete next[id];
      continue;
    }
    if (!isObject(entry) || !('value' in entry)) {
      return refuse('BAD_REQUEST', detail(at, '调整须包含 value 和 reason', 'An override is { value, reason }'));
    }
    const reason = typeof entry.reason === 'string' ? entry.reason.trim() : '';
    if (reason === '') return refuse('OVERRIDE_REASON_REQUIRED', detail(`${at}/reason`, '请填写调整理由', 'Please give the reason'));
    if (reason.length > MAX_OVERRIDE_REASON) {
      return refuse(
        'OVERRIDE_REASON_REQUIRED',
        detail(`${at}/reason`, `理由最长 ${MAX_OVERRIDE_REASON} 字`, `A reason is at most ${MAX_OVERRIDE_REASON} characters`),
      );
    }
    const problem = valueProblem(form, rule, entry.value);
    if (problem) {
      return refuse(
        'OVERRIDE_VALUE_INVALID',
        problem === 'not-a-code'
          ? detail(`${at}/value`, '所选值不在该规则的代码表中', "The value is not a code of the rule's list")
          : detail(`${at}/value`, '所选值须为文字、数字或是/否', 'The value must be a text, a number or true/false'),
      );
    }
    const before = next[id];
    // The same choice sent again (a form saved whole) keeps who made it and when.
    if (before && JSON.stringify(before.chosen) === JSON.stringify(entry.value) && before.reason === reason) continue;
    next[id] = { chosen: entry.value, reason, by: who.principal.user.id, at: who.at };
    changes.push({ pointer: at, ...(before ? { from: shown(before) } : {}), to: shown(next[id]) });
  }
  return { overrides: Object.keys(next).length ? next : undefined, changes };
}

/** field pointer → rule id, for the compute rules overridden in `asked` that write a field (their schema errors are the value's). */
export function overriddenFields(form: Pick<FormDefinition, 'rules'>, asked: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isObject(asked)) return out;
  for (const [id, rule] of overridableRules(form)) {
    if (rule.kind === 'compute' && rule.field && isObject(asked[id])) out.set(rule.field, id);
  }
  return out;
}
