// The field types beyond a plain value, as the engine declares them (docs/plugins.md, Forms): a choice or multiple
// choice whose options come from one of the draft's code lists (codes as `enum`, zh-CN labels as `enumNames`: the
// engine has no field→list link, so the options are copied and a later edit of the list is not followed), an
// attachment (`x-attachment` on an array of attachment ids) and a reference (`x-ref` with its `reach`). Pure.
import { labelOf, type CodeList } from './codelist-edit';

type Schema = Record<string, any>;
export type Reach = 'scope' | 'ancestors' | 'region';
export const REACHES: readonly Reach[] = ['scope', 'ancestors', 'region'];

/** What a new field of a kind needs besides its title: typed choices or a code list, the referenced form. */
export interface FieldOptions {
  choices?: string[];
  codeList?: CodeList | null;
  refForm?: string;
  reach?: Reach;
}

/** `enum` (and, from a code list, `enumNames`) of a choice; null when there is nothing to choose from. */
export function choiceKeywords(opts: FieldOptions): Schema | null {
  const items = opts.codeList?.items.filter((i) => typeof i.code === 'string' && i.code) ?? [];
  if (items.length) return { enum: items.map((i) => i.code), enumNames: items.map((i) => labelOf(i, 'zh-CN') || String(i.code)) };
  return opts.choices?.length ? { enum: opts.choices } : null;
}

export function choiceField(title: string, opts: FieldOptions): Schema {
  return { type: 'string', title, ...choiceKeywords(opts) };
}

/** Several options at once: an array of distinct choices (rjsf shows it as a multiple select). */
export function multiChoiceField(title: string, opts: FieldOptions): Schema {
  return { type: 'array', title, items: { type: 'string', ...choiceKeywords(opts) }, uniqueItems: true };
}

export function attachmentField(title: string): Schema {
  return { type: 'array', title, items: { type: 'string' }, 'x-attachment': { maxFiles: 5 } };
}

export function refField(title: string, opts: FieldOptions): Schema {
  const reach = opts.reach && opts.reach !== 'scope' ? { reach: opts.reach } : {};
  return { type: 'string', title, 'x-ref': { form: opts.refForm ?? '', ...reach } };
}

/** The field's own refusal wording for one keyword (`x-messages`), or, with null, none. */
export function withMessage(field: Schema, keyword: string, text: { 'zh-CN': string; en: string } | null): Schema {
  const messages: Schema = { ...(field['x-messages'] ?? {}) };
  if (text) messages[keyword] = text;
  else delete messages[keyword];
  const out: Schema = { ...field, 'x-messages': messages };
  if (!Object.keys(messages).length) delete out['x-messages'];
  return out;
}

/** The keywords a field is refused by, each of which may carry its own message. */
export function refusalKeywords(field: Schema, required: boolean): string[] {
  const own = ['format', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'enum', 'maxItems'].filter((k) => k in field);
  if (field['x-attachment']?.maxFiles) own.push('x-attachment');
  return [...(required ? ['required'] : []), ...new Set(own)];
}
