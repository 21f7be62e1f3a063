// A plugin's forms compiled from its files: the rule engine over its code lists and calendars, its workflows, then
// each form (build-form.ts). The server's loader runs these steps after the meta-schemas (build-plugin.ts); the
// browser runs them on the files of GET /api/plugins/:id/forms/:form (buildClientForm, web/src/plugin.ts), so the forms it
// fills in are the server's, compiled by the same code. Browser-safe: nothing this module reaches imports Node
// (test/plugins/browser-safety.test.ts).
import { createFormAjv, type TitleTranslations } from '../forms';
import { createRuleEngine, type Calendar, type CodeList, type RuleEngine } from '../rules';
import { HezuoError, detail, text, type ErrorDetail } from '../errors';
import { buildForm, type FormBuildContext } from './build-form';
import { buildWorkflow } from './build-workflow';
import { calendarsFromFiles, dependencyCalendars, type DependencyLookup } from './dependency-calendars';
import { checkWorkflowFields } from './check-workflow-fields';
import { MANIFEST_FILE, type FormDefinition, type PluginManifest, type Workflow, type WorkflowDefinition } from './types';

type Files = Readonly<Record<string, unknown>>;

/**
 * The plugin's code lists and calendars by id (a duplicate id is an error), and its rule engine over them; a
 * calendar id not its own is looked up in its dependencies through `dependencies` (the server's installed
 * plugins), else in the calendars the server sent beside the files (the browser).
 */
export function ruleEngineOf(files: Files, manifest: PluginManifest, dependencies?: DependencyLookup) {
  const errors: ErrorDetail[] = [];
  const byId = <T extends { id: string }>(paths: string[] | undefined, what: string): Map<string, T> => {
    const out = new Map<string, T>();
    for (const p of paths ?? []) {
      const v = files[p] as T;
      if (out.has(v.id)) errors.push(detail('/id', `${what}编号重复:${v.id}`, `Duplicate ${what} id ${v.id}`, { file: p }));
      out.set(v.id, Object.freeze(v));
    }
    return out;
  };
  const codeLists = byId<CodeList>(manifest.codeLists, '代码表');
  // A code names one item: a repeated one would silently take the later label everywhere it is shown.
  for (const p of manifest.codeLists ?? []) {
    const seen = new Set<string>();
    ((files[p] as CodeList | undefined)?.items ?? []).forEach((item, i) => {
      if (seen.has(item.code)) {
        errors.push(
          detail(`/items/${i}/code`, `代码表中代码重复:${item.code}`, `Code ${item.code} appears twice in the code list`, { file: p, code: 'PLUGIN_INVALID' }),
        );
      }
      seen.add(item.code);
    });
  }
  const calendars = byId<Calendar>(manifest.calendars, '日历');
  const sharedCalendars = dependencies ? dependencyCalendars(manifest, dependencies) : calendarsFromFiles(files);
  return { codeLists, calendars, sharedCalendars, engine: createRuleEngine({ codeLists, calendars, sharedCalendars }), errors };
}

/** Each workflow checked and its step logic compiled, by workflow id. */
export function buildWorkflows(files: Files, manifest: PluginManifest, engine: RuleEngine) {
  const errors: ErrorDetail[] = [];
  const workflows = new Map<string, WorkflowDefinition>();
  for (const p of manifest.workflows ?? []) {
    const r = buildWorkflow(p, files[p] as Workflow, engine);
    errors.push(...r.errors);
    if (r.workflow) {
      if (workflows.has(r.workflow.workflow.id)) errors.push(detail('/id', '工作流编号重复', 'Duplicate workflow id', { file: p }));
      workflows.set(r.workflow.workflow.id, r.workflow);
    }
  }
  return { workflows, errors };
}

export type FormsBuildContext = Omit<FormBuildContext, 'formIndex' | 'formIds' | 'files'>;

/** The manifest's forms (those named in `only`, else all), each checked against the plugin and compiled. */
export function buildForms(files: Files, manifest: PluginManifest, ctx: FormsBuildContext, only?: ReadonlySet<string>) {
  const errors: ErrorDetail[] = [];
  const formIds = new Set(manifest.forms.map((f) => f.id));
  if (formIds.size !== manifest.forms.length) errors.push(detail('/forms', '表单编号重复', 'Duplicate form ids', { file: MANIFEST_FILE }));
  const forms = new Map<string, FormDefinition>();
  manifest.forms.forEach((fm, formIndex) => {
    if (only && !only.has(fm.id)) return;
    const r = buildForm(fm, { ...ctx, files, formIndex, formIds });
    errors.push(...r.errors);
    if (r.form) forms.set(fm.id, r.form);
  });
  if (!only) errors.push(...checkWorkflowFields(manifest, forms));
  return { forms, errors };
}

/**
 * One form of a plugin the server has accepted, built in the browser from the plugin's files as the loader builds
 * it; the validator's English messages use the plugin's catalogue for field titles. Throws PLUGIN_INVALID with the
 * details if it does not build (it would not on the server either: the server serves only plugins it built).
 */
export function buildClientForm(files: Files, formId: string, translations: TitleTranslations = {}): { form: FormDefinition; workflows: ReadonlyMap<string, WorkflowDefinition> } {
  const manifest = files[MANIFEST_FILE] as PluginManifest;
  const { codeLists, engine, errors } = ruleEngineOf(files, manifest);
  const built = buildWorkflows(files, manifest, engine);
  const parameterSchema = (manifest.parameters ? files[manifest.parameters] : null) as { properties?: object } | null;
  const { forms, errors: formErrors } = buildForms(files, manifest, {
    ajv: createFormAjv(), engine, workflows: built.workflows, translations, codeLists,
    parameterNames: new Set(Object.keys(parameterSchema?.properties ?? {})),
  }, new Set([formId]));
  errors.push(...built.errors, ...formErrors);
  const form = forms.get(formId);
  if (!form || errors.length > 0) {
    const message = form || errors.length ? text(`表单 ${formId} 无法在浏览器中编译`, `Form ${formId} does not compile in the browser`)
      : text(`插件中没有表单 ${formId}`, `No form ${formId} in this plugin`);
    throw new HezuoError('PLUGIN_INVALID', errors, message);
  }
  return { form, workflows: built.workflows };
}
