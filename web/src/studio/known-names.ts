// What a form's rules may read by name besides its fields, from the draft's files as they stand — the names the
// loader checks (platform/plugins/build-form.ts): parameters.schema.json's properties, the form's x-ref fields,
// its compute and classify rules. A file that does not parse yet leaves its names unchecked (undefined), so the
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

export function knownNames(files: DraftFiles, rulePaths: string[], schema: Record<string, unknown> | null): KnownNames {
  let refs: Set<string> | undefined;
  try {
    refs = schema ? new Set(fieldsWithKeyword(schema, 'x-ref').map((r) => r.pointer)) : undefined;
  } catch {
    refs = undefined;
  }
  return { params: parameterNames(files), refs, ...ruleIds(files, rulePaths) };
}
