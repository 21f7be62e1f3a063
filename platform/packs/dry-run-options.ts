// What a dry run (and an install after it) is asked besides the pack: `bindings` (parameter name → value) and
// `override: { reason }` (install in spite of failing fixtures). Checked before anything else, so a malformed
// request is refused with its pointer whatever the pack holds. Over HTTP they come as multipart fields of the
// same names, each a JSON text, beside the part "file".
import { HezuoError, detail } from '../errors';

export interface FixtureOverride {
  reason: string;
}

/** A reason is for people: a paragraph, not a document. */
export const OVERRIDE_REASON_MAX = 2000;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function readDryRunOptions(o: { bindings?: unknown; override?: unknown }): {
  bindings: Record<string, unknown>;
  override?: FixtureOverride;
} {
  if (o.bindings !== undefined && !isObject(o.bindings)) {
    throw new HezuoError('BAD_REQUEST', [
      detail('/bindings', 'bindings 必须是“参数名 → 值”的对象', 'bindings must be an object of parameter name → value'),
    ]);
  }
  const bindings = (o.bindings ?? {}) as Record<string, unknown>;
  if (o.override === undefined || o.override === null) return { bindings };
  if (!isObject(o.override)) {
    throw new HezuoError('BAD_REQUEST', [detail('/override', 'override 必须是对象 { reason }', 'override must be an object { reason }')]);
  }
  const reason = o.override.reason;
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw new HezuoError('FIXTURE_OVERRIDE_REASON_REQUIRED', [
      detail('/override/reason', '请填写越过失败用例的理由', 'Give the reason for installing in spite of failing fixtures'),
    ]);
  }
  if (reason.length > OVERRIDE_REASON_MAX) {
    throw new HezuoError('BAD_REQUEST', [
      detail('/override/reason', `理由最多 ${OVERRIDE_REASON_MAX} 个字符`, `The reason may have at most ${OVERRIDE_REASON_MAX} characters`),
    ]);
  }
  return { bindings, override: { reason: reason.trim() } };
}

/** The multipart fields `bindings` and `override` (JSON texts) as options; other fields are not options. */
export function optionsFromFields(fields: ReadonlyMap<string, string>): { bindings?: unknown; override?: unknown } {
  const parse = (name: 'bindings' | 'override') => {
    const text = fields.get(name);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new HezuoError('BAD_REQUEST', [detail(`/${name}`, `字段 ${name} 不是有效的 JSON`, `The field ${name} is not valid JSON`)]);
    }
  };
  return { bindings: parse('bindings'), override: parse('override') };
}
