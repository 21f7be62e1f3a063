// An audit event's changes as lines a person reads: the field's title (from the form's translated schema), the value
// before and after in words (values/format-value.ts). A recompute's changes carry /data and /results prefixes (the
// rules' outcome is not a field); every other event's pointers are data pointers.
import { fieldSchema, fieldTitle } from '../../../platform/forms/field-title';
import { formatValue, type ValueWords } from '../values/format-value';

export interface ChangeLine {
  pointer: string;
  field: string;
  before: string;
  after: string;
}

interface RawChange {
  pointer?: unknown;
  from?: unknown;
  to?: unknown;
}

/** The data changes of an event as lines, and how many rule outcomes changed beside them. */
export function changeLines(
  action: string,
  changes: unknown,
  schema: Record<string, unknown>,
  words: ValueWords,
): { lines: ChangeLine[]; outcomes: number } {
  const list = Array.isArray(changes) ? (changes as RawChange[]).filter((c) => c && typeof c.pointer === 'string') : [];
  const prefixed = action === 'recompute';
  const lines: ChangeLine[] = [];
  let outcomes = 0;
  for (const c of list) {
    let pointer = c.pointer as string;
    if (prefixed) {
      if (!pointer.startsWith('/data/')) {
        outcomes++;
        continue;
      }
      pointer = pointer.slice('/data'.length);
    }
    const s = fieldSchema(schema, pointer) ?? {};
    lines.push({
      pointer,
      field: fieldTitle(schema, pointer) ?? pointer,
      before: formatValue(s, {}, c.from, words),
      after: formatValue(s, {}, c.to, words),
    });
  }
  return { lines, outcomes };
}
