// The plugin's parameters as the studio edits them: parameters.schema.json (a draft-07 object schema whose properties
// carry defaults, docs/plugins.md "Parameters"). Every threshold, date and quota a policy names belongs here, so a
// county changes it by binding a value, not by editing rules. Pure functions: files in, files out.
import type { DraftFiles } from './studio-api';
import { formatJson } from './draft-files';
import { KEY_PATTERN } from './schema-edit';

export type ParamType = 'number' | 'integer' | 'string' | 'date' | 'boolean';
export const PARAM_TYPES: readonly ParamType[] = ['number', 'integer', 'string', 'date', 'boolean'];

export interface Param {
  name: string;
  type: ParamType;
  title: string;
  description: string;
  default: unknown;
  minimum?: number;
  maximum?: number;
}

type Schema = Record<string, any>;
const isObj = (v: unknown): v is Schema => !!v && typeof v === 'object' && !Array.isArray(v);

export const DEFAULT_PARAMS_PATH = 'parameters.schema.json';

/** Where the manifest keeps the parameter schema (null: it names none yet). */
export function paramsPath(values: Record<string, unknown>): string | null {
  const p = (values['plugin.json'] as { parameters?: unknown } | undefined)?.parameters;
  return typeof p === 'string' ? p : null;
}

function typeOf(s: Schema): ParamType {
  if (s.type === 'string' && s.format === 'date') return 'date';
  return PARAM_TYPES.includes(s.type) ? (s.type as ParamType) : 'string';
}

export function readParams(schema: unknown): Param[] {
  if (!isObj(schema) || !isObj(schema.properties)) return [];
  return Object.entries(schema.properties)
    .filter(([, s]) => isObj(s))
    .map(([name, s]) => ({
      name,
      type: typeOf(s),
      title: typeof s.title === 'string' ? s.title : '',
      description: typeof s.description === 'string' ? s.description : '',
      default: s.default,
      ...(typeof s.minimum === 'number' ? { minimum: s.minimum } : {}),
      ...(typeof s.maximum === 'number' ? { maximum: s.maximum } : {}),
    }));
}

/** A typed text as the parameter's value, or a reason it is not one (zh-CN, en). */
export function parseValue(p: Pick<Param, 'type' | 'minimum' | 'maximum'>, text: string): { value: unknown } | { error: [string, string] } {
  const t = text.trim();
  if (p.type === 'string') return { value: text };
  if (p.type === 'boolean') {
    if (t === 'true' || t === '是') return { value: true };
    if (t === 'false' || t === '否') return { value: false };
    return { error: ['请填写 是 或 否', 'Yes or no'] };
  }
  if (p.type === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
    if (!d || d.getUTCMonth() !== +m![2] - 1 || d.getUTCDate() !== +m![3])
      return { error: ['日期应为 YYYY-MM-DD,且真实存在', 'A date YYYY-MM-DD that exists'] };
    return { value: t };
  }
  const n = t === '' ? NaN : Number(t);
  if (!Number.isFinite(n)) return { error: ['请填写数字', 'A number'] };
  if (p.type === 'integer' && !Number.isInteger(n)) return { error: ['请填写整数', 'A whole number'] };
  if (p.minimum !== undefined && n < p.minimum) return { error: [`不能小于 ${p.minimum}`, `At least ${p.minimum}`] };
  if (p.maximum !== undefined && n > p.maximum) return { error: [`不能大于 ${p.maximum}`, `At most ${p.maximum}`] };
  return { value: n };
}

function propertyOf(p: Param): Schema {
  return {
    type: p.type === 'date' ? 'string' : p.type,
    ...(p.type === 'date' ? { format: 'date' } : {}),
    ...(p.title ? { title: p.title } : {}),
    ...(p.description ? { description: p.description } : {}),
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(p.minimum !== undefined ? { minimum: p.minimum } : {}),
    ...(p.maximum !== undefined ? { maximum: p.maximum } : {}),
  };
}

/** The files with one parameter set (added, or replaced in place keeping its other keywords and its order). */
export function setParam(files: DraftFiles, values: Record<string, unknown>, p: Param): DraftFiles {
  if (!KEY_PATTERN.test(p.name)) throw new Error(`bad parameter name ${p.name}`);
  const manifest = values['plugin.json'];
  if (!isObj(manifest)) throw new Error('plugin.json does not parse');
  const path = paramsPath(values) ?? DEFAULT_PARAMS_PATH;
  const current = isObj(values[path])
    ? (values[path] as Schema)
    : { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: false };
  const properties = isObj(current.properties) ? current.properties : {};
  const kept = isObj(properties[p.name]) ? properties[p.name] : {};
  // Keywords the studio does not edit (enum, maxLength, x-…) stay; the ones it edits are rewritten.
  const { type: _t, format: _f, title: _ti, description: _d, default: _df, minimum: _mi, maximum: _ma, ...other } = kept;
  const schema = { ...current, properties: { ...properties, [p.name]: { ...propertyOf(p), ...other } } };
  const out: DraftFiles = { ...files, [path]: formatJson(schema) };
  if (!paramsPath(values)) out['plugin.json'] = formatJson({ ...manifest, parameters: path });
  return out;
}

export function removeParam(files: DraftFiles, values: Record<string, unknown>, name: string): DraftFiles {
  const path = paramsPath(values);
  const schema = path ? values[path] : null;
  if (!path || !isObj(schema) || !isObj(schema.properties)) return files;
  const { [name]: _gone, ...rest } = schema.properties;
  const required = Array.isArray(schema.required) ? schema.required.filter((r: unknown) => r !== name) : undefined;
  return { ...files, [path]: formatJson({ ...schema, properties: rest, ...(required ? { required } : {}) }) };
}

/** The files that read `params.<name>` (rules, reports, follow-ups…): removing a parameter they read breaks them. */
export function filesReading(files: DraftFiles, name: string): string[] {
  const read = JSON.stringify(`params.${name}`);
  const deeper = `"params.${name}.`;
  return Object.entries(files)
    .filter(([, body]) => body.includes(read) || body.includes(deeper))
    .map(([path]) => path)
    .sort();
}
