// A workflow's step logic (`set`, a mark's `until`) runs on the record of whichever form uses the workflow. A data
// path in it is refused (RULE_UNKNOWN_FIELD) only when no form using the workflow can have it: a workflow shared by
// two forms may read a field of one of them.
import type { ErrorDetail } from '../errors';
import { checkRuleFields } from './check-rule-fields';
import type { FormDefinition, PluginManifest } from './types';

const escapeToken = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1');

export function checkWorkflowFields(manifest: PluginManifest, forms: ReadonlyMap<string, FormDefinition>): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const byWorkflow = new Map<string, FormDefinition[]>();
  for (const fm of manifest.forms) {
    if (!fm.workflow) continue;
    const form = forms.get(fm.id);
    // A form that did not build has its own errors; the workflow's paths cannot be judged against it.
    if (!form) {
      byWorkflow.set(fm.workflow, []);
      continue;
    }
    const list = byWorkflow.get(fm.workflow);
    if (list === undefined) byWorkflow.set(fm.workflow, [form]);
    else if (list.length > 0) list.push(form);
  }
  for (const users of byWorkflow.values()) {
    const workflow = users[0]?.workflow;
    if (!workflow) continue;
    const logics: [unknown, string][] = [];
    workflow.workflow.transitions.forEach((t, ti) => {
      for (const [name, logic] of Object.entries(t.set ?? {})) logics.push([logic, `/transitions/${ti}/set/${escapeToken(name)}`]);
      (t.addMarks ?? []).forEach((m, j) => {
        if (m.until !== undefined && m.until !== null) logics.push([m.until, `/transitions/${ti}/addMarks/${j}/until`]);
      });
    });
    for (const [logic, pointer] of logics) {
      const perForm = users.map((f) => checkRuleFields(logic, pointer, { schema: f.schema, file: workflow.file }));
      // Kept: the reads every form lacks, with the first form's suggestions.
      const lacking = (e: ErrorDetail) => perForm.every((errs) => errs.some((x) => x.pointer === e.pointer));
      errors.push(...perForm[0].filter(lacking));
    }
  }
  return errors;
}
