// Step 3b/4 for one form: cross-file checks and compilation of its schema and rules, once per plugin version (on the
// server by build-plugin.ts, in the browser by build-forms.ts's buildClientForm).
import type Ajv from 'ajv';
import { checkFormSchema, compileForm, type TitleTranslations } from '../forms';
import type { CodeList, RuleEngine } from '../rules';
import type { LocalText } from '../errors';
import { HezuoError, detail, type ErrorDetail } from '../errors';
import {
  MANIFEST_FILE, type CompiledRule, type FormDefinition, type FormManifest, type GuardRule, type PluginManifest, type RefReach, type Rule,
  type RuleFile, type WorkflowDefinition,
} from './types';
import { fieldsWithKeyword, schemaHasPointer } from './schema-walk';
import { checkListColumns } from './check-list-columns';
import { compileSensitive } from '../access/sensitive-access';
import { buildFollowUp } from './build-follow-up';
import { checkImportDeclaration } from './check-import-declaration';
import { checkRuleFields } from './check-rule-fields';
import { checkRowField } from './check-row-field';
import { checkEarlier } from './check-earlier';
import { checkDefaults, defaultsOf } from './check-defaults';
import { checkShownWhen } from './check-shown-when';

export interface FormBuildContext {
  files: Record<string, unknown>;
  formIndex: number;
  ajv: Ajv;
  engine: RuleEngine;
  workflows: ReadonlyMap<string, WorkflowDefinition>;
  formIds: ReadonlySet<string>;
  codeLists: ReadonlyMap<string, CodeList>;
  parameterNames: ReadonlySet<string>;
  /** The plugin's catalogue for field titles in the validator's English messages (the browser passes it). */
  translations?: TitleTranslations;
}

export function compileLogic(engine: RuleEngine, logic: unknown, file: string, pointer: string, errors: ErrorDetail[]) {
  const issues = engine.check(logic, pointer);
  if (issues.length > 0) {
    errors.push(...issues.map((i) => ({ ...i, file, code: 'RULE_INVALID' })));
    return null;
  }
  try {
    return engine.compile(logic, pointer);
  } catch (e) {
    if (e instanceof HezuoError) errors.push(...e.details.map((d) => ({ ...d, file })));
    else errors.push(detail(pointer, '规则无法编译', 'Rule cannot be compiled', { file }));
    return null;
  }
}

export function buildForm(manifest: FormManifest, ctx: FormBuildContext): { form?: FormDefinition; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const at = `/forms/${ctx.formIndex}`;
  const mf = 'plugin.json';
  const schema = ctx.files[manifest.schema] as Record<string, unknown>;
  const uiSchema = (manifest.uiSchema ? ctx.files[manifest.uiSchema] : {}) as Record<string, unknown>;

  const schemaErrors = checkFormSchema(ctx.ajv, schema);
  errors.push(...schemaErrors.map((d) => ({ ...d, file: manifest.schema })));
  if ((schema as any)?.type !== 'object') {
    errors.push(detail('/type', '表单 schema 的类型必须是 object', 'A form schema must have type "object"', { file: manifest.schema }));
  }

  const workflow = manifest.workflow ? ctx.workflows.get(manifest.workflow) ?? null : null;
  if (manifest.workflow && !workflow) {
    errors.push(detail(`${at}/workflow`, `工作流不存在:${manifest.workflow}`, `No workflow ${manifest.workflow} in this plugin`, { file: mf }));
  }
  for (const key of ['subject', 'subjectTitle'] as const) {
    const p = manifest[key];
    if (p && !schemaHasPointer(schema, p)) {
      errors.push(detail(`${at}/${key}`, `表单中没有字段 ${p}`, `The form has no field ${p}`, { file: mf }));
    }
  }
  if (manifest.uniquePer === 'subject' && !manifest.subject) {
    errors.push(detail(`${at}/uniquePer`, 'uniquePer 为 subject 时必须声明 subject', 'uniquePer "subject" needs a subject', { file: mf }));
  }
  if (manifest.ranking) {
    manifest.ranking.states.forEach((s, i) => {
      if (workflow && !workflow.states.has(s)) {
        errors.push(detail(`${at}/ranking/states/${i}`, `工作流中没有状态 ${s}`, `The workflow has no state ${s}`, { file: mf }));
      }
    });
    const q = manifest.ranking.quotaParameter;
    if (q && !ctx.parameterNames.has(q)) {
      errors.push(detail(`${at}/ranking/quotaParameter`, `未声明参数 ${q}`, `No parameter ${q} is declared`, { file: mf }));
    }
  }

  errors.push(...checkImportDeclaration(manifest, schema, workflow, at, mf, ctx.formIds));

  const references = fieldsWithKeyword(schema, 'x-ref').map(({ pointer, value }) => ({
    pointer,
    form: String(value?.form),
    reach: (value?.reach === 'ancestors' || value?.reach === 'region' ? value.reach : 'scope') as RefReach,
  }));
  for (const ref of references) {
    if (!ctx.formIds.has(ref.form)) {
      errors.push(detail(ref.pointer, `引用的表单不存在:${ref.form}`, `x-ref names an unknown form ${ref.form}`, { file: manifest.schema }));
    }
  }

  errors.push(...checkEarlier(manifest, references, at, mf));

  // x-default: the referenced forms' schemas, where this build has their files (the server always does).
  const defaults = defaultsOf(schema);
  const formFiles = new Map(((ctx.files[MANIFEST_FILE] as PluginManifest | undefined)?.forms ?? []).map((f) => [f.id, f.schema]));
  const refForms = new Map(
    references.map((r) => [r.pointer, ctx.files[formFiles.get(r.form) ?? ''] as Record<string, unknown> | undefined]),
  );
  if (schemaErrors.length === 0) errors.push(...checkDefaults(schema, defaults, refForms, manifest.schema));

  const dimensions: FormDefinition['dimensions'] = [];
  const rules: CompiledRule[] = [];
  const seen = new Set<string>();
  // Every rule the files declare, compiled or not: what refers to a rule by id (a workflow's guards, follow-ups)
  // looks here, so a rule whose logic is wrong gives its own error and not also "no such rule" where it is used.
  const declared: Rule[] = [];
  // Field reads are checked against a schema that is itself sound: a broken schema's error is the root one.
  const fieldsKnown = schemaErrors.length === 0 && (schema as any)?.type === 'object';
  const paths = {};
  // What the form's rules may read by name besides its fields (check-rule-fields.ts): declared parameters, its
  // x-ref fields, its compute and classify rules (in any of its rule files, in any order).
  const formRules = (manifest.rules ?? []).flatMap((f) => (ctx.files[f] as RuleFile).rules);
  const idsOf = (kind: string) => new Set(formRules.filter((r) => r.kind === kind).map((r) => r.id));
  const known = {
    params: ctx.parameterNames,
    refs: new Set(references.map((r) => r.pointer)),
    computed: idsOf('compute'),
    classes: idsOf('classify'),
    refForms: referencedSchemas(ctx.files, references),
  };
  for (const file of manifest.rules ?? []) {
    const rf = ctx.files[file] as RuleFile;
    for (const d of rf.dimensions ?? []) if (!dimensions.some((x) => x.id === d.id)) dimensions.push(d);
    rf.rules.forEach((rule: Rule, i) => {
      const p = `/rules/${i}`;
      if (seen.has(rule.id)) errors.push(detail(`${p}/id`, `规则编号重复:${rule.id}`, `Duplicate rule id ${rule.id} in this form`, { file }));
      seen.add(rule.id);
      const pointer = (rule as { pointer?: string }).pointer;
      const field = rule.kind === 'compute' ? rule.field : undefined;
      // `/table/*/field`: a field of every row (check-row-field.ts), not one pointer.
      const rows = checkRowField(schema, field, `${p}/field`, file);
      if (rows) errors.push(...rows.errors);
      if (rows && rule.kind === 'compute' && rule.override) {
        const zh = '写入表格各行的计算规则不能被改判(override)';
        errors.push(detail(`${p}/override`, zh, 'A compute rule writing into table rows cannot be overridden', { file }));
      }
      for (const [key, ptr] of [['pointer', pointer], ['field', rows ? undefined : field]] as const) {
        if (ptr && !schemaHasPointer(schema, ptr)) {
          errors.push(detail(`${p}/${key}`, `表单中没有字段 ${ptr}`, `The form has no field ${ptr}`, { file }));
        }
      }
      if (rule.kind === 'score' && !(rf.dimensions ?? []).some((d) => d.id === rule.dimension) && !dimensions.some((d) => d.id === rule.dimension)) {
        errors.push(detail(`${p}/dimension`, `评分维度不存在:${rule.dimension}`, `Unknown score dimension ${rule.dimension}`, { file }));
      }
      if (rule.kind === 'classify' && rule.codeList && !ctx.codeLists.has(rule.codeList)) {
        errors.push(detail(`${p}/codeList`, `代码表不存在:${rule.codeList}`, `Unknown code list ${rule.codeList}`, { file }));
      }
      const when = rule.when === undefined ? null : compileLogic(ctx.engine, rule.when, file, `${p}/when`, errors);
      const logic = compileLogic(ctx.engine, rule.logic, file, `${p}/logic`, errors);
      // A row rule whose table or field is wrong has that error only, not also one per `row.…` it reads.
      if (fieldsKnown && (!rows || rows.row)) {
        const row = rows?.row;
        if (when) errors.push(...checkRuleFields(rule.when, `${p}/when`, { schema, file, paths, known, row }));
        if (logic) errors.push(...checkRuleFields(rule.logic, `${p}/logic`, { schema, file, paths, known, row }));
      }
      if (logic) rules.push(Object.freeze({ rule: Object.freeze(rule), when, logic }));
      declared.push(rule);
    });
  }

  // Shown-when conditions read only the record's data: any other name (a parameter, a result) is unknown there.
  const dataOnly = { params: new Set<string>(), refs: new Set<string>(), computed: new Set<string>(), classes: new Set<string>() };
  if (schemaErrors.length === 0) {
    const compile = (logic: unknown, pointer: string) => compileLogic(ctx.engine, logic, manifest.schema, pointer, errors);
    errors.push(...checkShownWhen(schema, manifest.schema, compile, fieldsKnown ? { paths: {}, known: dataOnly } : null));
  }

  errors.push(...checkListColumns(manifest, schema, (manifest.rules ?? []).flatMap((f) => (ctx.files[f] as RuleFile).rules), at, mf));

  const guards = new Map<string, CompiledRule<GuardRule>>();
  for (const r of rules) if (r.rule.kind === 'guard') guards.set(r.rule.id, r as CompiledRule<GuardRule>);
  const declaredGuards = new Set(declared.filter((r) => r.kind === 'guard').map((r) => r.id));
  if (workflow) {
    workflow.workflow.transitions.forEach((t, ti) => {
      (t.guards ?? []).forEach((g, gi) => {
        if (!declaredGuards.has(g)) {
          errors.push(detail(`/transitions/${ti}/guards/${gi}`, `表单 ${manifest.id} 没有守卫规则 ${g}`, `Form ${manifest.id} has no guard rule ${g}`, { file: workflow.file }));
        }
      });
    });
  }

  const followUp = manifest.followUp
    ? buildFollowUp(manifest.followUp, { engine: ctx.engine, workflow, rules: declared, at: `${at}/followUp`, errors })
    : null;
  // The follow-up's logic reads this form's data too (a workflow's step logic is checked in buildForms, against
  // every form that uses the workflow).
  if (fieldsKnown && followUp) {
    for (const key of ['when', 'deadline'] as const) {
      const logic = manifest.followUp?.[key];
      if (logic !== undefined) errors.push(...checkRuleFields(logic, `${at}/followUp/${key}`, { schema, file: mf, paths, known }));
    }
  }

  if (errors.length > 0) return { errors };
  const validate = compileForm(ctx.ajv, schema, manifest.id, ctx.translations ? { translations: ctx.translations } : {});
  const computedFields = rules.flatMap((r) => (r.rule.kind === 'compute' && r.rule.field ? [r.rule.field] : []));
  // A classify rule naming a code list gives its value's label beside the code (限期整改, not "rectify").
  const classLabels = new Map<string, ReadonlyMap<string, LocalText>>();
  for (const { rule } of rules) {
    const list = rule.kind === 'classify' && rule.codeList ? ctx.codeLists.get(rule.codeList) : undefined;
    if (list) classLabels.set(rule.id, new Map(list.items.map((i) => [i.code, i.label])));
  }
  const form: FormDefinition = Object.freeze({
    manifest, id: manifest.id, schema, uiSchema, validate, dimensions, rules, guards, workflow, references, defaults, computedFields, followUp, classLabels,
    sensitive: compileSensitive(manifest, schema),
  });
  return { form, errors };
}

/**
 * The schema of the form each x-ref field references, by the field's pointer, for `refs./x.data.…` reads. Only a
 * schema that is an object schema (a broken one has its own error when its form builds; a read is not also
 * refused against it).
 */
function referencedSchemas(files: Record<string, unknown>, references: { pointer: string; form: string }[]): Map<string, Record<string, any>> {
  const forms = (files['plugin.json'] as { forms?: FormManifest[] } | undefined)?.forms ?? [];
  const out = new Map<string, Record<string, any>>();
  for (const ref of references) {
    const path = forms.find((f) => f.id === ref.form)?.schema;
    const schema = path ? (files[path] as Record<string, any> | undefined) : undefined;
    if (schema && typeof schema === 'object' && !Array.isArray(schema) && schema.type === 'object') out.set(ref.pointer, schema);
  }
  return out;
}
