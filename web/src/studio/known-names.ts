// What a form's rules may read by name besides its fields, from the draft's files as they stand — the names the
// loader checks (platform/plugins/build-form.ts): parameters.schema.json's properties, the form's x-ref fields,
// its compute and classify rules, the forms its x-ref fields reference. A file that does not parse yet leaves its names unchecked (undefined), so the
// rules tab flags only what the loader would.
import type { KnownNames } from '../../../platform/plugins/check-rule-fields';
import { fieldsWithKeyword } from '../../../platform/plugins/schema-walk';
import type { DraftFiles } from './studio-api';

const parsed = (text: string | undefined): any => {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
};

function parameterNames(files: DraftFiles): ReadonlySet<string> | undefined {
  const manifest = parsed(files['plugin.json']);
  if (!manifest || typeof manifest !== 'object') return undefined;
  if (typeof manifest.parameters !== 'string') return new Set();
  const schema = parsed(files[manifest.parameters]);
  return schema && typeof schema === 'object' ? new Set(Object.keys(schema.properties ?? {})) : undefined;
}

function ruleIds(files: DraftFiles, rulePaths: string[]): { computed?: Set<string>; classes?: Set<string> } {
  const rules: any[] = [];
  for (const p of rulePaths) {
    const file = parsed(files[p]);
    if (!Array.isArray(file?.rules)) return {};
    rules.push(...file.rules.filter((r: unknown) => r && typeof r === 'object'));
  }
  const ids = (kind: string) => new Set(rules.filter((r) => r.kind === kind && typeof r.id === 'string').map((r) => r.id as string));
  return { computed: ids('compute'), classes: ids('classify') };
}

/** The schema of the form each x-ref field references (an object schema that parses), by the field's pointer. */
function referencedSchemas(files: DraftFiles, refs: { pointer: string; value: any }[]): Map<string, Record<string, any>> {
  const forms: any[] = parsed(files['plugin.json'])?.forms ?? [];
  const out = new Map<string, Record<string, any>>();
  for (const ref of refs) {
    const path = Array.isArray(forms) ? forms.find((f) => f?.id === ref.value?.form)?.schema : undefined;
    const schema = typeof path === 'string' ? parsed(files[path]) : undefined;
    if (schema && typeof schema === 'object' && !Array.isArray(schema) && schema.type === 'object') out.set(ref.pointer, schema);
  }
  return out;
}

export function knownNames(files: DraftFiles, rulePaths: string[], schema: Record<string, unknown> | null): KnownNames {
  let refs: { pointer: string; value: any }[] | undefined;
  try {
    refs = schema ? fieldsWithKeyword(schema, 'x-ref') : undefined;
  } catch {
    refs = undefined;
  }
  return {
    params: parameterNames(files),
    refs: refs && new Set(refs.map((r) => r.pointer)),
    refForms: refs && referencedSchemas(files, refs),
    ...ruleIds(files, rulePaths),
  };
}
