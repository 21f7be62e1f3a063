// Small readers over a form's JSON Schema: does a pointer name a field, and which fields carry a keyword.
import { appendPointer, parsePointer } from '../forms/pointer';

type Schema = Record<string, any>;

// One JSON Pointer implementation for the platform: the form module's.
export const decodePointer = parsePointer;
export const encodePointer = (segments: (string | number)[]): string => appendPointer('', ...segments);

/** True when the pointer can name a value the schema describes; composite schemas are given the benefit of doubt. */
export function schemaHasPointer(schema: Schema, pointer: string): boolean {
  let node: Schema | undefined = schema;
  for (const seg of decodePointer(pointer)) {
    if (!node || typeof node !== 'object') return false;
    if (node.$ref || node.allOf || node.anyOf || node.oneOf || node.if) return true;
    if (node.properties && Object.prototype.hasOwnProperty.call(node.properties, seg)) node = node.properties[seg];
    else if (node.items && /^\d+$/.test(seg)) node = Array.isArray(node.items) ? node.items[Number(seg)] : node.items;
    else if (node.additionalProperties && typeof node.additionalProperties === 'object') node = node.additionalProperties;
    else return false;
  }
  return true;
}

/** Pointers (through object properties only) of every sub-schema that has `keyword`, with its value. */
export function fieldsWithKeyword(schema: Schema, keyword: string): { pointer: string; value: any }[] {
  const out: { pointer: string; value: any }[] = [];
  const walk = (node: Schema, path: string[]) => {
    if (!node || typeof node !== 'object') return;
    if (Object.prototype.hasOwnProperty.call(node, keyword)) out.push({ pointer: encodePointer(path), value: node[keyword] });
    if (node.properties && typeof node.properties === 'object') {
      for (const [k, v] of Object.entries(node.properties)) walk(v as Schema, [...path, k]);
    }
  };
  walk(schema, []);
  return out;
}

/** Read the value at a pointer from data (own properties only). */
export function getAtPointer(data: unknown, pointer: string): unknown {
  let node: any = data;
  for (const seg of decodePointer(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
    node = node[seg];
  }
  return node;
}

/** Write a value at a pointer, creating objects on the way; refuses prototype keys. */
export function setAtPointer(data: Record<string, any>, pointer: string, value: unknown): void {
  const segs = decodePointer(pointer);
  if (segs.length === 0) return;
  let node: any = data;
  for (const seg of segs.slice(0, -1)) {
    if (seg === '__proto__' || seg === 'constructor' || seg === 'prototype') return;
    if (node[seg] === null || typeof node[seg] !== 'object') node[seg] = {};
    node = node[seg];
  }
  const last = segs[segs.length - 1];
  if (last === '__proto__' || last === 'constructor' || last === 'prototype') return;
  node[last] = value;
}
