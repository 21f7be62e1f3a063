// A computed field: a `compute` rule of the form's rules file names it by `field` (a JSON pointer) and writes its
// value; the field is `readOnly`, so the form shows it but does not let it be typed (the server replaces whatever
// a client sends). Pure: the rules file's parsed value in, a new value out.
type Schema = Record<string, any>;

const isObj = (v: unknown): v is Schema => !!v && typeof v === 'object' && !Array.isArray(v);
const rulesOf = (file: unknown): Schema[] => (isObj(file) && Array.isArray(file.rules) ? file.rules.filter(isObj) : []);

export const fieldPointer = (path: string[]) => `/${path.join('/')}`;

/** Ids of the compute rules that write the field at `pointer`. */
export function computeRulesFor(file: unknown, pointer: string): string[] {
  return rulesOf(file)
    .filter((r) => r.kind === 'compute' && r.field === pointer && typeof r.id === 'string')
    .map((r) => r.id as string);
}

/** A first value of the field's type, for the new rule's logic until the admin writes it in the rules tab. */
function startValue(field: Schema): unknown {
  if (field.type === 'number' || field.type === 'integer') return 0;
  if (field.type === 'boolean') return false;
  return '';
}

/** The rules file with a new compute rule writing the field at `path` (appended last), and the rule's id. */
export function withComputeRule(file: unknown, path: string[], field: Schema): { file: Schema; id: string } {
  const rules = rulesOf(file);
  const ids = new Set(rules.map((r) => r.id));
  const base = `compute-${path
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')}`;
  let id = base;
  for (let i = 2; ids.has(id); i++) id = `${base}-${i}`;
  // No title: a rule's title needs both languages; the rules tab adds one.
  const rule = { id, kind: 'compute', field: fieldPointer(path), logic: startValue(field) };
  return { file: { ...(isObj(file) ? file : {}), rules: [...rules, rule] }, id };
}

/** True when a compute rule can name the field by a pointer: every level above it is a section (not a table row). */
export function computable(schema: Schema, path: string[]): boolean {
  let node: unknown = schema;
  for (const k of path) {
    if (!isObj(node) || !isObj(node.properties)) return false;
    node = node.properties[k];
  }
  return isObj(node) && !isObj(node.properties) && node.type !== 'array';
}
