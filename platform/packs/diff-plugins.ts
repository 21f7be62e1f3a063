// What an upgrade changes, as data for the dry run: forms and fields added, removed or retyped (each marked
// breaking when records made under the installed version may no longer validate or lose data), and rules,
// parameters, workflows, reports and code lists added, removed or changed. Pure: two definitions in, one diff out.
import { canonicalJson } from './canonical-json';
import { schemaFields, typesWiden, type FieldShape } from './schema-fields';
import type { PluginDefinition } from '../plugins/types';

export interface Changes {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface FieldChange {
  pointer: string;
  change: 'added' | 'removed' | 'retyped' | 'required' | 'optional' | 'enum';
  breaking: boolean;
  from?: string[] | unknown[];
  to?: string[] | unknown[];
}

export interface FormChange {
  form: string;
  fields: FieldChange[];
  rules: Changes;
  /** The schema text changed beyond the fields compared (titles, formats, limits, …). */
  schemaChanged: boolean;
  workflow: { from: string | null; to: string | null } | null;
  breaking: boolean;
}

export interface WorkflowChange {
  workflow: string;
  states: Changes;
  transitions: Changes;
  /** States removed: records standing in them have nowhere to be. */
  breaking: boolean;
}

export interface PluginDiff {
  id: string;
  from: string;
  to: string;
  breaking: boolean;
  forms: { added: string[]; removed: string[]; changed: FormChange[] };
  parameters: Changes;
  workflows: { added: string[]; removed: string[]; changed: WorkflowChange[] };
  reports: Changes;
  codeLists: Changes & { codesRemoved: { codeList: string; codes: string[] }[] };
}

/** Keys of two maps compared by the canonical JSON of their values. */
function compare<T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>, text: (v: T) => string = canonicalJson): Changes {
  const sorted = (xs: string[]) => xs.sort();
  return {
    added: sorted([...b.keys()].filter((k) => !a.has(k))),
    removed: sorted([...a.keys()].filter((k) => !b.has(k))),
    changed: sorted([...a.keys()].filter((k) => b.has(k) && text(a.get(k)!) !== text(b.get(k)!))),
  };
}

const isEmpty = (c: Changes) => !c.added.length && !c.removed.length && !c.changed.length;

function fieldChanges(before: Map<string, FieldShape>, after: Map<string, FieldShape>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [pointer, old] of before) {
    const now = after.get(pointer);
    if (!now) {
      out.push({ pointer, change: 'removed', breaking: true });
      continue;
    }
    if (canonicalJson(old.types) !== canonicalJson(now.types))
      out.push({ pointer, change: 'retyped', breaking: !typesWiden(old.types, now.types), from: old.types, to: now.types });
    if (!old.required && now.required) out.push({ pointer, change: 'required', breaking: true });
    if (old.required && !now.required) out.push({ pointer, change: 'optional', breaking: false });
    if (canonicalJson(old.enum ?? null) !== canonicalJson(now.enum ?? null)) {
      // Compatible when every value allowed before is still allowed (no enum before: anything was allowed).
      const keeps = !now.enum || (!!old.enum && old.enum.every((v) => now.enum!.some((w) => canonicalJson(w) === canonicalJson(v))));
      out.push({
        pointer,
        change: 'enum',
        breaking: !keeps,
        ...(old.enum ? { from: old.enum } : {}),
        ...(now.enum ? { to: now.enum } : {}),
      });
    }
  }
  for (const [pointer, now] of after) {
    // A new required field under a parent the old records have is missing from every one of them.
    const parent = pointer.slice(0, pointer.lastIndexOf('/'));
    if (!before.has(pointer)) out.push({ pointer, change: 'added', breaking: now.required && (parent === '' || before.has(parent)) });
  }
  return out.sort((x, y) => (x.pointer < y.pointer ? -1 : x.pointer > y.pointer ? 1 : 0));
}

export function diffPlugins(installed: PluginDefinition, incoming: PluginDefinition): PluginDiff {
  const forms = compare(installed.forms, incoming.forms, (f) => f.id);
  const changedForms: FormChange[] = [];
  for (const [id, old] of installed.forms) {
    const now = incoming.forms.get(id);
    if (!now) continue;
    const fields = fieldChanges(schemaFields(old.schema), schemaFields(now.schema));
    const rules = compare(new Map(old.rules.map((r) => [r.rule.id, r.rule])), new Map(now.rules.map((r) => [r.rule.id, r.rule])));
    const schemaChanged = canonicalJson(old.schema) !== canonicalJson(now.schema);
    const oldFlow = old.workflow?.workflow.id ?? null;
    const newFlow = now.workflow?.workflow.id ?? null;
    const workflow = oldFlow !== newFlow ? { from: oldFlow, to: newFlow } : null;
    if (!fields.length && isEmpty(rules) && !schemaChanged && !workflow) continue;
    changedForms.push({ form: id, fields, rules, schemaChanged, workflow, breaking: fields.some((f) => f.breaking) || !!workflow });
  }

  const props = (p: PluginDefinition) => new Map(Object.entries((p.parameterSchema.properties ?? {}) as Record<string, unknown>));
  const workflows = compare(installed.workflows, incoming.workflows, (w) => canonicalJson(w.workflow));
  const byId = <T extends { id: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.id, x]));
  const changedWorkflows: WorkflowChange[] = workflows.changed.map((id) => {
    const a = installed.workflows.get(id)!.workflow;
    const b = incoming.workflows.get(id)!.workflow;
    const states = compare(byId(a.states), byId(b.states));
    return { workflow: id, states, transitions: compare(byId(a.transitions), byId(b.transitions)), breaking: states.removed.length > 0 };
  });
  const reports = compare(installed.reports, incoming.reports, (r) => canonicalJson(r.report));
  const codeLists = compare(installed.codeLists, incoming.codeLists);
  const codesRemoved = codeLists.changed
    .map((id) => {
      const now = new Set(incoming.codeLists.get(id)!.items.map((i) => i.code));
      return {
        codeList: id,
        codes: installed.codeLists
          .get(id)!
          .items.map((i) => i.code)
          .filter((c) => !now.has(c)),
      };
    })
    .filter((c) => c.codes.length);

  const breaking =
    forms.removed.length > 0 ||
    changedForms.some((f) => f.breaking) ||
    workflows.removed.length > 0 ||
    changedWorkflows.some((w) => w.breaking) ||
    codeLists.removed.length > 0 ||
    codesRemoved.length > 0;
  return {
    id: incoming.id,
    from: installed.version,
    to: incoming.version,
    breaking,
    forms: { added: forms.added, removed: forms.removed, changed: changedForms },
    parameters: compare(props(installed), props(incoming)),
    workflows: { added: workflows.added, removed: workflows.removed, changed: changedWorkflows },
    reports,
    codeLists: { ...codeLists, codesRemoved },
  };
}
