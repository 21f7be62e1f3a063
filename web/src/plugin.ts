// A plugin as the browser sees it: its files from GET /api/plugins/:id (or only one form's, from
// GET /api/plugins/:id/forms/:form, which is all a record page needs), compiled here by the platform's own plugin
// builder, rule engine and evaluator so the live results follow the same semantics as the server's (which still count).
import { buildClientForm, ruleEngineOf } from '../../platform/plugins/build-forms';
import { evaluateForm, explainRule } from '../../platform/evaluation';
import type { EvaluationInput, Explanation, RuleResults } from '../../platform/evaluation';
import type { RuleEngine } from '../../platform/rules';
import type { CompiledRule, FormDefinition } from '../../platform/plugins/types';
import { createPatternEngine, FORMAT_VALIDATORS, type FormValidator } from '../../platform/forms';
import { fieldTitle } from '../../platform/forms/field-title';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { api } from './api';
import type { Locale, LocalText } from './i18n';

export interface PluginPayload {
  id: string;
  version: string;
  title: LocalText;
  forms: { id: string; title: LocalText; period: { kind: string }; workflow: string | null }[];
  files: Record<string, any>;
}

export interface ClientForm {
  id: string;
  title: LocalText;
  periodKind: string;
  schema: Record<string, any>;
  uiSchema: Record<string, any>;
  definition: FormDefinition;
  translations: Record<string, string>;
  /** Titles of the form's workflow states and transitions, by id. */
  steps: Record<string, LocalText>;
  /** The workflow's first state (leaving it is submitting: the server then validates in full) and the steps that need every blocking check to pass. */
  workflow: { initial: string | null; requireChecks: Set<string> };
  /** The server's form validator, compiled once per plugin version. */
  validate: FormValidator;
  /** What the rule panel calls each compute rule: its title, else the title of the field it writes, else its id. */
  ruleTitles: Record<string, LocalText>;
  /** "Why" for one rule's outcome on `input`: the same evaluator in trace mode (platform/evaluation/explain-rule.ts). */
  explain: (input: EvaluationInput, ruleId: string) => Explanation | null;
}

const cache = new Map<string, Promise<PluginPayload>>();

export function loadPlugin(id: string, version?: string): Promise<PluginPayload> {
  const key = `${id}@${version ?? ''}`;
  let p = cache.get(key);
  if (!p) {
    p = api<PluginPayload>('GET', `/api/plugins/${encodeURIComponent(id)}${version ? `?version=${encodeURIComponent(version)}` : ''}`);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

const oneFormCache = new Map<string, Promise<PluginPayload>>();

/**
 * What one form's page needs: the plugin's summary and only that form's files (a third of the plugin, without its
 * fixtures and reports). Cached per plugin version and form; without a version (a new record: the active one) the
 * answer is cached under its version too, so the record saved from it finds it again.
 */
export function loadForm(id: string, formId: string, version?: string): Promise<PluginPayload> {
  const key = (v: string) => `${id}@${v}#${formId}`;
  let p = oneFormCache.get(key(version ?? ''));
  if (!p) {
    const query = version ? `?version=${encodeURIComponent(version)}` : '';
    p = api<PluginPayload>('GET', `/api/plugins/${encodeURIComponent(id)}/forms/${encodeURIComponent(formId)}${query}`);
    const keyed = key(version ?? '');
    p.then(
      (pl) => {
        if (!oneFormCache.has(key(pl.version))) oneFormCache.set(key(pl.version), p!);
      },
      () => oneFormCache.delete(keyed),
    );
    oneFormCache.set(keyed, p);
  }
  return p;
}

const formCache = new WeakMap<PluginPayload, Map<string, ClientForm>>();

/**
 * One form of the plugin compiled in the browser by the server's own builder (platform/plugins/build-forms.ts): the
 * same checks, rule compilation and validator as the loader, with the plugin's catalogue for English field titles.
 */
export function clientForm(plugin: PluginPayload, formId: string): ClientForm {
  let forms = formCache.get(plugin);
  if (!forms) formCache.set(plugin, (forms = new Map()));
  const hit = forms.get(formId);
  if (hit) return hit;
  const files = plugin.files;
  const en = files['plugin.json']?.translations?.en;
  const translations: Record<string, string> = (en && files[en]) || {};
  const { form: definition } = buildClientForm(files, formId, translations);
  const fm = definition.manifest;
  const { schema, uiSchema, rules, validate } = definition as {
    schema: Record<string, any>;
    uiSchema: Record<string, any>;
  } & FormDefinition;
  const steps: Record<string, LocalText> = {};
  const workflow: ClientForm['workflow'] = { initial: null, requireChecks: new Set() };
  const wf = definition.workflow?.workflow;
  if (wf) {
    workflow.initial = wf.initial ?? null;
    for (const x of [...(wf.states ?? []), ...(wf.transitions ?? [])]) if (x.title) steps[x.id] = x.title;
    for (const tr of wf.transitions ?? []) if (tr.requireChecks) workflow.requireChecks.add(tr.id);
  }
  // The plugin's engine (its calendars and code lists), made when a "why" is first asked.
  let engine: RuleEngine | null = null;
  const explain = (input: EvaluationInput, ruleId: string) =>
    explainRule(definition, (engine ??= ruleEngineOf(files, files['plugin.json']).engine), input, ruleId);
  const form: ClientForm = {
    explain,
    steps,
    workflow,
    validate,
    ruleTitles: ruleTitles(rules, schema, translations),
    id: fm.id,
    title: fm.title,
    periodKind: fm.period?.kind ?? 'none',
    schema,
    uiSchema,
    definition,
    translations,
  };
  forms.set(formId, form);
  return form;
}

function ruleTitles(
  rules: readonly CompiledRule[],
  schema: Record<string, unknown>,
  translations: Record<string, string>,
): Record<string, LocalText> {
  const out: Record<string, LocalText> = {};
  for (const { rule } of rules) {
    if (rule.kind !== 'compute') continue;
    // A field of every row (`/table/*/field`) is titled as the field of one row.
    const field = rule.field ? fieldTitle(schema, rule.field.replace('/*/', '/0/')) : null;
    const own = Object.prototype.hasOwnProperty.call(translations, field ?? '') ? translations[field!] : field;
    out[rule.id] = rule.title ?? (field ? { 'zh-CN': field, en: own ?? field } : { 'zh-CN': rule.id, en: rule.id });
  }
  return out;
}

export function evaluateLive(form: ClientForm, input: EvaluationInput): RuleResults {
  return evaluateForm(form.definition, input).results;
}

/** Results and the data with computed fields written: what the server validates on save. */
export function evaluateWithData(form: ClientForm, input: EvaluationInput): { data: Record<string, unknown>; results: RuleResults } {
  return evaluateForm(form.definition, input);
}

const TEXT_KEYS = new Set(['title', 'description', 'ui:title', 'ui:description', 'ui:help', 'ui:placeholder', 'ui:enumNames', 'enumNames']);

/** zh-CN text of a schema or UI schema put into English with the plugin's i18n/en.json (unknown text kept). */
export function translate<T>(value: T, map: Record<string, string>, locale: Locale): T {
  if (locale !== 'en') return value;
  const tr = (s: unknown) => (typeof s === 'string' && map[s] ? map[s] : s);
  const walk = (v: any, key?: string): any => {
    if (Array.isArray(v)) return v.map((x) => (key && TEXT_KEYS.has(key) ? tr(x) : walk(x)));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        out[k] = typeof x === 'string' && TEXT_KEYS.has(k) ? tr(x) : k === 'enum' || k === 'default' || k === 'const' ? x : walk(x, k);
      }
      return out;
    }
    return v;
  };
  return walk(value);
}

/**
 * One rjsf validator for every form: draft-07 with the platform's formats (the table in platform/forms/field-formats.ts),
 * own properties only, and plugin patterns on RE2 as on the server (rjsf evaluates patterns when it picks oneOf/anyOf
 * options and if/then/else branches).
 */
export const validator = customizeValidator({
  customFormats: { ...FORMAT_VALIDATORS },
  ajvOptionsOverrides: { strict: false, ownProperties: true, code: { regExp: createPatternEngine() } },
});

/** Server error details (pointers under /data) as rjsf extraErrors. */
export function extraErrorsOf(details: { pointer: string; message: LocalText }[], locale: Locale, prefix = '/data') {
  const out: Record<string, any> = {};
  const rest: string[] = [];
  for (const d of details) {
    const msg = d.message?.[locale] ?? d.message?.['zh-CN'] ?? '';
    if (!d.pointer.startsWith(prefix + '/') && prefix !== '') {
      rest.push(msg);
      continue;
    }
    const parts = d.pointer
      .slice(prefix.length + 1)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (parts.length === 1 && parts[0] === '') {
      rest.push(msg);
      continue;
    }
    let node = out;
    for (const p of parts) node = node[p] ??= {};
    (node.__errors ??= []).push(msg);
  }
  return { extraErrors: out, general: rest };
}

export const today = () => {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

export function defaultPeriod(kind: string): string {
  const d = new Date();
  if (kind === 'year') return String(d.getFullYear());
  if (kind === 'month') return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  if (kind === 'week') {
    const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
    const day = t.getUTCDay() || 7;
    t.setUTCDate(t.getUTCDate() + 4 - day);
    const y = t.getUTCFullYear();
    const w = Math.ceil(((t.getTime() - Date.UTC(y, 0, 1)) / 86400000 + 1) / 7);
    return `${y}-W${String(w).padStart(2, '0')}`;
  }
  return '';
}

/**
 * antd's InputNumber silently clamps a typed value to the schema's minimum/maximum, which would hide the
 * refusal the user needs to see (and send a value never typed). The bounds move from the schema rjsf renders into
 * the field's placeholder (not its help, which antd would show instead of the error; ui:help becomes part of the
 * description for the same reason); the server still checks them and its refusal is shown at the field.
 */
export function unclamp(
  schema: Record<string, any>,
  uiSchema: Record<string, any>,
): { schema: Record<string, any>; uiSchema: Record<string, any> } {
  const ui: Record<string, any> = { ...uiSchema };
  const out: Record<string, any> = { ...schema };
  // antd's Form.Item shows a field's help *instead of* its errors: help text joins the description.
  if (typeof ui['ui:help'] === 'string') {
    ui['ui:description'] = [ui['ui:description'] ?? schema.description, ui['ui:help']].filter(Boolean).join(' ');
    delete ui['ui:help'];
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    const parts: string[] = [];
    for (const [k, sign] of [
      ['minimum', '≥'],
      ['exclusiveMinimum', '>'],
      ['maximum', '≤'],
      ['exclusiveMaximum', '<'],
    ] as const) {
      if (typeof schema[k] === 'number') {
        parts.push(`${sign} ${schema[k]}`);
        delete out[k];
      }
    }
    if (parts.length && !ui['ui:placeholder']) ui['ui:placeholder'] = parts.join(', ');
  }
  if (schema.properties && typeof schema.properties === 'object') {
    out.properties = {};
    for (const [k, v] of Object.entries<any>(schema.properties)) {
      const r = v && typeof v === 'object' ? unclamp(v, ui[k] ?? {}) : { schema: v, uiSchema: ui[k] };
      out.properties[k] = r.schema;
      if (r.uiSchema && Object.keys(r.uiSchema).length) ui[k] = r.uiSchema;
    }
  }
  if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
    const r = unclamp(schema.items, ui.items ?? {});
    out.items = r.schema;
    if (Object.keys(r.uiSchema).length) ui.items = r.uiSchema;
  }
  return { schema: out, uiSchema: ui };
}
