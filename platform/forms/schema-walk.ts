// Visits every subschema of a draft-07 schema with its JSON pointer, so schema checks can name the exact place
// of a problem (ajv's own compile errors mostly do not).
import { appendPointer } from './pointer';

export type SchemaNode = Record<string, unknown>;

const isNode = (v: unknown): v is SchemaNode => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keywords whose value is one schema. */
const SINGLE = ['additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'if', 'then', 'else', 'not'];
/** Keywords whose value is a list of schemas. */
const LIST = ['allOf', 'anyOf', 'oneOf'];
/** Keywords whose value maps names to schemas (dependencies may also map to property lists: skipped). */
const MAP = ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies'];

/**
 * Calls visit(node, pointer) for the root and every subschema that is an object, depth first. Values of
 * unknown keywords and data-valued keywords (enum, const, default, examples) are not entered.
 */
export function walkSchema(root: unknown, visit: (node: SchemaNode, pointer: string) => void): void {
  const walk = (node: unknown, pointer: string) => {
    if (!isNode(node)) return;
    visit(node, pointer);
    for (const key of SINGLE) walk(node[key], appendPointer(pointer, key));
    for (const key of LIST) {
      const list = node[key];
      if (Array.isArray(list)) list.forEach((sub, i) => walk(sub, appendPointer(pointer, key, i)));
    }
    for (const key of MAP) {
      const map = node[key];
      if (isNode(map)) for (const [name, sub] of Object.entries(map)) walk(sub, appendPointer(pointer, key, name));
    }
    const items = node.items;
    if (Array.isArray(items)) items.forEach((sub, i) => walk(sub, appendPointer(pointer, 'items', i)));
    else walk(items, appendPointer(pointer, 'items'));
  };
  walk(root, '');
}
