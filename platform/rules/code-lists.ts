// Code lists indexed once per engine, for `lookup`: code → item, read like `var` (own properties only).
import type { CodeList, CodeListItem } from './types';
import { copyJson, frozenCopy, readPath } from './values';
import type { Meter } from './budget';

export type CodeListIndex = ReadonlyMap<string, ReadonlyMap<string, CodeListItem>>;

/** A frozen copy: a later change to the plugin's objects cannot change what rules see. */
export function indexCodeLists(lists: ReadonlyMap<string, CodeList>): CodeListIndex {
  const index = new Map<string, ReadonlyMap<string, CodeListItem>>();
  for (const [id, list] of lists) {
    index.set(id, new Map((list.items ?? []).map((item) => [item.code, frozenCopy(item)])));
  }
  return index;
}

/**
 * The item's field at a dotted path (default `label`, which gives `{ "zh-CN", en }`; `label.en` gives the
 * string), or null when the list, the code or the field is unknown. A number code is looked up as its string
 * form, since form fields often hold codes as integers. Objects come back as fresh copies.
 */
export function lookup(meter: Meter, index: CodeListIndex, listId: unknown, code: unknown, field: unknown = 'label'): unknown {
  if (typeof listId !== 'string') return null;
  const key = typeof code === 'number' ? String(code) : code;
  if (typeof key !== 'string') return null;
  const item = index.get(listId)?.get(key);
  if (item === undefined) return null;
  const parts = meter.splitPath(field === undefined ? 'label' : field);
  return copyJson(readPath(item, parts, null));
}
