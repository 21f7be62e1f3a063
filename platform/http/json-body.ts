// The application/json body parser. Refuses, with a catalogued 400 before any engine code runs: bytes that are not
// UTF-8, text that is not JSON, nesting deeper than MAX_JSON_DEPTH (measured by a linear scan before JSON.parse, so a
// 100,000-deep body never reaches a recursive walker, ajv or PostgreSQL), texts the database cannot store (NUL, lone
// surrogates) and the prototype-poisoning keys fastify's own parser refused.
import type { FastifyInstance } from 'fastify';
import { HezuoError, detail } from '../errors';
import { characterInvalid, unstorableAt } from './storable-text';

export const MAX_JSON_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The offset of the bracket that opens level `limit + 1`, or -1. Skips strings, so brackets in texts do not count. */
export function depthExceededAt(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

const invalid = (zh: string, en: string, extra = {}) => new HezuoError('JSON_INVALID', [detail('', zh, en, extra)]);

/** `{"__proto__": …}` and `{"constructor": {"prototype": …}}` anywhere: refused as fastify's default parser did. */
function poisonedAt(value: unknown, pointer = ''): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = poisonedAt(value[i], `${pointer}/${i}`);
      if (at !== null) return at;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const here = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (k === '__proto__' || (k === 'constructor' && v && typeof v === 'object' && Object.hasOwn(v, 'prototype'))) return here;
      const at = poisonedAt(v, here);
      if (at !== null) return at;
    }
  }
  return null;
}

export function parseJsonBody(body: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw characterInvalid('');
  }
  if (text.trim() === '') throw invalid('请求内容为空', 'The body is empty');
  const deep = depthExceededAt(text);
  if (deep >= 0) {
    throw new HezuoError('JSON_TOO_DEEP', [
      detail('', `嵌套超过 ${MAX_JSON_DEPTH} 层(位置 ${deep})`, `Nested more than ${MAX_JSON_DEPTH} levels (at offset ${deep})`, {
        params: { limit: MAX_JSON_DEPTH, offset: deep },
      }),
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // V8's message names the token and position; the excerpt of the body it may append is cut off.
    const why = (e as Error).message.replace(/,\s*".*" is not valid JSON$/s, '');
    throw invalid(`不是有效的 JSON:${why}`, `Not valid JSON: ${why}`);
  }
  // Valid UTF-8 decodes to no lone surrogate and JSON forbids a raw NUL in a string, so only a \u escape can bring
  // either in, and a prototype key is spelt out or escaped: without those in the text, the walks are skipped.
  if (!/\\u|__proto__|constructor/.test(text)) return value;
  const bad = unstorableAt(value);
  if (bad !== null) throw characterInvalid(bad);
  const poisoned = poisonedAt(value);
  if (poisoned !== null) throw new HezuoError('BAD_REQUEST', [detail(poisoned, '不允许使用该属性名', 'This property name is not allowed')]);
  return value;
}

export function installJsonBody(app: FastifyInstance) {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}
