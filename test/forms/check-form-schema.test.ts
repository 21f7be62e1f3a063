import { describe, expect, it } from 'vitest';
import { checkFormSchema, createFormAjv } from '../../platform/forms';
import { COOP_FORM } from './form-fixture';

const form = (properties: object, extra: object = {}) => ({ type: 'object', properties, ...extra });

interface Case {
  description: string;
  input: unknown;
  /** pointer and keyword of each detail, in order */
  expected: { pointer: string; keyword?: string }[];
  /** A rule of ours that ajv's compile does not enforce (or, for unused definitions, does not reach). */
  oursOnly?: true;
}

const CASES: Case[] = [
  { description: 'the cooperative form, with enumNames, x-ref, x-attachment and x-unit', input: COOP_FORM, expected: [] },
  {
    description: 'annotation keywords with well-formed values are accepted',
    input: form({
      kind: { type: 'string', enum: ['a', 'b'], enumNames: ['甲', '乙'] },
      ref: { type: ['string', 'null'], 'x-ref': { form: 'household' } },
      files: { type: 'array', items: { type: 'string' }, 'x-attachment': {} },
      area: { type: 'number', 'x-unit': '亩' },
    }),
    expected: [],
  },
  {
    description: 'unknown keyword (strict mode), at its pointer',
    input: form({ a: { type: 'string', foo: 1 } }),
    expected: [{ pointer: '/properties/a/foo', keyword: 'foo' }],
  },
  {
    description: 'a keyword named like an Object.prototype member is still unknown',
    input: form({ a: { type: 'string', constructor: 1 } }),
    oursOnly: true,
    expected: [{ pointer: '/properties/a/constructor', keyword: 'constructor' }],
  },
  {
    description: 'typo deep inside definitions and array items',
    input: form({}, { definitions: { m: { type: 'array', items: { type: 'integer', minimun: 0 } } } }),
    oursOnly: true,
    expected: [{ pointer: '/definitions/m/items/minimun', keyword: 'minimun' }],
  },
  {
    description: 'x-ref without form',
    input: form({ a: { type: 'string', 'x-ref': {} } }),
    expected: [{ pointer: '/properties/a/x-ref/form', keyword: 'required' }],
  },
  {
    description: 'x-ref form not a string',
    input: form({ a: { type: 'string', 'x-ref': { form: 3 } } }),
    expected: [{ pointer: '/properties/a/x-ref/form', keyword: 'type' }],
  },
  {
    description: 'x-ref on a non-string field',
    input: form({ a: { type: 'integer', 'x-ref': { form: 'f' } } }),
    oursOnly: true,
    expected: [{ pointer: '/properties/a/x-ref', keyword: 'x-ref' }],
  },
  {
    description: 'x-attachment with an unknown option',
    input: form({ a: { type: 'array', 'x-attachment': { maxsize: 3 } } }),
    expected: [{ pointer: '/properties/a/x-attachment/maxsize', keyword: 'additionalProperties' }],
  },
  {
    description: 'x-attachment on a string field',
    input: form({ a: { type: 'string', 'x-attachment': { maxFiles: 1 } } }),
    oursOnly: true,
    expected: [{ pointer: '/properties/a/x-attachment', keyword: 'x-attachment' }],
  },
  {
    description: 'x-unit not a string',
    input: form({ a: { type: 'number', 'x-unit': 5 } }),
    expected: [{ pointer: '/properties/a/x-unit', keyword: 'type' }],
  },
  {
    description: 'enumNames shorter than enum',
    input: form({ a: { type: 'string', enum: ['a', 'b'], enumNames: ['A'] } }),
    oursOnly: true,
    expected: [{ pointer: '/properties/a/enumNames', keyword: 'enumNames' }],
  },
  {
    description: 'unknown format',
    input: form({ a: { type: 'string', format: 'phone' } }),
    expected: [{ pointer: '/properties/a/format', keyword: 'format' }],
  },
  {
    description: 'unresolvable local $ref',
    input: form({ members: { type: 'array', items: { $ref: '#/definitions/nope' } } }),
    expected: [{ pointer: '/properties/members/items/$ref' }],
  },
  {
    description: '$ref to another file (forms are self-contained)',
    input: form({ a: { $ref: 'other.json#/x' } }),
    expected: [{ pointer: '/properties/a/$ref' }],
  },
  {
    description: 'draft-07 meta-schema: minimum must be a number',
    input: form({ a: { type: 'number', minimum: 'x' } }),
    expected: [{ pointer: '/properties/a/minimum', keyword: 'type' }],
  },
  {
    description: 'pattern that is not a Unicode regular expression',
    input: form({ a: { type: 'string', pattern: '\\-' } }),
    expected: [{ pointer: '/properties/a/pattern', keyword: 'pattern' }],
  },
  {
    description: 'a pattern RE2 cannot run (backreference)',
    input: form({ a: { type: 'string', pattern: '^(a)\\1$' } }),
    expected: [{ pointer: '/properties/a/pattern', keyword: 'pattern' }],
  },
  {
    description: '"$id" beside "$ref" (draft-07 ignores it, ajv would not)',
    input: form({ a: { $id: 'http://x/a', $ref: '#/definitions/d' } }, { definitions: { d: { type: 'string' } } }),
    oursOnly: true,
    expected: [{ pointer: '/properties/a/$id', keyword: '$id' }],
  },
  {
    description: 'a field named "__proto__" (ajv would never validate it)',
    input: JSON.parse('{"type": "object", "properties": {"__proto__": {"type": "string"}}}'),
    oursOnly: true,
    expected: [{ pointer: '/properties/__proto__', keyword: 'properties' }],
  },
  {
    description: '"$ref": "#" resolves (a tree-shaped form)',
    input: form({ children: { type: 'array', items: { $ref: '#' } } }),
    expected: [],
  },
  {
    description: 'a $ref loop that never moves into the data (validation would never end)',
    input: form({ a: { type: 'string' } }, { anyOf: [{ $ref: '#' }, { required: ['a'] }] }),
    oursOnly: true,
    expected: [{ pointer: '/anyOf/0/$ref', keyword: '$ref' }],
  },
  {
    description: 'a $ref loop through definitions and allOf',
    input: form(
      { a: { $ref: '#/definitions/x' } },
      { definitions: { x: { allOf: [{ $ref: '#/definitions/y' }] }, y: { not: { $ref: '#/definitions/x' } } } },
    ),
    oursOnly: true,
    expected: [{ pointer: '/definitions/y/not/$ref', keyword: '$ref' }],
  },
  {
    description: 'a $ref loop through a location-independent $id',
    input: form({}, { definitions: { x: { $id: '#me', oneOf: [{ $ref: '#me' }, { type: 'object' }] } }, allOf: [{ $ref: '#me' }] }),
    oursOnly: true,
    expected: [{ pointer: '/definitions/x/oneOf/0/$ref', keyword: '$ref' }],
  },
  {
    description: 'a recursion reaching itself along two paths per data level (2^depth validation)',
    input: form({ c: { anyOf: [{ $ref: '#' }, { $ref: '#' }] }, n: { type: 'integer' } }),
    oursOnly: true,
    expected: [{ pointer: '/properties/c', keyword: '$ref' }],
  },
  {
    description: 'definitions that each use the next twice expand past the limit (2^17 subschemas)',
    input: form(
      { a: { $ref: '#/definitions/d0' } },
      {
        definitions: Object.fromEntries(
          Array.from({ length: 18 }, (_, i) => [
            `d${i}`,
            i === 17 ? { type: 'integer' } : { allOf: [{ $ref: `#/definitions/d${i + 1}` }, { $ref: `#/definitions/d${i + 1}` }] },
          ]),
        ),
      },
    ),
    oursOnly: true,
    expected: [{ pointer: '', keyword: '$ref' }],
  },
  {
    description: 'tree-shaped forms that move one level into the data per turn are fine (children list, two named branches)',
    input: form(
      {
        children: { type: 'array', items: { $ref: '#' } },
        left: { $ref: '#/definitions/node' },
        right: { $ref: '#/definitions/node' },
      },
      { definitions: { node: { type: 'object', properties: { l: { $ref: '#/definitions/node' }, r: { $ref: '#/definitions/node' } } } } },
    ),
    expected: [],
  },
  {
    description: '"if" without "then"/"else"',
    input: form({ a: { type: 'string' } }, { if: { required: ['a'] } }),
    expected: [{ pointer: '/if', keyword: 'if' }],
  },
  {
    description: 'several problems are all listed',
    input: form({ a: { type: 'string', foo: 1, format: 'phone' }, b: { type: 'number', 'x-unit': 1 } }),
    expected: [
      { pointer: '/properties/a/foo', keyword: 'foo' },
      { pointer: '/properties/a/format', keyword: 'format' },
      { pointer: '/properties/b/x-unit', keyword: 'type' },
    ],
  },
  { description: '$async', input: form({}, { $async: true }), oursOnly: true, expected: [{ pointer: '/$async', keyword: '$async' }] },
  {
    description: 'another draft',
    input: form({}, { $schema: 'https://json-schema.org/draft/2019-09/schema' }),
    expected: [{ pointer: '/$schema', keyword: '$schema' }],
  },
  { description: 'root not an object schema', input: { type: 'array' }, oursOnly: true, expected: [{ pointer: '/type', keyword: 'type' }] },
  { description: 'not a JSON object', input: [], expected: [{ pointer: '' }] },
  { description: 'null', input: null, expected: [{ pointer: '' }] },
];

describe('checkFormSchema', () => {
  it.each(CASES)('$description', ({ input, expected }) => {
    const details = checkFormSchema(createFormAjv(), input);
    expect(details.map((d) => d.pointer)).toEqual(expected.map((e) => e.pointer));
    expected.forEach((e, i) => e.keyword !== undefined && expect(details[i].keyword).toBe(e.keyword));
    for (const d of details) {
      expect(d.code).toBe(d.keyword === 'pattern' || d.keyword === 'patternProperties' ? 'PATTERN_UNSUPPORTED' : 'PLUGIN_INVALID');
      expect(d.message['zh-CN']).not.toBe('');
      expect(d.message.en).not.toBe('');
    }
  });

  it('says what is wrong in both languages', () => {
    const [d] = checkFormSchema(createFormAjv(), form({ a: { type: 'string', foo: 1 } }));
    expect(d.message).toEqual({ 'zh-CN': '未知的关键字“foo”', en: 'Unknown keyword "foo"' });
  });

  it('a schema that passes compiles with the same instance', () => {
    const ajv = createFormAjv();
    expect(checkFormSchema(ajv, COOP_FORM)).toEqual([]);
    expect(() => ajv.compile(COOP_FORM)).not.toThrow();
  });

  it('agrees with ajv: what it refuses, strict ajv refuses too', () => {
    const ajv = createFormAjv();
    const refused = CASES.filter((c) => c.expected.length > 0 && !c.oursOnly && c.input !== null && !Array.isArray(c.input));
    expect(refused.length).toBeGreaterThan(10);
    for (const c of refused) expect(() => ajv.compile(c.input as object), c.description).toThrow();
  });
});
