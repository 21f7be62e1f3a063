// One classify rule's outcome as results show it: the value, and its code-list label when the rule names a list.
// Live in the browser and read back from storage alike, so a class reads 限期整改 everywhere, never "rectify".
import type { ClassifyRule, FormDefinition } from '../plugins/types';
import type { ClassResult } from './types';

export function classResultOf(form: Pick<FormDefinition, 'classLabels'>, rule: ClassifyRule, value: unknown): ClassResult {
  const label = typeof value === 'string' || typeof value === 'number' ? form.classLabels?.get(rule.id)?.get(String(value)) : undefined;
  return { id: rule.id, title: rule.title ?? null, group: rule.group ?? null, value, ...(label ? { label } : {}) };
}
