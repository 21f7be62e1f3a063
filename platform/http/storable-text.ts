// Texts PostgreSQL cannot keep: U+0000 (text and jsonb refuse it) and lone UTF-16 surrogates (they have no UTF-8
// form). Found here, at the edge, they are a 400 with the value's pointer instead of a database error deep inside.
import type { FastifyInstance } from 'fastify';
import { HezuoError, detail } from '../errors';

// NUL is the very character to find here, so the control-character rule does not apply.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isStorable = (s: string) => !UNSTORABLE.test(s);

/** A pointer token that is itself printable: the offending characters of a key shown as U+FFFD. */
const token = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1').replace(new RegExp(UNSTORABLE.source, 'g'), '\ufffd');

/** The path to the first string or key that cannot be stored, or null; built only on the way back from a find. */
function unstorablePath(value: unknown): string[] | null {
  if (typeof value === 'string') return isStorable(value) ? null : [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = unstorablePath(value[i]);
      if (at !== null) return [String(i), ...at];
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const k in value) {
      if (!Object.hasOwn(value, k)) continue;
      if (!isStorable(k)) return [k];
      const at = unstorablePath((value as Record<string, unknown>)[k]);
      if (at !== null) return [k, ...at];
    }
  }
  return null;
}

/**
 * The JSON pointer (under `base`) of the first string or key that cannot be stored, or null. Callers bound the
 * depth first (json-body.ts), so the recursion is shallow.
 */
export function unstorableAt(value: unknown, base = ''): string | null {
  const path = unstorablePath(value);
  return path === null ? null : base + path.map((k) => `/${token(k)}`).join('');
}

export const characterInvalid = (pointer: string) =>
  new HezuoError('CHARACTER_INVALID', [
    detail(pointer, '含有空字符(U+0000)、孤立代理项或非 UTF-8 字节', 'Holds U+0000 (NUL), a lone surrogate or bytes that are not UTF-8'),
  ]);

/** Query values and path parameters are checked before anything else runs, for every route and for unknown paths. */
export function installQueryAndParamsCheck(app: FastifyInstance) {
  app.addHook('onRequest', async (req) => {
    const params = unstorableAt(req.params ?? {}, '/params');
    if (params !== null) throw characterInvalid(params);
    const query = unstorableAt(req.query ?? {}, '/query');
    if (query !== null) throw characterInvalid(query);
  });
}
