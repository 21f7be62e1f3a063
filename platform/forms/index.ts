// Form validation: JSON Schema draft-07 with ajv, our keywords and formats, bilingual error details.
export { createFormAjv, FORM_FORMATS, FORM_KEYWORDS, type FormFormat, type FormKeyword } from './ajv';
export { checkFormSchema, checkSchema } from './check-form-schema';
export { toErrorDetails, errorPointer, type TitleTranslations } from './error-details';
export { FIELD_FORMATS, FORMAT_VALIDATORS, fieldFormat, type FieldFormat } from './field-formats';
export { cnIdCardCheckChar, isValidCnIdCard, isValidCnMobile, isValidUscc, usccCheckChar } from './formats';
export { compileForm, compileSchema, type CompileFormOptions, type FormValidator } from './validate';
export { compilePattern, createPatternEngine, type Pattern, type PatternResult } from './pattern';
