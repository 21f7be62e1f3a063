// The fields of a form schema as a flat list (pointer → types, required, enum), for comparing two versions of a
// form. Follows `properties` and array `items` only; a field under anything else ($ref, oneOf, …) is compared as a
// whole by the caller, through its parent's schema text.
export interface FieldShape {
  /** JSON Schema types; empty when the field takes any type. */
  types: string[];
  required: boolean;
  enum?: unknown[];
}

/** Pointer of each field: `/name`, nested `/name/inner`, an array's item fields `/name/-/inner`. */
export function schemaFields(schema: unknown): Map<string, FieldShape> {
  const out = new Map<string, FieldShape>();
  const stack: [unknown, string][] = [[schema, '']];
  while (stack.length) {
    const [s, at] = stack.pop()!;
    if (!s || typeof s !== 'object') continue;
    const node = s as { properties?: Record<string, unknown>; required?: unknown; items?: unknown };
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const pointer = `${at}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const c = (child && typeof child === 'object' ? child : {}) as { type?: unknown; enum?: unknown };
      const types = Array.isArray(c.type) ? c.type.map(String).sort() : typeof c.type === 'string' ? [c.type] : [];
      out.set(pointer, { types, required: required.has(name), ...(Array.isArray(c.enum) ? { enum: c.enum } : {}) });
      stack.push([child, pointer]);
    }
    if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) stack.push([node.items, `${at}/-`]);
  }
  return out;
}

/** True when every value the old type list accepts, the new one accepts too (integer fits number). */
export function typesWiden(from: string[], to: string[]): boolean {
  if (to.length === 0) return true;
  if (from.length === 0) return false;
  return from.every((t) => to.includes(t) || (t === 'integer' && to.includes('number')));
}
