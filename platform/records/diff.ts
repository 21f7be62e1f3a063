// What an edit changed, as a list of {pointer, from, to} over leaf values: the "what" of an audit event.
import { encodePointer } from '../plugins/schema-walk';

export interface Change {
  pointer: string;
  from?: unknown;
  to?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function diffData(before: unknown, after: unknown, path: string[] = [], out: Change[] = []): Change[] {
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const k of [...keys].sort()) diffData(before[k], after[k], [...path, k], out);
    return out;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    const c: Change = { pointer: encodePointer(path) };
    if (before !== undefined) c.from = before;
    if (after !== undefined) c.to = after;
    out.push(c);
  }
  return out;
}
