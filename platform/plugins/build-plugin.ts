// Steps 3–4 of loading: validate a parsed file map (meta-schemas, then cross-file rules) and compile it into a
// frozen PluginDefinition. Returns every error found; a plugin with any error is not built at all. Its forms are
// compiled by build-forms.ts, which the browser runs too.
import semver from 'semver';
import { createFormAjv, compileForm, checkFormSchema } from '../forms';
import { detail, type ErrorDetail } from '../errors';
import { fileKinds, type MetaValidators } from './meta-schemas';
import { MANIFEST_FILE, type PluginFiles } from './read-folder';
import { buildForms, buildWorkflows, ruleEngineOf } from './build-forms';
import { buildReports } from '../reports/build-report';
import { checkRuleCodes } from './check-rule-codes';
import { buildFormLinks } from './form-links';
import { checkFixtureStates } from '../fixtures/check-fixture-states';
import { checkFixtureOverrides } from '../fixtures/check-fixture-overrides';
import { checkFixtureRefs } from '../fixtures/check-fixture-refs';
import { checkFixtureTransitions } from '../fixtures/check-fixture-transitions';
import { checkEffective } from './policy-in-force';
import { compileReportMask } from '../reports/sensitive-columns';
import type { FixtureSuite, PluginDefinition, PluginManifest } from './types';
import type { DependencyLookup } from './dependency-calendars';

export interface BuildResult { plugin?: PluginDefinition; errors: ErrorDetail[] }

/** `dependencies` finds the installed plugins this one declares, for their calendars (dependency-calendars.ts). */
export function buildPlugin(files: PluginFiles, meta: MetaValidators, platformVersion: string, dependencies?: DependencyLookup): BuildResult {
  const result = buildChecked(files, meta, platformVersion, dependencies);
  if (result.plugin || !dependencies) return result;
  return { errors: [...result.errors, ...missingDependencies(files[MANIFEST_FILE] as PluginManifest, dependencies)] };
}

/** Said beside the errors of a plugin that failed to build: a dependency absent may be why its calendars are unknown. */
function missingDependencies(manifest: PluginManifest | undefined, dependencies: DependencyLookup): ErrorDetail[] {
  const declared: unknown = manifest?.dependencies;
  if (!Array.isArray(declared)) return [];
  return (declared as { id: unknown; range: unknown }[]).flatMap((d, i) =>
    typeof d?.id !== 'string' || dependencies(d.id)
      ? []
      : [detail(`/dependencies/${i}/id`, `依赖的插件未安装:${d.id}(${String(d.range)})`, `The plugin it depends on is not installed: ${d.id} (${String(d.range)})`, { file: MANIFEST_FILE, params: { id: d.id, range: d.range } })],
  );
}

function buildChecked(files: PluginFiles, meta: MetaValidators, platformVersion: string, dependencies?: DependencyLookup): BuildResult {
  const errors: ErrorDetail[] = [];
  if (!(MANIFEST_FILE in files)) return { errors: [detail('', '缺少 plugin.json', 'plugin.json is missing', { file: MANIFEST_FILE })] };
  for (const [file, kind] of fileKinds(files)) {
    if (file in files) errors.push(...meta.validate(kind, file, files[file]));
  }
  if (errors.length) return { errors };

  const manifest = files[MANIFEST_FILE] as PluginManifest;
  if (!semver.validRange(manifest.platform)) {
    return { errors: [detail('/platform', `平台版本范围无效:${manifest.platform}`, `Not a version range: ${manifest.platform}`, { file: MANIFEST_FILE })] };
  }
  if (!semver.satisfies(platformVersion, manifest.platform, { includePrerelease: true })) {
    return {
      errors: [detail('/platform', `插件要求平台版本 ${manifest.platform},当前为 ${platformVersion}`,
        `The plugin needs platform ${manifest.platform}; this is ${platformVersion}`, { file: MANIFEST_FILE, code: 'PLUGIN_INCOMPATIBLE' })],
    };
  }

  const { codeLists, calendars, sharedCalendars, engine, errors: idErrors } = ruleEngineOf(files, manifest, dependencies);
  errors.push(...idErrors);
  errors.push(...checkEffective(manifest));
  const dependedOn = new Set<string>();
  (manifest.dependencies ?? []).forEach((d, i) => {
    if (!semver.validRange(d.range))
      errors.push(detail(`/dependencies/${i}/range`, `不是版本范围:${d.range}`, `Not a version range: ${d.range}`, { file: MANIFEST_FILE }));
    if (d.id === manifest.id || dependedOn.has(d.id))
      errors.push(detail(`/dependencies/${i}/id`, `依赖重复或依赖自身:${d.id}`, `A dependency twice, or on itself: ${d.id}`, { file: MANIFEST_FILE }));
    dependedOn.add(d.id);
  });
  const ajv = createFormAjv();

  let parameterSchema: Record<string, any> = { type: 'object', properties: {}, additionalProperties: false };
  if (manifest.parameters) {
    parameterSchema = files[manifest.parameters] as Record<string, any>;
    errors.push(...checkFormSchema(ajv, parameterSchema).map((d) => ({ ...d, file: manifest.parameters })));
    if (parameterSchema?.type !== 'object' || typeof parameterSchema.properties !== 'object') {
      errors.push(detail('/type', '参数 schema 必须是带 properties 的对象', 'The parameter schema must be an object with properties', { file: manifest.parameters }));
    }
  }
  const parameterDefaults: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries<any>(parameterSchema.properties ?? {})) {
    if (!prop || !('default' in prop)) {
      errors.push(detail(`/properties/${name}`, `参数 ${name} 缺少默认值`, `Parameter ${name} has no default`, { file: manifest.parameters }));
    } else parameterDefaults[name] = prop.default;
  }

  const { workflows, errors: workflowErrors } = buildWorkflows(files, manifest, engine);
  errors.push(...workflowErrors);
  if (errors.length) return { errors };

  const formIds = new Set(manifest.forms.map((f) => f.id));
  const { forms, errors: formErrors } = buildForms(files, manifest, {
    ajv, engine, workflows, codeLists,
    parameterNames: new Set(Object.keys(parameterDefaults)),
  });
  errors.push(...formErrors);
  errors.push(...checkRuleCodes(files, manifest, codeLists));

  const fixtures: FixtureSuite[] = (manifest.fixtures ?? []).map((file) => ({ file, ...(files[file] as Omit<FixtureSuite, 'file'>) }));
  fixtures.forEach((s) => {
    if (!formIds.has(s.form)) errors.push(detail('/form', `表单不存在:${s.form}`, `Unknown form ${s.form}`, { file: s.file }));
    errors.push(...checkFixtureStates(s, forms.get(s.form)));
    errors.push(...checkFixtureOverrides(s, forms.get(s.form)));
    errors.push(...checkFixtureRefs(s, forms.get(s.form), forms));
    errors.push(...checkFixtureTransitions(s, forms.get(s.form)));
  });
  const { reports, errors: reportErrors } = buildReports(manifest.reports, files, {
    pluginId: manifest.id, forms, codeListIds: new Set(codeLists.keys()), pluginParameters: parameterDefaults,
    codesOf: (id) => codeLists.get(id)?.items.map((x) => x.code),
    failedForms: new Set([...formIds].filter((id) => !forms.has(id))),
    hasCalendar: (id) => calendars.has(id) || !!sharedCalendars(id),
  });
  errors.push(...reportErrors);
  const { formLinks, errors: linkErrors } = buildFormLinks(manifest.forms, forms, engine);
  errors.push(...linkErrors);
  if (errors.length) return { errors };

  const validateParameters = compileForm(ajv, parameterSchema, 'parameters');
  const defaultErrors = validateParameters(parameterDefaults);
  if (defaultErrors.length) return { errors: defaultErrors.map((d) => ({ ...d, file: manifest.parameters })) };

  const en = (manifest.translations?.en ? files[manifest.translations.en] : {}) as Record<string, string>;
  const plugin: PluginDefinition = Object.freeze({
    id: manifest.id,
    version: manifest.version,
    manifest,
    files: Object.freeze({ ...files }),
    forms,
    workflows,
    parameterSchema,
    parameterDefaults: Object.freeze(parameterDefaults),
    validateParameters,
    codeLists,
    calendars,
    translations: Object.freeze({ en: Object.freeze({ ...en }) }),
    fixtures,
    reports,
    reportMasks: new Map([...reports].map(([id, def]) => [id, compileReportMask(forms, def)])),
    formLinks,
  });
  return { plugin, errors: [] };
}
