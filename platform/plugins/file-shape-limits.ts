// Limits on the shape of a parsed plugin file, checked before any validator walks it: the validators and the
// schema compiler recurse, so a file nested 20,000 deep would overflow the stack, and compiling a form schema
// costs about a millisecond per property, so a schema of 50,000 properties would hold a server for minutes.
// Bundled plugins nest at most 16 deep and their largest form schema has under 300 nodes.
import { detail, type ErrorDetail } from '../errors';

/**
 * `depth` counts JSON levels (objects and arrays): a rule may nest 200 operations (platform/rules/check.ts), two
 * levels each, so a deeper rule still gets the rule checker's own refusal; past 1,000 nothing is walked.
 */
export const FILE_SHAPE_LIMITS = Object.freeze({ depth: 1_000, schemaNodes: 2_000 });

/** Nesting depth and number of objects and arrays, without recursion (a deep file cannot overflow this walk). */
export function shapeOf(value: unknown, stopAtDepth = Infinity): { depth: number; nodes: number } {
  let depth = 0;
  let nodes = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    nodes++;
    if (d > depth) depth = d;
    if (depth > stopAtDepth) break;
    for (const child of Object.values(v)) if (child && typeof child === 'object') stack.push([child, d + 1]);
  }
  return { depth, nodes };
}

/** Refusals for one parsed file; `isSchema` for form and parameter schemas, which are compiled. */
export function checkFileShape(file: string, value: unknown, isSchema: boolean): ErrorDetail[] {
  const { depth, nodes } = shapeOf(value, FILE_SHAPE_LIMITS.depth);
  if (depth > FILE_SHAPE_LIMITS.depth) {
    return [detail('', `文件嵌套过深(上限 ${FILE_SHAPE_LIMITS.depth} 层)`, `The file is nested too deeply (limit ${FILE_SHAPE_LIMITS.depth} levels)`, { file, code: 'FILE_TOO_DEEP' })];
  }
  if (isSchema && nodes > FILE_SHAPE_LIMITS.schemaNodes) {
    return [
      detail('', `表单结构过大(上限 ${FILE_SHAPE_LIMITS.schemaNodes} 个对象和数组)`, `The schema is too large (limit ${FILE_SHAPE_LIMITS.schemaNodes} objects and arrays)`, {
        file, code: 'SCHEMA_TOO_LARGE',
      }),
    ];
  }
  return [];
}

/** The files of a manifest that are compiled as JSON Schemas: form schemas and the parameter schema. */
export function schemaFiles(manifest: unknown): Set<string> {
  const out = new Set<string>();
  if (!manifest || typeof manifest !== 'object') return out;
  const m = manifest as { parameters?: unknown; forms?: unknown };
  if (typeof m.parameters === 'string') out.add(m.parameters);
  if (Array.isArray(m.forms)) for (const f of m.forms) if (f && typeof f.schema === 'string') out.add(f.schema);
  return out;
}
