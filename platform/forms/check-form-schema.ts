// Says what is wrong with a form schema before anyone fills the form: the plugin loader refuses a plugin whose
// forms do not pass, listing every problem at its JSON pointer inside the schema file.
import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { detail, text, type ErrorDetail } from '../errors';
import { compileFormSchema } from './ajv';
import { errorPointer } from './error-details';
import { localizeErrors, withLabel } from './messages';
import { compilePattern } from './pattern';
import { appendPointer, fragmentToPointer } from './pointer';
import { findCostProblem, MAX_EXPANDED_SCHEMAS, type CostProblem } from './ref-loops';
import { schemaGraph } from './schema-graph';
import { walkSchema, type SchemaNode } from './schema-walk';

const CODE = 'PLUGIN_INVALID';
const DRAFT_07 = new Set(['http://json-schema.org/draft-07/schema#', 'http://json-schema.org/draft-07/schema']);
/** Our keywords that only make sense on one JSON type. */
const KEYWORD_TYPES: Readonly<Record<string, string>> = {
  'x-ref': 'string',
  'x-attachment': 'array',
  'x-sensitive': 'string',
  'x-uniqueBy': 'array',
};

/** A refusal at `pointer`; `keyword` names the schema keyword at fault. */
const problem = (pointer: string, zh: string, en: string, keyword?: string): ErrorDetail =>
  detail(pointer, zh, en, keyword === undefined ? { code: CODE } : { code: CODE, keyword });
const isNode = (v: unknown): v is SchemaNode => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
/** True when the node declares `type` as that type, or as a list including it (e.g. nullable: ["string", "null"]). */
const hasType = (node: SchemaNode, type: string) => node.type === type || (Array.isArray(node.type) && node.type.includes(type));

/** Details for errors of a meta-schema check, whose instancePath points into the schema below `base`. */
function metaDetails(errors: readonly ErrorObject[], base: string): ErrorDetail[] {
  const messages = localizeErrors(errors);
  return errors.map((e, i) => {
    const missing = e.keyword === 'required' ? String(e.params.missingProperty) : null;
    return {
      pointer: base + errorPointer(e),
      message: withLabel(messages[i], missing === null ? null : text(missing, missing)),
      code: CODE,
      keyword: e.keyword,
      schemaPath: e.schemaPath,
      params: { ...e.params },
    };
  });
}

/** Problems of one subschema that ajv would either reject without saying where, or not notice at all. */
function checkNode(ajv: Ajv, node: SchemaNode, at: string, out: ErrorDetail[]): void {
  for (const key of Object.keys(node)) {
    const where = appendPointer(at, key);
    const type = has(KEYWORD_TYPES, key) ? KEYWORD_TYPES[key] : null;
    if (key === '$async') {
      out.push(problem(where, '表单结构不能使用 $async', 'Form schemas must not use $async', key));
    } else if (!has(ajv.RULES.keywords, key)) {
      // Own properties only: ajv itself would take "constructor" or "toString" for known keywords.
      out.push(problem(where, `未知的关键字“${key}”`, `Unknown keyword "${key}"`, key));
    } else if (type !== null && !hasType(node, type)) {
      out.push(problem(where, `${key} 只能用于 type 为 "${type}" 的字段`, `${key} needs "type": "${type}"`, key));
    }
    const def = has(ajv.RULES.keywords, key) ? ajv.getKeyword(key) : false;
    if (typeof def === 'object' && def.validateSchema && !def.validateSchema(node[key])) {
      out.push(...metaDetails(def.validateSchema.errors ?? [], where));
    }
  }
  if (Array.isArray(node['x-uniqueBy'])) checkUniqueBy(node, at, out);
  if (typeof node.format === 'string' && !has(ajv.formats, node.format)) {
    const f = node.format;
    out.push(problem(appendPointer(at, 'format'), `未知的格式“${f}”`, `Unknown format "${f}"`, 'format'));
  }
  if (node.enumNames !== undefined) {
    const { enum: values, enumNames: names } = node;
    if (!Array.isArray(values) || !Array.isArray(names) || values.length !== names.length) {
      const zh = 'enumNames 必须与 enum 的项数相同';
      out.push(problem(appendPointer(at, 'enumNames'), zh, 'enumNames must have as many items as enum', 'enumNames'));
    }
  }
  const patterns: [string, string, string][] = [];
  if (typeof node.pattern === 'string') patterns.push([node.pattern, appendPointer(at, 'pattern'), 'pattern']);
  if (isNode(node.patternProperties)) {
    for (const p of Object.keys(node.patternProperties)) {
      patterns.push([p, appendPointer(at, 'patternProperties', p), 'patternProperties']);
    }
  }
  for (const [source, where, keyword] of patterns) {
    const result = compilePattern(source);
    if ('refusal' in result) {
      const { 'zh-CN': zh, en } = result.refusal;
      out.push(detail(where, `正则表达式无法使用：${zh}`, `Regular expression refused: ${en}`, { code: 'PATTERN_UNSUPPORTED', keyword }));
    }
  }
}

/** x-uniqueBy names fields of the items, declared inline (a key over fields no row has would never match). */
function checkUniqueBy(node: SchemaNode, at: string, out: ErrorDetail[]): void {
  const props = isNode(node.items) && isNode(node.items.properties) ? node.items.properties : null;
  (node['x-uniqueBy'] as unknown[]).forEach((name, i) => {
    if (typeof name !== 'string' || (props && has(props, name))) return;
    const where = appendPointer(at, 'x-uniqueBy', String(i));
    const en = `x-uniqueBy names "${name}", which is not a field of the items (items.properties)`;
    out.push(problem(where, `x-uniqueBy 中的“${name}”不是各行的字段(items.properties)`, en, 'x-uniqueBy'));
  });
}

/** Keywords that strict mode refuses as having no effect (ajv would say so without saying where). */
function checkIneffective(node: SchemaNode, at: string, out: ErrorDetail[]): void {
  const refuse = (key: string, zh: string, en: string) => out.push(problem(appendPointer(at, key), zh, en, key));
  if (node.if !== undefined && node.then === undefined && node.else === undefined) {
    refuse('if', '“if” 没有 “then” 或 “else”，不起作用', '"if" without "then" or "else" has no effect');
  }
  for (const key of ['then', 'else']) {
    if (node[key] !== undefined && node.if === undefined) {
      refuse(key, `“${key}” 没有 “if”，不起作用`, `"${key}" without "if" has no effect`);
    }
  }
  if (node.additionalItems !== undefined && !Array.isArray(node.items)) {
    const en = '"additionalItems" has no effect unless "items" is an array';
    refuse('additionalItems', '“additionalItems” 只在 “items” 为数组时起作用', en);
  }
  if (isNode(node.patternProperties) && isNode(node.properties)) {
    for (const pattern of Object.keys(node.patternProperties)) {
      const result = compilePattern(pattern);
      if ('refusal' in result) continue; // refused by checkNode
      const clash = Object.keys(node.properties).find((name) => result.pattern.test(name));
      if (clash === undefined) continue;
      const where = appendPointer(at, 'patternProperties', pattern);
      const en = `Property "${clash}" also matches this pattern`;
      out.push(problem(where, `属性“${clash}”同时匹配该模式`, en, 'patternProperties'));
    }
  }
}

/** Where ajv cannot do what draft-07 says: refused, rather than validating differently without a word. */
function checkAjvGaps(node: SchemaNode, at: string, out: ErrorDetail[]): void {
  if (has(node, '$ref') && has(node, '$id')) {
    // Draft-07 ignores every keyword beside $ref (ajv does, with ignoreKeywordsWithRef) but ajv still lets this
    // $id change the base URI that $ref resolves against.
    const en = '"$id" beside "$ref" is ignored by draft-07 but not by the validator; move it to its own schema';
    out.push(problem(appendPointer(at, '$id'), '“$id” 与 “$ref” 并列时 draft-07 会忽略它而校验器不会，请移到别处', en, '$id'));
  }
  for (const key of ['properties', 'patternProperties', 'dependencies']) {
    const map = node[key];
    if (isNode(map) && has(map, '__proto__')) {
      // ajv leaves "__proto__" out of the code it generates: the field would never be validated.
      const en = 'A field cannot be named "__proto__": it could not be validated';
      out.push(problem(appendPointer(at, key, '__proto__'), '字段不能命名为“__proto__”：无法对其校验', en, key));
    }
  }
}

/** Why validating with this schema could take for ever (see ref-loops.ts). */
function costProblem({ pointer, kind }: CostProblem): ErrorDetail {
  if (kind === 'loop') {
    const en = 'This "$ref" leads back here without moving into the data: validation would never end';
    return problem(pointer, '该 “$ref” 不经过任何数据层级又回到此处：校验将无法结束', en, '$ref');
  }
  if (kind === 'exponential') {
    const en =
      'Here the schema reaches itself along more than one path per level of the data: validation time ' +
      'would double with each level of a record';
    return problem(pointer, '此处结构在每一数据层级经多条路径引用自身：记录每深一层校验时间加倍', en, '$ref');
  }
  const en = `With its $refs expanded the schema has more than ${MAX_EXPANDED_SCHEMAS} subschemas: validation would be too slow`;
  return problem(pointer, `展开 $ref 后结构超过 ${MAX_EXPANDED_SCHEMAS} 个子结构：校验过慢`, en, '$ref');
}

/** Where an error thrown by ajv.compile happened, as well as its message allows. */
function compileErrorPointer(schema: unknown, message: string): string {
  const missingRef = /^can't resolve reference (.+) from id /.exec(message);
  if (missingRef) {
    let found: string | null = null;
    walkSchema(schema, (node, at) => {
      if (found === null && node.$ref === missingRef[1]) found = appendPointer(at, '$ref');
    });
    if (found !== null) return found;
  }
  const path = /at (?:path )?"(#[^"]*)"/.exec(message);
  return (path && fragmentToPointer(path[1])) ?? '';
}

/** The draft-07 checks; `form` adds the form policy: the root is an object schema of "type": "object". */
function check(ajv: Ajv, schema: unknown, form: boolean): ErrorDetail[] {
  if (typeof schema === 'boolean' && !form) return []; // true and false are draft-07 schemas
  if (!isNode(schema)) return [problem('', '表单结构必须是 JSON 对象', 'A form schema must be a JSON object')];
  if (schema.$schema !== undefined && !DRAFT_07.has(String(schema.$schema))) {
    // ajv would only say it knows no such meta-schema.
    const en = 'Form schemas must use JSON Schema draft-07';
    return [problem('/$schema', '表单结构必须使用 JSON Schema draft-07', en, '$schema')];
  }
  const out: ErrorDetail[] = [];
  if (!ajv.validateSchema(schema)) out.push(...metaDetails(ajv.errors ?? [], ''));
  if (form && schema.type !== 'object') {
    const en = 'The root of a form schema must be "type": "object"';
    out.push(problem('/type', '表单的根必须是 "type": "object"', en, 'type'));
  }
  walkSchema(schema, (node, at) => {
    checkNode(ajv, node, at, out);
    checkIneffective(node, at, out);
    checkAjvGaps(node, at, out);
  });
  const cost = out.length > 0 ? null : findCostProblem(schemaGraph(schema), schema);
  if (cost !== null) out.push(costProblem(cost));
  if (out.length > 0) return out;
  try {
    compileFormSchema(ajv, schema);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const where = compileErrorPointer(schema, message);
    out.push(problem(where, `表单结构无法编译：${message}`, `The form schema does not compile: ${message}`));
  }
  return out;
}

function guarded(ajv: Ajv, schema: unknown, form: boolean): ErrorDetail[] {
  try {
    return check(ajv, schema, form);
  } catch (err) {
    // Nothing above should throw; if it does, the plugin is still refused rather than the loader crashing.
    const message = err instanceof Error ? err.message : String(err);
    return [problem('', `无法检查表单结构：${message}`, `The form schema could not be checked: ${message}`)];
  }
}

/**
 * Every problem of a form schema, [] when it compiles cleanly with createFormAjv's instance. Never throws.
 * Compiling here also warms ajv's cache, so compileForm on the same schema object does not compile twice.
 */
export function checkFormSchema(ajv: Ajv, schema: unknown): ErrorDetail[] {
  return guarded(ajv, schema, true);
}

/**
 * checkFormSchema without the form policy on the root (any draft-07 schema, true and false too): what a
 * schema nested in a form must pass. The draft-07 suite runs through it (test/forms/draft07-suite.test.ts).
 */
export function checkSchema(ajv: Ajv, schema: unknown): ErrorDetail[] {
  return guarded(ajv, schema, false);
}
