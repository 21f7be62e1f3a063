// Turns ajv's errors for form data into the platform's ErrorDetail: the pointer names the field to highlight
// (for a missing or extra property, that property itself, not its parent object) and the message is bilingual.
import type { ErrorObject } from 'ajv';
import { text, type ErrorDetail, type LocalText } from '../errors';
import { fieldTitle } from './field-title';
import { localizeErrors, withLabel } from './messages';
import { appendPointer, fragmentToPointer, resolvePointer } from './pointer';

/** zh-CN text of form schemas → English, as a plugin's translation catalogue gives it. */
export type TitleTranslations = Readonly<Record<string, string>>;

/** The pointer of the field an error is about. */
export function errorPointer(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
    case 'dependencies':
      return appendPointer(e.instancePath, String(p.missingProperty));
    case 'additionalProperties':
      return appendPointer(e.instancePath, String(p.additionalProperty));
    default:
      // Errors about a property name (propertyNames) carry the name; the offending thing is that property.
      return typeof p.propertyName === 'string' ? appendPointer(e.instancePath, p.propertyName) : e.instancePath;
  }
}

function label(schema: unknown, pointer: string, e: ErrorObject, translations: TitleTranslations): LocalText | null {
  // An extra property is declared nowhere, and its name is already in the message.
  if (e.keyword === 'additionalProperties') return null;
  // A duplicate row is labelled by its table (a row has no title of its own).
  const title = fieldTitle(schema, e.keyword === 'x-uniqueBy' ? pointer.slice(0, pointer.lastIndexOf('/')) : pointer);
  if (title !== null) {
    // Own properties only: a title such as "constructor" must not pick up Object.prototype's.
    const en = Object.prototype.hasOwnProperty.call(translations, title) ? translations[title] : title;
    return text(title, en);
  }
  // "必须填写" needs a subject; without a title the property name is the best there is.
  if (e.keyword === 'required' || e.keyword === 'dependencies') {
    const name = String((e.params as Record<string, unknown>).missingProperty);
    return text(name, name);
  }
  return null;
}

/**
 * The plugin's own message for this error, from `x-messages` of the schema that failed: the one holding the keyword,
 * or for a missing property the property's own schema (a message about that field, not about its parent).
 */
function pluginMessage(schema: unknown, e: ErrorObject): LocalText | null {
  const at = fragmentToPointer(e.schemaPath);
  if (at === null) return null;
  let owner = at.slice(0, at.lastIndexOf('/'));
  if (e.keyword === 'required') owner = appendPointer(owner, 'properties', String((e.params as Record<string, unknown>).missingProperty));
  const messages = (resolvePointer(schema, owner) as Record<string, unknown> | undefined)?.['x-messages'];
  if (!messages || typeof messages !== 'object' || !Object.prototype.hasOwnProperty.call(messages, e.keyword)) return null;
  return (messages as Record<string, LocalText>)[e.keyword];
}

/**
 * ErrorDetails for ajv's errors of one validation. An "if" error only says that "then"/"else" failed, whose own
 * errors are in the list too, so it is left out.
 */
export function toErrorDetails(errors: readonly ErrorObject[], schema: unknown, translations: TitleTranslations = {}): ErrorDetail[] {
  const kept = errors.filter((e) => e.keyword !== 'if');
  const messages = localizeErrors(kept);
  return kept.map((e, i) => {
    const pointer = errorPointer(e);
    return {
      pointer,
      message: withLabel(pluginMessage(schema, e) ?? messages[i], label(schema, pointer, e, translations)),
      code: 'VALIDATION_FAILED',
      keyword: e.keyword,
      schemaPath: e.schemaPath,
      params: { ...e.params },
    };
  });
}
