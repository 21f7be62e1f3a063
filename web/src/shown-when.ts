// Fields shown only while their `x-when` holds (JsonLogic over the record's data, docs/plugins.md "Forms"): the
// conditions compiled once per schema by the platform's engine, run on each change of the data; a hidden field is
// marked in the UI schema (`ui:hiddenWhen`), which MemoForm's field template renders as nothing. The value stays.
import { createRuleEngine, type CompiledLogic } from '../../platform/rules';
import { truthy } from '../../platform/rules/values';
import { shownWhenFields } from '../../platform/plugins/check-shown-when';

type Schema = Record<string, any>;

export const HIDDEN_WHEN = 'ui:hiddenWhen';

export interface ShownWhenRun {
  path: string[];
  run: CompiledLogic;
}

const engine = createRuleEngine();

/** The schema's conditions, compiled; one the engine refuses (the loader said so already) always shows its field. */
export function compileShownWhen(schema: Schema): ShownWhenRun[] {
  return shownWhenFields(schema).flatMap(({ path, logic }) => {
    try {
      return [{ path, run: engine.compile(logic) }];
    } catch {
      return [];
    }
  });
}

/** The paths of the fields hidden for `data` (a condition that fails to run shows its field). */
export function hiddenFields(conditions: ShownWhenRun[], data: unknown): string[][] {
  return conditions
    .filter(({ run }) => {
      try {
        return !truthy(run({ data: data ?? {} }));
      } catch {
        return false;
      }
    })
    .map((c) => c.path);
}

/** `ui` with the hidden fields marked (itself when none is). */
export function withHiddenFields(ui: Schema, hidden: string[][]): Schema {
  let out = ui;
  for (const path of hidden) {
    const set = (node: Schema, rest: string[]): Schema => {
      const [head, ...tail] = rest;
      const child = node[head] && typeof node[head] === 'object' ? node[head] : {};
      return { ...node, [head]: tail.length ? set(child, tail) : { ...child, [HIDDEN_WHEN]: true } };
    };
    out = set(out, path);
  }
  return out;
}
