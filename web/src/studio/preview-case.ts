// "Save this preview as a test case": what the admin typed in the studio preview and what the rules made of it,
// written as one fixture case (docs/plugins.md "Fixtures") into the form's fixtures file — the first one plugin.json
// lists for the form, else a new fixtures/<form>.json added to the manifest. The expectations are today's outcomes;
// the admin reads them before saving, and 检查 then runs the case like any other, so a later rule edit that changes
// the outcome shows as a failing case instead of passing unnoticed.
import type { RuleResults } from '../../../platform/evaluation';
import type { DraftFiles } from './studio-api';
import { formatJson } from './draft-files';

export interface PreviewCase {
  description: string;
  reference?: string;
  asOf: string;
  input: Record<string, unknown>;
  expected: {
    valid: boolean;
    failed: string[];
    blocking: number;
    computed?: Record<string, unknown>;
    classes?: Record<string, unknown>;
    score?: { total: number; max: number };
  };
}

/** The case the preview stands for: the typed data as input, every outcome the runner compares as expected. */
export function previewCase(
  data: Record<string, unknown>,
  results: RuleResults,
  valid: boolean,
  texts: { description: string; reference?: string; asOf: string },
): PreviewCase {
  const present = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const computed = present(results.computed);
  const classes = present(results.classes);
  const reference = texts.reference?.trim();
  return {
    description: texts.description.trim(),
    ...(reference ? { reference } : {}),
    asOf: texts.asOf,
    input: structuredClone(data),
    expected: {
      valid,
      failed: [...results.failed].sort(),
      blocking: results.blocking,
      ...(Object.keys(computed).length ? { computed } : {}),
      ...(Object.keys(classes).length ? { classes } : {}),
      ...(results.score ? { score: { total: results.score.total, max: results.score.max } } : {}),
    },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The draft's files with the case appended. `values` are the parsed files (draft-files.ts parseFiles). Refuses
 * (throws) only when the manifest does not parse or a listed fixtures file is not a fixtures object: the admin
 * fixes those in the files tab first.
 */
export function withPreviewCase(
  files: DraftFiles,
  values: Record<string, unknown>,
  form: { id: string; title: string },
  c: PreviewCase,
): { files: DraftFiles; path: string } {
  const formId = form.id;
  const manifest = values['plugin.json'];
  if (!isObject(manifest)) throw new Error('plugin.json does not parse');
  const listed = Array.isArray(manifest.fixtures) ? manifest.fixtures.filter((p): p is string => typeof p === 'string') : [];
  const existing = listed.find((p) => isObject(values[p]) && (values[p] as { form?: unknown }).form === formId);
  if (existing) {
    const suite = values[existing] as { cases?: unknown; base?: unknown };
    const cases = Array.isArray(suite.cases) ? suite.cases : [];
    // A suite's cases are merged onto its base: the input becomes the patch that turns the base into what was typed.
    const own = isObject(suite.base) ? { ...c, input: mergePatchFrom(suite.base, c.input) } : c;
    return { files: { ...files, [existing]: formatJson({ ...suite, cases: [...cases, own] }) }, path: existing };
  }
  let path = `fixtures/${formId}.json`;
  for (let i = 2; path in files; i++) path = `fixtures/${formId}-${i}.json`;
  return {
    files: {
      ...files,
      'plugin.json': formatJson({ ...manifest, fixtures: [...listed, path] }),
      [path]: formatJson({ form: formId, description: `${form.title}:在工作室预览中保存的用例`, cases: [c] }),
    },
    path,
  };
}

/** The JSON Merge Patch (RFC 7386) that turns `from` into `to`: keys `to` lacks become null, objects recurse. */
export function mergePatchFrom(from: Record<string, unknown>, to: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(from)) if (!(k in to) || to[k] === undefined) patch[k] = null;
  for (const [k, v] of Object.entries(to)) {
    if (v === undefined) continue;
    const was = from[k];
    if (isObject(was) && isObject(v)) {
      const inner = mergePatchFrom(was, v);
      if (Object.keys(inner).length) patch[k] = inner;
    } else if (JSON.stringify(was) !== JSON.stringify(v)) patch[k] = structuredClone(v);
  }
  return patch;
}
