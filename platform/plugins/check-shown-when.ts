// A field's shown-when condition (`x-when`, JsonLogic over the record's data) is checked at load like a rule's
// `when`: the engine must accept it, and every `data.…` it reads must be a field of the form (check-rule-fields.ts),
// else it would read null forever and the field would never show, silently. It only hides the field in the form —
// validation is unchanged — so a required field may not have one: it would refuse a save for a field not shown.
import { detail, type ErrorDetail } from '../errors';
import { checkRuleFields, type RuleFieldContext } from './check-rule-fields';

type Schema = Record<string, any>;

export interface ShownWhen {
  /** The field's path of property names. */
  path: string[];
  /** Pointer of the keyword in the schema file (`/properties/a/properties/b/x-when`). */
  pointer: string;
  logic: unknown;
  required: boolean;
}

const isObj = (v: unknown): v is Schema => !!v && typeof v === 'object' && !Array.isArray(v);
const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every field (through object properties) with an `x-when`, in the schema's order. */
export function shownWhenFields(schema: Schema): ShownWhen[] {
  const out: ShownWhen[] = [];
  const walk = (node: Schema, path: string[], at: string) => {
    if (!isObj(node.properties)) return;
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    for (const [k, child] of Object.entries(node.properties)) {
      if (!isObj(child)) continue;
      const p = `${at}/properties/${escape(k)}`;
      if (Object.prototype.hasOwnProperty.call(child, 'x-when'))
        out.push({ path: [...path, k], pointer: `${p}/x-when`, logic: child['x-when'], required: required.has(k) });
      walk(child, [...path, k], p);
    }
  };
  walk(schema, [], '');
  return out;
}

/**
 * The problems of the form's shown-when conditions. `compile` is the loader's (engine check and compile, its
 * errors pushed to `errors`; null when it failed); names are checked only when `fields` is given (a sound schema).
 */
export function checkShownWhen(
  schema: Schema,
  file: string,
  compile: (logic: unknown, pointer: string) => unknown,
  fields: Omit<RuleFieldContext, 'file' | 'schema'> | null,
): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  for (const f of shownWhenFields(schema)) {
    if (f.required) {
      const name = f.path.join('.');
      errors.push(
        detail(f.pointer, `必填字段 ${name} 不能有显示条件(隐藏时无法填写)`, `Required field ${name} cannot have a shown-when condition (hidden, it could not be filled)`, {
          file,
          code: 'PLUGIN_INVALID',
          keyword: 'x-when',
        }),
      );
    }
    if (compile(f.logic, f.pointer) !== null && fields) errors.push(...checkRuleFields(f.logic, f.pointer, { ...fields, schema, file }));
  }
  return errors;
}
