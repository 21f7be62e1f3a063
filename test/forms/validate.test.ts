import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { HezuoError } from '../../platform/errors';
import { compileForm, createFormAjv, toErrorDetails } from '../../platform/forms';
import { fieldTitle } from '../../platform/forms/field-title';
import { COOP_FORM, COOP_TRANSLATIONS, VALID_COOP } from './form-fixture';

type Data = Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const withChanges = (change: (d: Data) => void): Data => {
  const d = clone(VALID_COOP) as Data;
  change(d);
  return d;
};
const members = (d: Data) => d.members as Data[];

interface Expected {
  pointer: string;
  keyword: string;
  zh: string;
  en: string;
}
interface Case {
  description: string;
  input: unknown;
  expected: Expected[];
}

const CASES: Case[] = [
  { description: 'a complete, valid record', input: VALID_COOP, expected: [] },
  {
    description: 'missing top-level field: pointer names the field, title names it in the message',
    input: withChanges((d) => delete d.name),
    expected: [{ pointer: '/name', keyword: 'required', zh: '合作社名称：必须填写', en: 'Cooperative name: is required' }],
  },
  {
    description: 'minimum',
    input: withChanges((d) => (d.memberCount = 3)),
    expected: [{ pointer: '/memberCount', keyword: 'minimum', zh: '成员数量：应当大于或等于 5', en: 'Member count: must be >= 5' }],
  },
  {
    description: 'exclusiveMinimum',
    input: withChanges((d) => (d.area = 0)),
    expected: [{ pointer: '/area', keyword: 'exclusiveMinimum', zh: '经营面积：应当大于 0', en: 'Area: must be > 0' }],
  },
  {
    description: 'maximum',
    input: withChanges((d) => (d.area = 100001)),
    expected: [{ pointer: '/area', keyword: 'maximum', zh: '经营面积：应当小于或等于 100000', en: 'Area: must be <= 100000' }],
  },
  {
    description: 'pattern: zh from ajv-i18n, en from ajv',
    input: withChanges((d) => (d.postcode = '4007')),
    expected: [
      { pointer: '/postcode', keyword: 'pattern', zh: '邮政编码：应当匹配模式 "^\\d{6}$"', en: 'Postcode: must match pattern "^\\d{6}$"' },
    ],
  },
  {
    description: 'uscc with only the check character wrong',
    input: withChanges((d) => (d.uscc = '93500102MA2Y4K7R8H')),
    expected: [
      {
        pointer: '/uscc',
        keyword: 'format',
        zh: '统一社会信用代码：统一社会信用代码格式或校验位不正确',
        en: 'Unified social credit code: not a valid unified social credit code (format or check character)',
      },
    ],
  },
  {
    description: 'nested object: bad mobile, extra property named with "/" (escaped ~1 in the pointer)',
    input: withChanges((d) => (d.contact = { mobile: '12012345678', 'a/b': 1 })),
    expected: [
      {
        pointer: '/contact/a~1b',
        keyword: 'additionalProperties',
        zh: '不允许有额外的属性“a/b”',
        en: 'must NOT have additional property "a/b"',
      },
      {
        pointer: '/contact/mobile',
        keyword: 'format',
        zh: '手机号：手机号码格式不正确（应为 11 位中国大陆手机号）',
        en: 'Mobile: not a valid mainland China mobile number (11 digits)',
      },
    ],
  },
  {
    description: 'nested required in an object',
    input: withChanges((d) => (d.contact = {})),
    expected: [{ pointer: '/contact/mobile', keyword: 'required', zh: '手机号：必须填写', en: 'Mobile: is required' }],
  },
  {
    description: 'array items through $ref: required, ID card with an impossible date, a format without title',
    input: withChanges((d) => {
      members(d).push({ name: '王五' }, { name: '赵六', idCard: '110105199902301237', joined: '2019-02-30' });
    }),
    expected: [
      { pointer: '/members/2/idCard', keyword: 'required', zh: '身份证号：必须填写', en: 'ID card number: is required' },
      {
        pointer: '/members/3/idCard',
        keyword: 'format',
        zh: '身份证号：居民身份证号码格式、出生日期或校验位不正确',
        en: 'ID card number: not a valid citizen identity number (format, birth date or check character)',
      },
      { pointer: '/members/3/joined', keyword: 'format', zh: '应当匹配格式 "date"', en: 'must match format "date"' },
    ],
  },
  {
    description: 'ID card at /members/2/idCard with only the check char wrong',
    input: withChanges((d) => members(d).push({ name: '王五', idCard: '110105194912310020' })),
    expected: [
      {
        pointer: '/members/2/idCard',
        keyword: 'format',
        zh: '身份证号：居民身份证号码格式、出生日期或校验位不正确',
        en: 'ID card number: not a valid citizen identity number (format, birth date or check character)',
      },
    ],
  },
  {
    description: 'minItems on an empty array',
    input: withChanges((d) => (d.members = [])),
    expected: [{ pointer: '/members', keyword: 'minItems', zh: '成员：不应少于 1 个项', en: '成员: must NOT have fewer than 1 items' }],
  },
  {
    description: 'if/then: only the required error of "then", not ajv\'s summary "if" error',
    input: withChanges((d) => (d.kind = 'breeding')),
    expected: [{ pointer: '/herdSize', keyword: 'required', zh: '存栏量：必须填写', en: 'Herd size: is required' }],
  },
  {
    description: 'enum (with enumNames) and x-ref field of the wrong type',
    input: withChanges((d) => {
      d.kind = 'fishing';
      d.parent = 7;
    }),
    expected: [
      { pointer: '/kind', keyword: 'enum', zh: '类别：应当是预设定的枚举值之一', en: 'Kind: must be equal to one of the allowed values' },
      { pointer: '/parent', keyword: 'type', zh: '所属联合社：应当是 string 类型', en: '所属联合社: must be string' },
    ],
  },
  {
    description: 'x-attachment maxFiles',
    input: withChanges((d) => (d.licence = ['a', 'b', 'c'])),
    expected: [
      {
        pointer: '/licence',
        keyword: 'x-attachment',
        zh: '营业执照：附件不能多于 2 个',
        en: 'Business licence: must NOT have more than 2 attachments',
      },
    ],
  },
  {
    description: 'no coercion: a numeric string is not an integer',
    input: withChanges((d) => (d.memberCount = '12')),
    expected: [{ pointer: '/memberCount', keyword: 'type', zh: '成员数量：应当是 integer 类型', en: 'Member count: must be integer' }],
  },
  {
    description: 'not an object at all: root pointer, no label',
    input: 'x',
    expected: [{ pointer: '', keyword: 'type', zh: '应当是 object 类型', en: 'must be object' }],
  },
];

describe('compileForm', () => {
  const validate = compileForm(createFormAjv(), COOP_FORM, 'coop-report', { translations: COOP_TRANSLATIONS });

  it.each(CASES)('$description', ({ input, expected }) => {
    const details = validate(input);
    expect(details.map((d) => ({ pointer: d.pointer, keyword: d.keyword, zh: d.message['zh-CN'], en: d.message.en }))).toEqual(expected);
    for (const d of details) expect(d.code).toBe('VALIDATION_FAILED');
  });

  it('fills schemaPath and params from ajv', () => {
    const [d] = validate(withChanges((d) => members(d).push({ name: '王五', idCard: '110105194912310020' })));
    expect(d.schemaPath).toBe('#/definitions/member/properties/idCard/format');
    expect(d.params).toEqual({ format: 'cn-id-card' });
  });

  it('without translations, English messages use the zh title', () => {
    const plain = compileForm(createFormAjv(), COOP_FORM, 'coop-report');
    expect(plain(withChanges((d) => (d.memberCount = 3)))[0].message).toEqual({
      'zh-CN': '成员数量：应当大于或等于 5',
      en: '成员数量: must be >= 5',
    });
  });

  it('never changes the data (no defaults, no coercion, no removal)', () => {
    const input = withChanges((d) => {
      d.memberCount = '12';
      (d.contact as Data).extra = true;
    });
    const before = clone(input);
    validate(input);
    expect(input).toEqual(before);
  });

  it('answers of earlier calls stay as they were after later calls', () => {
    const other = compileForm(createFormAjv(), COOP_FORM, 'coop-report-2');
    const first = validate(withChanges((d) => (d.memberCount = 3)));
    const snapshot = clone(first);
    other(withChanges((d) => (d.memberCount = 1)));
    validate(withChanges((d) => delete d.name));
    expect(first).toEqual(snapshot);
  });

  it('refuses a schema with problems as PLUGIN_INVALID naming the form', () => {
    const bad = { type: 'object', properties: { a: { type: 'string', titel: 'A' } } };
    let caught: unknown;
    try {
      compileForm(createFormAjv(), bad, 'coop-report');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(HezuoError);
    const err = caught as HezuoError;
    expect(err.code).toBe('PLUGIN_INVALID');
    expect(err.localMessage.en).toContain('coop-report');
    expect(err.details.map((d) => d.pointer)).toEqual(['/properties/a/titel']);
  });

  it('compiles two versions of a form that share an $id on one instance', () => {
    const ajv = createFormAjv();
    const v1 = { $id: 'https://forms.example/coop.json', type: 'object', properties: { n: { type: 'integer', minimum: 1 } } };
    const v2 = { $id: 'https://forms.example/coop.json', type: 'object', properties: { n: { type: 'integer', minimum: 5 } } };
    const a = compileForm(ajv, v1, 'coop');
    const b = compileForm(ajv, v2, 'coop');
    expect(a({ n: 3 })).toEqual([]);
    expect(b({ n: 3 }).map((d) => d.pointer)).toEqual(['/n']);
  });
});

describe('toErrorDetails', () => {
  it('localizes copies: the error objects ajv gave keep their English messages', () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile({ type: 'object', properties: { n: { type: 'integer', title: '数量' } } });
    expect(validate({ n: 'x' })).toBe(false);
    const errors = validate.errors ?? [];
    const details = toErrorDetails(errors, validate.schema);
    expect(details[0].message).toEqual({ 'zh-CN': '数量：应当是 integer 类型', en: '数量: must be integer' });
    expect(errors[0].message).toBe('must be integer');
  });

  it('names a field declared in a oneOf branch by the field title, not by the branch title', () => {
    const schema = {
      type: 'object',
      oneOf: [{ title: '选项甲', properties: { n: { type: 'integer', title: '数量' } } }],
    };
    const errors = [
      {
        keyword: 'type',
        instancePath: '/n',
        schemaPath: '#/oneOf/0/properties/n/type',
        params: { type: 'integer' },
        message: 'must be integer',
      },
    ];
    expect(toErrorDetails(errors, schema)[0].message['zh-CN']).toBe('数量：应当是 integer 类型');
  });

  it('does not take a title named like an Object.prototype member from the catalogue', () => {
    const schema = { type: 'object', properties: { n: { type: 'integer', title: 'constructor' } } };
    const errors = [
      { keyword: 'type', instancePath: '/n', schemaPath: '#/properties/n/type', params: { type: 'integer' }, message: 'must be integer' },
    ];
    expect(toErrorDetails(errors, schema, {})[0].message.en).toBe('constructor: must be integer');
  });
});

describe('x-messages: the plugin words a refusal itself', () => {
  const schema = {
    type: 'object',
    required: ['village', 'plot'],
    properties: {
      village: {
        type: 'string',
        title: '行政村代码',
        pattern: '^\\d{12}$',
        'x-messages': {
          pattern: { 'zh-CN': '应为 12 位统计用区划代码', en: 'must be the 12-digit statistical area code' },
          required: { 'zh-CN': '请填写行政村代码', en: 'give the village code' },
        },
      },
      plot: { type: 'string', title: '地块编号', pattern: '^[A-Z]\\d+$' },
    },
    definitions: {},
  };
  const validate = compileForm(createFormAjv(), schema, 'x-messages');
  const shown = (data: unknown) => validate(data).map((d) => [d.pointer, d.keyword, d.message['zh-CN'], d.message.en]);

  it('replaces the generic message of that keyword, still naming the field', () => {
    expect(shown({ village: '4401', plot: 'A12' })).toEqual([
      ['/village', 'pattern', '行政村代码：应为 12 位统计用区划代码', '行政村代码: must be the 12-digit statistical area code'],
    ]);
  });

  it("applies to a missing property through the property's own schema", () => {
    expect(shown({ plot: 'A12' })).toEqual([['/village', 'required', '行政村代码：请填写行政村代码', '行政村代码: give the village code']]);
  });

  it('leaves other fields and keywords with the generic message', () => {
    const [d] = validate({ village: '440106000000', plot: 'a' });
    expect(d.pointer).toBe('/plot');
    expect(d.message['zh-CN']).toContain('^[A-Z]\\d+$');
  });

  it('is checked when the plugin loads: a message without English is refused', () => {
    const bad = { type: 'object', properties: { v: { type: 'string', pattern: 'x', 'x-messages': { pattern: { 'zh-CN': '不对' } } } } };
    expect(() => compileForm(createFormAjv(), bad, 'bad-messages')).toThrow(HezuoError);
  });
});

describe('draft-07 exactly (see also draft07-suite.test.ts)', () => {
  it('inherited names are not present: an optional "toString" allows {}, a required "constructor" is missing', () => {
    const optional = compileForm(createFormAjv(), { type: 'object', properties: { toString: { type: 'string' } } }, 'f');
    expect(optional({})).toEqual([]);
    const required = compileForm(createFormAjv(), { type: 'object', required: ['constructor'] }, 'f');
    expect(required({}).map((d) => [d.pointer, d.keyword])).toEqual([['/constructor', 'required']]);
    expect(required({ constructor: 1 })).toEqual([]);
  });

  it('a tree-shaped form through the root ("$ref": "#") resolves and validates every level', () => {
    const tree = {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string', title: '名称' }, children: { type: 'array', items: { $ref: '#' } } },
    };
    const validate = compileForm(createFormAjv(), tree, 'tree');
    expect(validate({ name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] })).toEqual([]);
    const errors = validate({ name: 'a', children: [{ name: 'b', children: [{ name: 3 }] }] });
    expect(errors.map((d) => [d.pointer, d.keyword])).toEqual([['/children/0/children/0/name', 'type']]);
    expect(errors[0].message['zh-CN']).toContain('名称'); // the title is found through the recursion
  });

  it('keywords beside "$ref" are ignored', () => {
    const schema = { type: 'object', definitions: { n: { type: 'integer' } }, properties: { n: { $ref: '#/definitions/n', minimum: 5 } } };
    const validate = compileForm(createFormAjv(), schema, 'f');
    expect(validate({ n: 1 })).toEqual([]);
    expect(validate({ n: 'x' }).map((d) => d.keyword)).toEqual(['type']);
  });

  it('finding a field title in a recursive schema takes bounded work', () => {
    // The title search looks into both then and else, so without remembering where it has been it would take
    // 2^40 steps for this 40-level pointer (n has no title: the search covers everything). The loader refuses
    // such a form anyway (ref-loops.ts); this guards the search itself.
    const schema = {
      type: 'object',
      properties: { c: { if: { required: ['z'] }, then: { $ref: '#' }, else: { $ref: '#' } }, n: { type: 'integer' } },
    };
    expect(fieldTitle(schema, `${'/c'.repeat(40)}/n`)).toBeNull();
    const titled = { ...schema, properties: { ...schema.properties, n: { type: 'integer', title: '数量' } } };
    expect(fieldTitle(titled, `${'/c'.repeat(10)}/n`)).toBe('数量'); // found through then/else and "$ref": "#"
  });
});
