// A UI schema's `ui:order` kept in step with the field tree: rjsf refuses to render an object whose order list
// misses one of its properties (unless it has "*"), so a field added or removed is added to or removed from the
// list at its level, and a move swaps the two keys there too.
type Ui = Record<string, any>;

const at = (ui: Ui, path: string[]): Ui | null => {
  let node: any = ui;
  for (const k of path) {
    node = node?.[k];
    if (!node || typeof node !== 'object') return null;
  }
  return node;
};

/** A copy of `ui` with the order list at `parent` replaced by what `fn` makes of it; `ui` itself when it has none. */
function withOrder(ui: Ui, parent: string[], fn: (order: string[]) => string[]): Ui {
  const node = at(ui, parent);
  if (!node || !Array.isArray(node['ui:order'])) return ui;
  const order = fn([...node['ui:order']]);
  const set = (n: Ui, rest: string[]): Ui =>
    rest.length === 0 ? { ...n, 'ui:order': order } : { ...n, [rest[0]]: set(n[rest[0]], rest.slice(1)) };
  return set(ui, parent);
}

export function orderAdd(ui: Ui, parent: string[], key: string): Ui {
  return withOrder(ui, parent, (o) => (o.includes('*') || o.includes(key) ? o : [...o, key]));
}

export function orderRemove(ui: Ui, path: string[]): Ui {
  const key = path[path.length - 1];
  return withOrder(ui, path.slice(0, -1), (o) => o.filter((k) => k !== key));
}

/** Swaps the field with the sibling it moved past (`other`), if the list names both. */
export function orderSwap(ui: Ui, path: string[], other: string): Ui {
  const key = path[path.length - 1];
  return withOrder(ui, path.slice(0, -1), (o) => {
    const i = o.indexOf(key);
    const j = o.indexOf(other);
    if (i >= 0 && j >= 0) [o[i], o[j]] = [o[j], o[i]];
    return o;
  });
}
