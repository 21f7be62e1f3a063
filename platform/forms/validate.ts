// Compiles a form schema once into a validator that answers with ErrorDetails ([] = valid). The same function
// runs in the browser for live feedback and on the server, where its answer is the one that counts.
import type Ajv from 'ajv';
import { HezuoError, text, type ErrorDetail } from '../errors';
import { checkFormSchema } from './check-form-schema';
import { toErrorDetails, type TitleTranslations } from './error-details';

export { checkFormSchema };

/** Validates one record's data against its form; [] when valid. Never changes the data. */
export type FormValidator = (data: unknown) => ErrorDetail[];

export interface CompileFormOptions {
  /** The plugin's catalogue (zh-CN text → English), used for field titles in English messages. */
  translations?: TitleTranslations;
}

/**
 * Compiles `schema` with an instance from createFormAjv(). The caller caches the result per plugin version:
 * compiling is the expensive part. A schema with any problem checkFormSchema finds throws PLUGIN_INVALID with
 * all of them (the loader calls checkFormSchema first, so it normally never gets here).
 */
export function compileForm(
  ajv: Ajv,
  schema: Record<string, unknown>,
  formId: string,
  options: CompileFormOptions = {},
): FormValidator {
  const problems = checkFormSchema(ajv, schema);
  if (problems.length > 0) {
    const message = text(`表单 ${formId} 的结构定义不正确`, `The schema of form ${formId} is not valid`);
    throw new HezuoError('PLUGIN_INVALID', problems, message);
  }
  // checkFormSchema compiled it already ($async refused): this is ajv's cache answering.
  const validate = ajv.compile(schema);
  const translations = options.translations ?? {};
  return (data: unknown): ErrorDetail[] => {
    // ajv leaves the errors of the latest call on the function; they are read before anything else can run.
    if (validate(data)) return [];
    return toErrorDetails(validate.errors ?? [], schema, translations);
  };
}
