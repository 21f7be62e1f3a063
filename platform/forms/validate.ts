// Compiles a form schema once into a validator that answers with ErrorDetails ([] = valid). The same function
// runs in the browser for live feedback and on the server, where its answer is the one that counts.
import type Ajv from 'ajv';
import { HezuoError, text, type ErrorDetail } from '../errors';
import { compileFormSchema } from './ajv';
import { checkFormSchema, checkSchema } from './check-form-schema';
import { toErrorDetails, type TitleTranslations } from './error-details';

export { checkFormSchema, checkSchema };

/** Validates one record's data against its form; [] when valid. Never changes the data. */
export type FormValidator = (data: unknown) => ErrorDetail[];

export interface CompileFormOptions {
  /** The plugin's catalogue (zh-CN text → English), used for field titles in English messages. */
  translations?: TitleTranslations;
}

function compileChecked(ajv: Ajv, schema: unknown, problems: ErrorDetail[], formId: string, options: CompileFormOptions): FormValidator {
  if (problems.length > 0) {
    const message = text(`表单 ${formId} 的结构定义不正确`, `The schema of form ${formId} is not valid`);
    throw new HezuoError('PLUGIN_INVALID', problems, message);
  }
  // The check compiled it already ($async refused): this is ajv's cache answering.
  const validate = compileFormSchema(ajv, schema as Record<string, unknown> | boolean);
  const translations = options.translations ?? {};
  return (data: unknown): ErrorDetail[] => {
    // ajv leaves the errors of the latest call on the function; they are read before anything else can run.
    if (validate(data)) return [];
    return toErrorDetails(validate.errors ?? [], schema, translations);
  };
}

/**
 * Compiles `schema` with an instance from createFormAjv(). The caller caches the result per plugin version:
 * compiling is the expensive part. A schema with any problem checkFormSchema finds throws PLUGIN_INVALID with
 * all of them (the loader calls checkFormSchema first, so it normally never gets here).
 */
export function compileForm(ajv: Ajv, schema: Record<string, unknown>, formId: string, options: CompileFormOptions = {}): FormValidator {
  return compileChecked(ajv, schema, checkFormSchema(ajv, schema), formId, options);
}

/**
 * compileForm without the form policy on the root: any draft-07 schema (true and false too), with every other
 * check and the same ajv. For conformance tests (the draft-07 suite) and schemas that are not whole forms.
 */
export function compileSchema(ajv: Ajv, schema: unknown, id: string, options: CompileFormOptions = {}): FormValidator {
  return compileChecked(ajv, schema, checkSchema(ajv, schema), id, options);
}
