// Load-time checks of a form's declared list columns: each names a field the form has, or a rule outcome a rule of
// the form produces, so a list never selects a path that can only ever be empty.
import { detail, type ErrorDetail } from '../errors';
import type { FormManifest, Rule } from './types';
import { decodePointer, schemaHasPointer } from './schema-walk';

/** Rule outcomes a column may show, by their pointer into the stored results. */
function resultError(result: string, rules: readonly Rule[]): string | null {
  const [kind, id, ...rest] = decodePointer(result);
  if (kind === 'blocking' && id === undefined) return null;
  if (kind === 'score' && (id === 'total' || id === 'max') && rest.length === 0) {
    return rules.some((r) => r.kind === 'score') ? null : 'score';
  }
  if ((kind === 'computed' || kind === 'classes') && id !== undefined && rest.length === 0) {
    const ruleKind = kind === 'computed' ? 'compute' : 'classify';
    return rules.some((r) => r.kind === ruleKind && r.id === id) ? null : `${ruleKind} ${id}`;
  }
  // An overridden outcome's parts (issue 11): empty on records where nobody overrode it.
  const parts = ['chosen', 'computed', 'reason', 'by', 'at'];
  if (kind === 'overrides' && id !== undefined && rest.length === 1 && parts.includes(rest[0])) {
    const rule = rules.find((r) => r.id === id);
    return rule && (rule.kind === 'compute' || rule.kind === 'classify') && rule.override ? null : `overridable ${id}`;
  }
  return 'path';
}

export function checkListColumns(manifest: FormManifest, schema: Record<string, unknown>, rules: readonly Rule[], at: string, file: string): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const seen = new Set<string>();
  (manifest.listColumns ?? []).forEach((c, i) => {
    const here = `${at}/listColumns/${i}`;
    if (seen.has(c.id)) errors.push(detail(`${here}/id`, `列编号重复:${c.id}`, `Duplicate list column id ${c.id}`, { file }));
    seen.add(c.id);
    if (c.pointer !== undefined && !schemaHasPointer(schema, c.pointer)) {
      errors.push(detail(`${here}/pointer`, `表单中没有字段 ${c.pointer}`, `The form has no field ${c.pointer}`, { file }));
    }
    if (c.result === undefined) return;
    const problem = resultError(c.result, rules);
    if (problem === 'path') {
      errors.push(detail(`${here}/result`, `规则结果中没有 ${c.result}(可用 /computed/<规则>、/classes/<规则>、/overrides/<规则>/reason 等、/score/total、/score/max、/blocking)`,
        `No rule outcome ${c.result} (use /computed/<rule>, /classes/<rule>, /overrides/<rule>/reason etc., /score/total, /score/max or /blocking)`, { file }));
    } else if (problem === 'score') {
      errors.push(detail(`${here}/result`, '该表单没有评分规则', 'The form has no score rules', { file }));
    } else if (problem) {
      errors.push(detail(`${here}/result`, `该表单没有规则 ${problem}`, `The form has no ${problem} rule`, { file }));
    }
  });
  return errors;
}
