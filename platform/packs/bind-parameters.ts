// The parameters a pack asks this county to bind: each one the pack's parameter schema declares, with its schema,
// the pack's default, the value in force here (if a version of the plugin is installed) and the value an install
// would take. Binding replaces the search-and-replace a county would otherwise do on a policy's files. Pure: the
// stored overrides are read by the caller.
import { HezuoError, detail, type ErrorDetail } from '../errors';
import { effectiveValues } from '../parameters/effective-parameters';
import type { PluginDefinition } from '../plugins/types';

/**
 * `binding`: the admin's value in this request; `current`: this server's own override of the installed version,
 * kept; `default`: the pack's default (nothing bound, nothing overridden here).
 */
export type BindingSource = 'binding' | 'current' | 'default';

export interface ParameterBinding {
  name: string;
  schema: Record<string, unknown>;
  /** The pack's default; null when it declares none. */
  default: unknown;
  /** The value in force in this server for the installed (active) version; null when it does not declare it. */
  current: unknown;
  /** The value fixtures and the impact preview use, and an install would store. */
  bound: unknown;
  source: BindingSource;
}

export interface Bindings {
  parameters: ParameterBinding[];
  /** name → bound value, every declared parameter. */
  values: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `/name/rest` → `/bindings/name/rest`: the request's pointer for a parameter's error. */
const underBindings = (e: ErrorDetail): ErrorDetail => ({ ...e, pointer: `/bindings${e.pointer}` });

/**
 * The bound values of `incoming`'s parameters: the request's `bindings` over this server's stored overrides (of
 * names the pack still declares) over the pack's defaults, validated against the pack's parameter schema.
 * Refused as PARAMETERS_INVALID (pointers /bindings/<name>) when a binding names no parameter of the pack or the
 * resulting values break the schema — also when a kept override of this server does: the admin binds a new value.
 */
export function bindParameters(
  incoming: PluginDefinition,
  installed: PluginDefinition | undefined,
  stored: Record<string, unknown>,
  bindings: Record<string, unknown>,
): Bindings {
  const props = (isObject(incoming.parameterSchema.properties) ? incoming.parameterSchema.properties : {}) as Record<string, unknown>;
  const unknown = Object.keys(bindings).filter((name) => !Object.hasOwn(props, name));
  if (unknown.length) {
    throw new HezuoError(
      'PARAMETERS_INVALID',
      unknown.map((name) =>
        detail(
          `/bindings/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          `此插件包没有参数 ${name}`,
          `The pack declares no parameter ${name}`,
        ),
      ),
    );
  }
  const current = installed ? effectiveValues(installed, stored) : {};
  // Overrides of names the installed version declares (a stale one of an older version is not in force).
  const declared = installed && isObject(installed.parameterSchema.properties) ? installed.parameterSchema.properties : {};
  const kept = Object.fromEntries(Object.entries(stored).filter(([name]) => Object.hasOwn(declared, name)));
  const parameters: ParameterBinding[] = Object.keys(props)
    .sort()
    .map((name) => {
      const source: BindingSource = Object.hasOwn(bindings, name) ? 'binding' : Object.hasOwn(kept, name) ? 'current' : 'default';
      const bound = source === 'binding' ? bindings[name] : source === 'current' ? kept[name] : incoming.parameterDefaults[name];
      return {
        name,
        schema: isObject(props[name]) ? (props[name] as Record<string, unknown>) : {},
        default: incoming.parameterDefaults[name] ?? null,
        current: Object.hasOwn(current, name) ? current[name] : null,
        bound: bound ?? null,
        source,
      };
    });
  // Unset parameters (no default, nothing bound) stay absent, as they would be in force.
  const values = Object.fromEntries(parameters.filter((p) => p.bound !== null || p.source === 'binding').map((p) => [p.name, p.bound]));
  const errors = incoming.validateParameters(values);
  if (errors.length) throw new HezuoError('PARAMETERS_INVALID', errors.map(underBindings));
  return { parameters, values };
}
