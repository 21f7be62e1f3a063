// Moving fields across the tree: a field to any place of any level (drag and drop, "move to section"), and sibling
// fields gathered into a new section. Pure functions on the schema; the UI schema follows in ui-order-move.ts.
// A field keeps its `required` where it goes, as its parent's `required` list is where JSON Schema says it.
import { atObject, isSection, removeField } from './schema-edit';

type Schema = Record<string, any>;

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, i) => k === b[i]);

function objectAt(schema: Schema, path: string[]): Schema {
  let node = schema;
  for (const k of path) {
    node = node?.properties?.[k];
    if (!node || typeof node !== 'object') throw new Error(`No field ${path.join('.')}`);
  }
  return node;
}

/** The keys of the object at `parent` with `key` placed at `index` (and left out of where it was). */
function placed(keys: string[], key: string, index: number): string[] {
  const rest = keys.filter((k) => k !== key);
  const i = Math.max(0, Math.min(index, rest.length));
  return [...rest.slice(0, i), key, ...rest.slice(i)];
}

function withProperty(node: Schema, key: string, field: Schema, index: number, required: boolean): Schema {
  const props: Schema = { ...(node.properties ?? {}), [key]: field };
  const order = placed(Object.keys(node.properties ?? {}), key, index);
  const out: Schema = { ...node, properties: Object.fromEntries(order.map((k) => [k, props[k]])) };
  if (required) out.required = [...(Array.isArray(node.required) ? node.required.filter((k: string) => k !== key) : []), key];
  return out;
}

/** Whether the field at `from` may go into the object at `toParent`: a section (or the root), not itself or inside
 *  itself, and no other field there has its key. */
export function canMoveTo(schema: Schema, from: string[], toParent: string[]): boolean {
  const key = from[from.length - 1];
  if (toParent.length >= from.length && same(toParent.slice(0, from.length), from)) return false;
  let target: Schema;
  try {
    target = objectAt(schema, toParent);
  } catch {
    return false;
  }
  if (toParent.length && !isSection(target)) return false;
  // A table's row fields stay in it: objectAt walks sections only.
  try {
    if (from.length > 1 && !isSection(objectAt(schema, from.slice(0, -1)))) return false;
  } catch {
    return false;
  }
  return same(from.slice(0, -1), toParent) || !(key in (target.properties ?? {}));
}

/** The field at `from` moved to position `index` among the fields of `toParent` (counted without the field itself). */
export function moveFieldTo(schema: Schema, from: string[], toParent: string[], index: number): Schema {
  if (!canMoveTo(schema, from, toParent)) throw new Error(`Cannot move ${from.join('.')} to ${toParent.join('.') || 'the root'}`);
  const key = from[from.length - 1];
  const parent = objectAt(schema, from.slice(0, -1));
  const field = parent.properties[key];
  const required = Array.isArray(parent.required) && parent.required.includes(key);
  if (same(from.slice(0, -1), toParent)) return atObject(schema, toParent, (node) => withProperty(node, key, field, index, false));
  return atObject(removeField(schema, from), toParent, (node) => withProperty(node, key, field, index, required));
}

/** The sibling fields at `paths` gathered, in their order in the form, into a new section `key` that stands where
 *  the first of them stood. */
export function groupIntoSection(schema: Schema, paths: string[][], key: string, title: string): Schema {
  if (!paths.length) throw new Error('No fields to group');
  const parentPath = paths[0].slice(0, -1);
  if (!paths.every((p) => same(p.slice(0, -1), parentPath))) throw new Error('Fields of one level only');
  const chosen = new Set(paths.map((p) => p[p.length - 1]));
  return atObject(schema, parentPath, (node) => {
    const keys = Object.keys(node.properties ?? {});
    if (keys.includes(key)) throw new Error(`Field ${key} exists`);
    const required: string[] = Array.isArray(node.required) ? node.required : [];
    const inside = keys.filter((k) => chosen.has(k));
    if (inside.length !== chosen.size) throw new Error('No such field');
    const section: Schema = { type: 'object', title, properties: Object.fromEntries(inside.map((k) => [k, node.properties[k]])) };
    const sectionRequired = required.filter((k) => chosen.has(k));
    if (sectionRequired.length) section.required = sectionRequired;
    const at = keys.indexOf(inside[0]);
    const order = keys.filter((k, i) => !chosen.has(k) || i === at).map((k) => (k === inside[0] ? key : k));
    const props: Schema = { ...node.properties, [key]: section };
    const out: Schema = { ...node, properties: Object.fromEntries(order.map((k) => [k, props[k]])) };
    const left = required.filter((k) => !chosen.has(k));
    if (left.length) out.required = left;
    else delete out.required;
    return out;
  });
}
