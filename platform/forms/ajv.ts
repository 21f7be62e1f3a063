// The one ajv configuration for form schemas (JSON Schema draft-07, the draft rjsf speaks). Server and browser
// build their instance with createFormAjv(), so a form validates identically on both sides.
import Ajv, { type AnySchema, type FuncKeywordDefinition, type SchemaValidateFunction, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { text, type LocalText } from '../errors';
import { FIELD_FORMATS, FORMAT_VALIDATORS } from './field-formats';
import { createPatternEngine } from './pattern';
import { uniqueByKeyword } from './unique-by';

export interface FormKeyword {
  keyword: string;
  /** What the keyword's value must look like (checked when a schema compiles). */
  metaSchema: Readonly<Record<string, unknown>>;
  description: LocalText;
}

export interface FormFormat {
  format: string;
  description: LocalText;
}

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};

/** The masks x-sensitive allows (platform/access/mask-sensitive.ts applies them): every character hidden, or the
 *  first N and last M kept. A closed set, so a mask is always one of a few readable kinds. */
export const MASK_STYLE_PATTERN = '^(full|keep-first-[0-9]-last-[0-9])$';

/** Our schema keywords besides draft-07's. All but x-attachment and x-uniqueBy are pure annotations. */
export const FORM_KEYWORDS: readonly FormKeyword[] = deepFreeze([
  {
    keyword: 'enumNames',
    metaSchema: { type: 'array', items: { type: 'string' } },
    description: text(
      '与 enum 一一对应的显示名称（rjsf 旧式写法）',
      'Display labels for the values of enum, position by position (legacy rjsf)',
    ),
  },
  {
    keyword: 'x-ref',
    metaSchema: {
      type: 'object',
      required: ['form'],
      properties: { form: { type: 'string', minLength: 1 }, reach: { enum: ['scope', 'ancestors', 'region'] } },
      additionalProperties: false,
    },
    description: text(
      '字符串字段，值为指定表单另一条记录的编号；记录是否存在由服务端在保存时核对。reach：scope（默认，用户所在单位及下级的记录）、ancestors（另含上级单位的记录）或 region（另含插件适用地区内任一单位的记录）',
      'A string field holding the id of a record of the named form; the server checks the record exists on save. ' +
        "reach: scope (default: records of the user's units and below) ancestors (also records filed at units above them) or region (also records filed anywhere within the plugin's regions)",
    ),
  },
  {
    keyword: 'x-attachment',
    metaSchema: {
      type: 'object',
      properties: {
        accept: { type: 'array', items: { type: 'string', minLength: 1 } },
        maxSize: { type: 'integer', minimum: 1 },
        maxFiles: { type: 'integer', minimum: 1 },
      },
      additionalProperties: false,
    },
    description: text(
      '数组字段，值为附件编号；maxFiles 在校验时检查，accept（类型）与 maxSize（字节）在上传时检查',
      'An array field of attachment ids; maxFiles is checked by validation, accept (media types) and maxSize ' +
        '(bytes) when a file is uploaded',
    ),
  },
  {
    keyword: 'x-messages',
    metaSchema: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9-]*$' },
      additionalProperties: {
        type: 'object',
        required: ['zh-CN', 'en'],
        properties: { 'zh-CN': { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
        additionalProperties: false,
      },
    },
    description: text(
      '按校验关键字给出的提示语，如 {"pattern": {"zh-CN": "…", "en": "…"}}，代替通用提示（正则表达式对填报人员没有意义）',
      'Messages per validation keyword, e.g. {"pattern": {"zh-CN": "…", "en": "…"}}, instead of the generic one ' +
        '(a regular expression means nothing to an officer)',
    ),
  },
  {
    keyword: 'x-sensitive',
    metaSchema: {
      type: 'object',
      required: ['mask'],
      properties: { mask: { type: 'string', pattern: MASK_STYLE_PATTERN } },
      additionalProperties: false,
    },
    description: text(
      '敏感字段（如身份证号）：无权查看者在接口、列表、报表和导出中看到掩码，mask 为 full 或 keep-first-N-last-M',
      'A sensitive text field (an ID number): users without the right see it masked in the API, lists, reports and ' +
        'exports; mask is "full" or "keep-first-N-last-M" (N, M 0–9)',
    ),
  },
  {
    keyword: 'x-unit',
    metaSchema: { type: 'string', minLength: 1 },
    description: text('显示单位，如“元”或“亩”', 'Display unit, e.g. "元" (yuan) or "亩" (mu)'),
  },
  {
    keyword: 'x-decimals',
    metaSchema: { type: 'integer', minimum: 0, maximum: 6 },
    description: text(
      '数字显示的小数位数（0–6），用于列表、打印和记录历史；不改变保存的值',
      'Decimals a number is shown with (0–6) in lists, print and the record history; the stored value is not rounded',
    ),
  },
  {
    keyword: 'x-default',
    metaSchema: {
      type: 'object',
      required: ['field'],
      properties: { from: { type: 'string', minLength: 1 }, field: { type: 'string', minLength: 1 } },
      additionalProperties: false,
    },
    description: text(
      '默认值取自另一字段：field 为本表单字段的指针；有 from（本表单 x-ref 字段的指针）时，field 为所引用记录的字段。只填空字段，不覆盖已填的值',
      "A default taken from another field: field is a pointer of this form's field; with from (the pointer of an " +
        'x-ref field of this form), field is a field of the referenced record. Fills an empty field only, never ' +
        'overwrites a value',
    ),
  },
  {
    keyword: 'x-when',
    // JsonLogic: an operation, or a constant (true shows, false hides); the loader checks the logic and its names.
    metaSchema: { type: ['object', 'boolean'] },
    description: text(
      '显示条件(JsonLogic,读取本记录的 data.…):条件成立时才在表单中显示此字段或分组;不影响校验,故不能是必填字段,隐藏时已填的值保留',
      "Shown when (JsonLogic reading the record's data.…): the field or section shows in the form only while it holds; " +
        'validation is unchanged, so the field may not be required, and a value filled in before it hid is kept',
    ),
  },
  {
    keyword: 'x-uniqueBy',
    metaSchema: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } },
    description: text(
      '对象数组(表格)的唯一键:列出的各行字段取值相同的两行不允许,如 ["year", "payee"];重复的后一行报错',
      'A unique key within a table (an array of objects): no two rows may have the same values of the listed item ' +
        'fields, e.g. ["year", "payee"]; the later duplicate row is the error',
    ),
  },
]);

/** Our formats besides those of ajv-formats (full mode): the entries of the field-format table with a check. */
export const FORM_FORMATS: readonly FormFormat[] = deepFreeze(
  FIELD_FORMATS.filter((f) => f.validate).map(({ format, description }) => ({ format, description })),
);

/** Enforces x-attachment's maxFiles. Built per instance: ajv reports errors through a property of the function. */
function attachmentKeyword(): FuncKeywordDefinition {
  const validate: SchemaValidateFunction = (schema: { maxFiles?: number }, data: unknown) => {
    validate.errors = [];
    if (schema.maxFiles === undefined || !Array.isArray(data) || data.length <= schema.maxFiles) return true;
    const message = `must NOT have more than ${schema.maxFiles} attachments`;
    validate.errors = [{ keyword: 'x-attachment', params: { limit: schema.maxFiles }, message }];
    return false;
  };
  return { keyword: 'x-attachment', type: 'array', errors: true, validate };
}

/**
 * A fresh ajv for form schemas. Strict about schemas (an unknown keyword or format is an error, not silently
 * ignored), lenient about style (union types, tuples, required without properties are allowed: rjsf schemas
 * use them). Validation never changes the data: no defaults, no coercion, no removal.
 */
export function createFormAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strictSchema: true,
    strictNumbers: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    // Draft-07 exactly (the JSON-Schema-Test-Suite, test/forms/draft07-suite.test.ts):
    // only own properties count as present, so "toString" or "constructor" is not inherited from Object.prototype;
    ownProperties: true,
    // keywords beside "$ref" are ignored, as draft-07 says (ajv's default is 2019-09's: apply them). ajv marks the
    // option deprecated and warns about each such "$ref"; those warnings are dropped (see logger below);
    ignoreKeywordsWithRef: true,
    // a schema is registered under its $id while it compiles, so "$ref": "#" and refs to the root's own $id
    // resolve; another schema with the same $id replaces the registration (see compileFormSchema).
    addUsedSchema: true,
    logger: { log: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) },
    // Plugin patterns run on RE2 (linear time); see pattern.ts.
    code: { regExp: createPatternEngine() },
  });
  addFormats(ajv);
  for (const [format, validate] of Object.entries(FORMAT_VALIDATORS)) ajv.addFormat(format, { type: 'string', validate });
  for (const { keyword, metaSchema } of FORM_KEYWORDS) {
    if (keyword === 'x-attachment') ajv.addKeyword({ ...attachmentKeyword(), metaSchema });
    else if (keyword === 'x-uniqueBy') ajv.addKeyword({ ...uniqueByKeyword(), metaSchema });
    else ajv.addKeyword({ keyword, metaSchema });
  }
  return ajv;
}

/**
 * ajv.compile for form schemas. ajv registers a compiled schema under its $id (that is how "$ref": "#" and refs
 * to the root's own $id resolve); a schema with the $id of an earlier one (another version of the form, another
 * form) replaces that registration instead of failing as a duplicate. Validators compiled earlier keep working.
 * The meta-schema's registration is never replaced: a form claiming its $id fails to compile.
 */
export function compileFormSchema(ajv: Ajv, schema: AnySchema): ValidateFunction {
  if (typeof schema === 'object' && typeof schema.$id === 'string') {
    const id = schema.$id.replace(/#\/?$/, ''); // as ajv normalises it
    const known = ajv.refs[id] ?? ajv.schemas[id];
    if (typeof known === 'object' && known.schema !== schema && !known.meta) ajv.removeSchema(id);
  }
  return ajv.compile(schema);
}
