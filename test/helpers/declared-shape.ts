// Walks a JSON answer against the JSON schema its route declares and lists every property the schema does not
// declare (a property of an open object, additionalProperties true or no properties at all, is declared).
type Schema = Record<string, any> | boolean | undefined;

const typesOf = (s: Record<string, any>): string[] => (s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type]);

function matchesType(s: Record<string, any>, v: unknown): boolean {
  const types = typesOf(s);
  if (types.length === 0) return true;
  const actual = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' && Number.isInteger(v) ? 'integer' : typeof v;
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

export function undeclared(value: unknown, schema: Schema, at = ''): string[] {
  if (schema === undefined || schema === true) return [];
  if (schema === false) return [at || '/'];
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    const branches = (schema.anyOf ?? schema.oneOf) as Record<string, any>[];
    const fitting = branches.filter((b) => matchesType(b, value));
    const results = (fitting.length ? fitting : branches).map((b) => undeclared(value, b, at));
    return results.reduce((best, r) => (r.length < best.length ? r : best));
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => undeclared(v, schema.items, `${at}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const extra = schema.additionalProperties;
  const open = extra === true || (extra === undefined && schema.properties === undefined);
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (k in props) out.push(...undeclared(v, props[k], `${at}/${k}`));
    else if (extra && typeof extra === 'object') out.push(...undeclared(v, extra, `${at}/${k}`));
    else if (!open) out.push(`${at}/${k}`);
  }
  return out;
}
