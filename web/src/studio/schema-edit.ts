// Edits of a form's JSON schema by the field tree, as pure functions: each returns a new schema and leaves the
// given one untouched (the undo stack keeps the old text). A field is addressed by its path of property names;
// sections are object properties with their own `properties`; a table of rows (an array of objects) is opened like
// a section, its row's fields being its children (the path skips `items`).
import { attachmentField, choiceField, multiChoiceField, refField, type FieldOptions } from './field-types';

type Schema = Record<string, any>;

export type FieldType =
  'text' | 'number' | 'integer' | 'date' | 'boolean' | 'choice' | 'multi' | 'attachment' | 'ref' | 'table' | 'section';
export const FIELD_TYPES: readonly FieldType[] = [
  'text',
  'number',
  'integer',
  'date',
  'boolean',
  'choice',
  'multi',
  'attachment',
  'ref',
  'section',
];

export interface TreeNode {
  path: string[];
  schema: Schema;
  required: boolean;
  section: boolean;
  /** A table of rows: shown and added to like a section, but no field moves into or out of it. */
  table: boolean;
  children: TreeNode[];
}

const isObj = (v: unknown): v is Schema => !!v && typeof v === 'object' && !Array.isArray(v);
export const isSection = (s: Schema) => isObj(s.properties) && (s.type === 'object' || s.type === undefined);
export const isTable = (s: Schema) => s.type === 'array' && isObj(s.items) && isSection(s.items);

/** The schema's properties as a tree, in their order. */
export function fieldTree(schema: Schema, path: string[] = []): TreeNode[] {
  if (!isObj(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(schema.properties)
    .filter(([, s]) => isObj(s))
    .map(([key, s]) => {
      const p = [...path, key];
      const table = isTable(s as Schema);
      const section = table || isSection(s as Schema);
      const children = section ? fieldTree(table ? (s as Schema).items : (s as Schema), p) : [];
      return { path: p, schema: s as Schema, required: required.has(key), section, table, children };
    });
}

/** The kind of field the tree shows for a property schema. */
export function typeOf(s: Schema): FieldType | null {
  if (isSection(s)) return 'section';
  if (isTable(s)) return 'table';
  if (Array.isArray(s.enum)) return 'choice';
  if (s['x-ref']) return 'ref';
  if (s.type === 'array' && s['x-attachment']) return 'attachment';
  if (s.type === 'array' && Array.isArray(s.items?.enum)) return 'multi';
  if (s.type === 'string') return s.format === 'date' ? 'date' : 'text';
  if (s.type === 'number' || s.type === 'integer' || s.type === 'boolean') return s.type;
  return null;
}

export function newFieldSchema(type: FieldType, title: string, choices: string[], opts: FieldOptions = {}): Schema {
  switch (type) {
    case 'text':
      return { type: 'string', title };
    case 'number':
      return { type: 'number', title };
    case 'integer':
      return { type: 'integer', title };
    case 'date':
      return { type: 'string', format: 'date', title };
    case 'boolean':
      return { type: 'boolean', title };
    case 'choice':
      return choiceField(title, { choices, ...opts });
    case 'multi':
      return multiChoiceField(title, { choices, ...opts });
    case 'attachment':
      return attachmentField(title);
    case 'ref':
      return refField(title, opts);
    case 'section':
      return { type: 'object', title, properties: {} };
    case 'table':
      return { type: 'array', title, items: { type: 'object', properties: {} } };
  }
}

/** A copy of the schema with the object at `path` (the root for []) replaced by what `fn` makes of it. */
export function atObject(schema: Schema, path: string[], fn: (node: Schema) => Schema): Schema {
  if (path.length === 0) return fn(schema);
  const [head, ...rest] = path;
  const child = schema.properties?.[head];
  if (!isObj(child)) throw new Error(`No field ${head}`);
  if (isTable(child))
    return { ...schema, properties: { ...schema.properties, [head]: { ...child, items: atObject(child.items, rest, fn) } } };
  return { ...schema, properties: { ...schema.properties, [head]: atObject(child, rest, fn) } };
}

export function addField(schema: Schema, parent: string[], key: string, field: Schema): Schema {
  return atObject(schema, parent, (node) => {
    if (isObj(node.properties) && key in node.properties) throw new Error(`Field ${key} exists`);
    return { ...node, properties: { ...(node.properties ?? {}), [key]: field } };
  });
}

export function removeField(schema: Schema, path: string[]): Schema {
  const key = path[path.length - 1];
  return atObject(schema, path.slice(0, -1), (node) => {
    const { [key]: _gone, ...properties } = node.properties;
    const out: Schema = { ...node, properties };
    if (Array.isArray(node.required)) {
      out.required = node.required.filter((k: string) => k !== key);
      if (!out.required.length) delete out.required;
    }
    return out;
  });
}

/** Moves the field one place up (-1) or down (+1) among its siblings; at either end nothing changes. */
export function moveField(schema: Schema, path: string[], delta: -1 | 1): Schema {
  const key = path[path.length - 1];
  return atObject(schema, path.slice(0, -1), (node) => {
    const keys = Object.keys(node.properties);
    const i = keys.indexOf(key);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= keys.length) return node;
    [keys[i], keys[j]] = [keys[j], keys[i]];
    return { ...node, properties: Object.fromEntries(keys.map((k) => [k, node.properties[k]])) };
  });
}

/** Sets (or, for undefined, removes) keywords of the field's own schema. */
export function patchField(schema: Schema, path: string[], patch: Record<string, unknown>): Schema {
  const key = path[path.length - 1];
  return atObject(schema, path.slice(0, -1), (node) => {
    const field: Schema = { ...node.properties[key] };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete field[k];
      else field[k] = v;
    }
    return { ...node, properties: { ...node.properties, [key]: field } };
  });
}

export function setRequired(schema: Schema, path: string[], required: boolean): Schema {
  const key = path[path.length - 1];
  return atObject(schema, path.slice(0, -1), (node) => {
    const list: string[] = (Array.isArray(node.required) ? node.required : []).filter((k: string) => k !== key);
    if (required) list.push(key);
    const out: Schema = { ...node, required: list };
    if (!list.length) delete out.required;
    return out;
  });
}

/** A field key as the platform's pointers and JsonLogic paths take it: a letter, then letters, digits, _ or -. */
export const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
