// Field errors as the officer types. The validator is the platform's own (platform/forms: the ajv set-up, formats,
// keywords and bilingual messages the server uses), compiled once per plugin version by clientForm with the server's
// form builder; here its details become rjsf's extraErrors. Drafts may be incomplete, so `required` waits until the
// officer tries to submit, as the server waives it for drafts (schemaErrors in platform/records/write-rules.ts).
import type { ErrorDetail } from '../../platform/errors';
import type { Locale } from './i18n';
import { fieldAt, MASK_CHAR, type SensitiveField } from '../../platform/access/mask-sensitive';

export interface LiveErrors {
  /** rjsf errorSchema: nested by the pointer's tokens, messages under __errors. */
  extraErrors: Record<string, any>;
  /** Errors other than `required` (always shown). */
  invalid: number;
  /** Missing required fields (shown only once `showRequired`). */
  missing: number;
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Puts each detail's message at its pointer (relative to the form data) in an rjsf errorSchema; '' goes nowhere. */
export function addToErrorSchema(out: Record<string, any>, pointer: string, message: string): void {
  if (!pointer.startsWith('/')) return;
  let node = out;
  for (const token of pointer.slice(1).split('/').map(unescape)) {
    if (token === '__proto__' || token === 'constructor' || token === 'prototype') return;
    node = Object.prototype.hasOwnProperty.call(node, token) ? node[token] : (node[token] = {});
  }
  const list: string[] = (node.__errors ??= []);
  if (!list.includes(message)) list.push(message);
}

export function liveErrors(details: readonly ErrorDetail[], locale: Locale, showRequired: boolean): LiveErrors {
  const extraErrors: Record<string, any> = {};
  let invalid = 0;
  let missing = 0;
  for (const d of details) {
    const required = d.keyword === 'required';
    if (required) missing++;
    else invalid++;
    if (required && !showRequired) continue;
    addToErrorSchema(extraErrors, d.pointer, d.message[locale] ?? d.message['zh-CN']);
  }
  return { extraErrors, invalid, missing };
}

/** The value at a data pointer (own properties only), to tell whether a field changed since the server refused it. */
export function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let node: any = data;
  for (const token of pointer.slice(1).split('/').map(unescape)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, token)) return undefined;
    node = node[token];
  }
  return node;
}

/**
 * Server refusals of the last save (pointers under /data) still about the data as it is: a field the officer has
 * changed since loses its server error, the live validator speaks for it now.
 */
export function serverErrorsStill(
  details: readonly { pointer: string; message: { 'zh-CN': string; en: string } }[],
  savedData: unknown,
  data: unknown,
  locale: Locale,
  into: Record<string, any>,
): void {
  for (const d of details) {
    if (!d.pointer.startsWith('/data/')) continue;
    const p = d.pointer.slice('/data'.length);
    if (JSON.stringify(valueAt(savedData, p)) !== JSON.stringify(valueAt(data, p))) continue;
    addToErrorSchema(into, p, d.message[locale] ?? d.message['zh-CN']);
  }
}

/** Keeps the previous object when the errors did not change, so rjsf is not handed a new extraErrors per keystroke. */
export function sameOrNew<T>(prev: { key: string; value: T } | null, value: T): { key: string; value: T } {
  const key = JSON.stringify(value);
  return prev && prev.key === key ? prev : { key, value };
}

/**
 * True when the detail is about a sensitive field still holding the mask the server sent: saving keeps the stored
 * value there (the server puts it back before validating), so the mask's own format is no error for the officer.
 */
export function maskedAsSent(fields: readonly SensitiveField[], pointer: string, data: unknown, sent: unknown): boolean {
  if (!pointer.startsWith('/') || !fieldAt(fields, pointer.slice(1).split('/').map(unescape))) return false;
  const v = valueAt(data, pointer);
  return typeof v === 'string' && v.includes(MASK_CHAR) && v === valueAt(sent, pointer);
}
