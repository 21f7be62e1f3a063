// Field names a rule reads that the form does not have: every {"var": "data.…"} in the rule's JsonLogic compared
// with the form's fields (platform/plugins/leaf-fields.ts). A typo is shown at once instead of evaluating to a
// silent null. Inside map/filter/reduce/all/some/none the second argument reads the current item, not the form, and
// is not checked.
import { leafFields } from '../../../platform/plugins/leaf-fields';
import type { FormDefinition, PluginDefinition } from '../../../platform/plugins/types';

const ITERATORS = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);

/** Every path of the form a rule may read: each leaf field (dotted) as 'leaf', each section above one as 'section'. */
export function formPaths(schema: Record<string, unknown>): Map<string, 'leaf' | 'section'> {
  const plugin = { translations: { en: {} } } as unknown as PluginDefinition;
  const leaves = leafFields(plugin, { schema } as unknown as FormDefinition);
  const out = new Map<string, 'leaf' | 'section'>();
  for (const leaf of leaves) {
    const segs = leaf.pointer
      .slice(1)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    for (let i = 1; i < segs.length; i++) out.set(segs.slice(0, i).join('.'), 'section');
    out.set(segs.join('.'), 'leaf');
  }
  return out;
}

/** The `data.…` paths of `logic` that name no field of the form (a path into a list's items counts as its field). */
export function unknownFields(logic: unknown, paths: Map<string, 'leaf' | 'section'>): string[] {
  const found = new Set<string>();
  const known = (p: string) => {
    if (paths.has(p)) return true;
    // data.plots.0.area reads inside the list field plots: the list is the leaf the form has. Below a section
    // only its own fields exist.
    const segs = p.split('.');
    for (let i = segs.length - 1; i >= 1; i--) if (paths.get(segs.slice(0, i).join('.')) === 'leaf') return true;
    return false;
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [op, arg] of Object.entries(node)) {
      if (op === 'var') {
        const name = Array.isArray(arg) ? arg[0] : arg;
        if (typeof name === 'string' && name.startsWith('data.')) {
          const p = name.slice(5);
          if (p && !known(p)) found.add(name);
        }
        if (Array.isArray(arg)) arg.slice(1).forEach(walk);
      } else if (ITERATORS.has(op) && Array.isArray(arg)) {
        walk(arg[0]);
        if (op === 'reduce') walk(arg[2]);
      } else walk(arg);
    }
  };
  walk(logic);
  return [...found];
}
