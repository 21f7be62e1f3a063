// Small checks of parsed pack JSON: an object with exactly the keys it may have, and values of the expected
// form. Written out rather than a JSON Schema so each refusal gets its own sub-code and a pointer into the pack.
import type { ErrorDetail } from '../errors';
import { packDetail } from './pack-refusal';

export type Errors = ErrorDetail[];

export const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Keys an entry of a tar-like archive has for links and modes: named as such, not as merely unknown. */
const LINK_KEYS = new Set(['type', 'mode', 'link', 'linkname', 'linkName', 'linkpath', 'target', 'symlink', 'hardlink']);

/** Refuses a non-object, a missing required key and any key not in `allowed`. True when it is an object. */
export function checkKeys(
  value: unknown,
  pointer: string,
  required: string[],
  optional: string[],
  errors: Errors,
): value is Record<string, unknown> {
  if (!isObject(value)) {
    errors.push(packDetail('VALUE_INVALID', pointer, '应为对象', 'Must be an object'));
    return false;
  }
  for (const key of required) {
    if (!(key in value)) errors.push(packDetail('KEY_MISSING', `${pointer}/${key}`, `缺少 ${key}`, `${key} is missing`));
  }
  const allowed = new Set([...required, ...optional]);
  for (const key of Object.keys(value)) {
    if (allowed.has(key)) continue;
    const at = `${pointer}/${escapePointer(key)}`;
    if (LINK_KEYS.has(key))
      errors.push(packDetail('ENTRY_LINK', at, '插件包不能含链接或特殊条目', 'A pack cannot hold links or special entries'));
    else errors.push(packDetail('KEY_UNKNOWN', at, '未知的键', 'Unknown key'));
  }
  return true;
}

export function escapePointer(key: string): string {
  return key.length > 100 ? `${key.slice(0, 100).replace(/~/g, '~0').replace(/\//g, '~1')}…` : key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A string of at most `max` characters matching `test`; the value is never quoted back. */
export function checkString(
  value: unknown,
  pointer: string,
  max: number,
  test: (s: string) => boolean,
  what: { zh: string; en: string },
  errors: Errors,
): value is string {
  if (typeof value === 'string' && value.length <= max && test(value)) return true;
  errors.push(packDetail('VALUE_INVALID', pointer, `应为${what.zh}`, `Must be ${what.en}`));
  return false;
}

export function checkArray(value: unknown, pointer: string, max: number, errors: Errors): value is unknown[] {
  if (Array.isArray(value) && value.length <= max) return true;
  errors.push(packDetail('VALUE_INVALID', pointer, `应为不超过 ${max} 项的数组`, `Must be an array of at most ${max} items`));
  return false;
}

export const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const SHA256 = /^[0-9a-f]{64}$/;
export const FINGERPRINT = /^sha256:[0-9a-f]{64}$/;
export const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
