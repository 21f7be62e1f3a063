// The UI schema following a move across the tree (field-move.ts): the field's own UI settings go with it, its key
// leaves the order list where it was and joins the one where it goes, before the field that now follows it (rjsf
// refuses an order list that misses a property or names one the object lacks).
type Ui = Record<string, any>;

const isObj = (v: unknown): v is Ui => !!v && typeof v === 'object' && !Array.isArray(v);

function get(ui: Ui, path: string[]): Ui | undefined {
  let node: unknown = ui;
  for (const k of path) node = isObj(node) ? node[k] : undefined;
  return isObj(node) ? node : undefined;
}

/** A copy of `ui` with the object at `path` (created when missing) replaced by what `fn` makes of it. */
function update(ui: Ui, path: string[], fn: (node: Ui) => Ui): Ui {
  if (!path.length) return fn(ui);
  const [head, ...rest] = path;
  return { ...ui, [head]: update(isObj(ui[head]) ? ui[head] : {}, rest, fn) };
}

/** The key put into an order list before `next` (the field that follows it in the schema), or at its end. */
function insertKey(order: string[], key: string, next: string | undefined): string[] {
  const rest = order.filter((k) => k !== key);
  if (rest.includes('*') && (next === undefined || !rest.includes(next))) return rest; // "*" places it
  const i = next === undefined ? -1 : rest.indexOf(next);
  return i < 0 ? [...rest, key] : [...rest.slice(0, i), key, ...rest.slice(i)];
}

/**
 * `ui` after the field at `from` moved into `toParent`, where the schema's next field after it is `next` (undefined
 * when it is last). Levels without an order list get none.
 */
export function orderMoveTo(ui: Ui, from: string[], toParent: string[], next: string | undefined): Ui {
  const key = from[from.length - 1];
  const own = get(ui, from);
  let out = ui;
  const fromParent = from.slice(0, -1);
  if (own && fromParent.join('.') !== toParent.join('.')) {
    out = update(out, fromParent, ({ [key]: _moved, ...rest }) => rest);
    out = update(out, toParent, (node) => ({ ...node, [key]: own }));
  }
  const source = get(out, fromParent)?.['ui:order'];
  if (Array.isArray(source)) out = update(out, fromParent, (node) => ({ ...node, 'ui:order': source.filter((k: string) => k !== key) }));
  const target = get(out, toParent)?.['ui:order'];
  if (Array.isArray(target)) out = update(out, toParent, (node) => ({ ...node, 'ui:order': insertKey(target, key, next) }));
  return out;
}

/**
 * `ui` after the fields `keys` of `parent` were gathered into the new section `section`: their UI settings move
 * into the section's, the section takes the first one's place in the order list and the others leave it; the
 * section gets an order list of its own (the fields in the order given) when its parent has one.
 */
export function orderGroup(ui: Ui, parent: string[], keys: string[], section: string): Ui {
  const node = get(ui, parent);
  if (!node) return ui;
  const chosen = new Set(keys);
  const inner: Ui = {};
  const rest: Ui = {};
  for (const [k, v] of Object.entries(node)) (chosen.has(k) ? inner : rest)[k] = v;
  const order = node['ui:order'];
  if (Array.isArray(order)) {
    const at = order.findIndex((k: string) => chosen.has(k));
    rest['ui:order'] = order.flatMap((k: string, i: number) => (i === at ? [section] : chosen.has(k) ? [] : [k]));
    if (at < 0 && !order.includes('*')) rest['ui:order'].push(section);
    inner['ui:order'] = [...keys];
  }
  if (Object.keys(inner).length) rest[section] = inner;
  return update(ui, parent, () => rest);
}
