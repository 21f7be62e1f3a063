// Plugin regular expressions run on RE2 (linear time) with ECMAScript's meaning, and what RE2 cannot run is
// refused when the plugin loads. The ReDoS cases would not finish within the test timeout on a backtracking
// engine (^(a+)+$ against 5,000 a's and a "!" is ~2^5000 steps), so they fail if patterns ever go native again.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileForm, createFormAjv, checkFormSchema } from '../../platform/forms';
import { compilePattern, createPatternEngine, type RegExpEngine } from '../../platform/forms/pattern';
import { createPluginLoader } from '../../platform/plugins';
import { TEST_PLUGINS } from '../helpers/paths';

const EVIL = '^(a+)+$';
const ATTACK = `${'a'.repeat(5000)}!`;
const form = (properties: object, extra: object = {}) => ({ type: 'object', properties, ...extra });

describe('hostile patterns run in linear time', () => {
  it('pattern: ^(a+)+$ against 5,000 a\'s and "!" returns and refuses', () => {
    const validate = compileForm(createFormAjv(), form({ name: { type: 'string', title: '名称', pattern: EVIL } }), 'f');
    const errors = validate({ name: ATTACK });
    expect(errors.map((e) => [e.pointer, e.keyword])).toEqual([['/name', 'pattern']]);
    expect(validate({ name: 'aaaa' })).toEqual([]);
  });

  it('patternProperties: the same pattern over property names returns and refuses', () => {
    const schema = form({}, { patternProperties: { [EVIL]: { type: 'integer' } }, additionalProperties: false });
    const validate = compileForm(createFormAjv(), schema, 'f');
    expect(validate({ [ATTACK]: 1 }).map((e) => e.keyword)).toEqual(['additionalProperties']);
    expect(validate({ aaa: 1 })).toEqual([]);
    expect(validate({ aaa: 'x' }).map((e) => [e.pointer, e.keyword])).toEqual([['/aaa', 'type']]);
  });

  it('naming the field of an error (field titles) matches patternProperties on RE2 too', () => {
    // The type error under the attack name makes the error formatter look for a title through the pattern.
    const schema = form(
      {},
      { patternProperties: { [EVIL]: { type: 'integer' } }, additionalProperties: { type: 'integer', title: '其他' } },
    );
    const errors = compileForm(createFormAjv(), schema, 'f')({ [ATTACK]: 'x' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ pointer: `/${ATTACK}`, keyword: 'type' });
    expect(errors[0].message['zh-CN']).toContain('其他');
  });

  it('propertyNames patterns too', () => {
    const validate = compileForm(createFormAjv(), form({}, { propertyNames: { pattern: EVIL } }), 'f');
    expect(validate({ [ATTACK]: 1 }).length).toBeGreaterThan(0);
  });
});

describe('patterns RE2 cannot run are refused at load', () => {
  const refused: [string, string][] = [
    ['^(a)\\1$', 'Backreferences'],
    ['^(?<x>a)\\k<x>$', 'Backreferences'],
    ['^(?=a)a$', 'Lookahead'],
    ['^(?!a)b$', 'Lookahead'],
    ['(?<=a)b', 'lookbehind'],
    ['(?<!a)b', 'lookbehind'],
    ['^a{1001}$', 'RE2 cannot run'],
    ['\\-', 'Not a valid regular expression'],
    ['(', 'Not a valid regular expression'],
  ];
  it.each(refused)('%s', (source, reason) => {
    const result = compilePattern(source);
    expect('refusal' in result && result.refusal.en).toContain(reason);
    const details = checkFormSchema(createFormAjv(), form({ a: { type: 'string', pattern: source } }));
    expect(details).toEqual([
      expect.objectContaining({ pointer: '/properties/a/pattern', code: 'PATTERN_UNSUPPORTED', keyword: 'pattern' }),
    ]);
    expect(details[0].message['zh-CN']).not.toBe('');
  });

  it("in patternProperties, at the pattern's pointer", () => {
    const details = checkFormSchema(createFormAjv(), form({}, { patternProperties: { '^(a)\\1$': { type: 'string' } } }));
    expect(details).toEqual([
      expect.objectContaining({ pointer: '/patternProperties/^(a)\\1$', code: 'PATTERN_UNSUPPORTED', keyword: 'patternProperties' }),
    ]);
  });

  describe('by the plugin loader, naming file and pointer', () => {
    let root: string;
    beforeAll(async () => {
      root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-regex-'));
    });
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it('a backreference pattern refuses the plugin', async () => {
      const dir = path.join(root, 'backref');
      await cp(path.join(TEST_PLUGINS, 'registry-demo'), dir, { recursive: true });
      const file = path.join(dir, 'forms/weekly.schema.json');
      const schema = JSON.parse(await readFile(file, 'utf8'));
      schema.properties.code = { type: 'string', pattern: '^(a)\\1$' };
      schema.properties.issues.items.patternProperties = { '(?=x)': { type: 'string' } };
      await writeFile(file, JSON.stringify(schema));
      const r = await createPluginLoader().fromFolder(dir);
      expect(r.plugin).toBeUndefined();
      expect(r.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ file: 'forms/weekly.schema.json', pointer: '/properties/code/pattern', code: 'PATTERN_UNSUPPORTED' }),
          expect.objectContaining({
            file: 'forms/weekly.schema.json',
            pointer: '/properties/issues/items/patternProperties/(?=x)',
            code: 'PATTERN_UNSUPPORTED',
          }),
        ]),
      );
      const message = r.errors.find((e) => e.pointer === '/properties/code/pattern')!.message;
      expect(message.en).toBe('Regular expression refused: Backreferences (such as \\1) are not supported');
    });
  });
});

describe("RE2 gives ECMAScript's (u flag) verdicts", () => {
  // Each pattern is tried on every input with both engines; the native one is safe here (fixed, tame inputs).
  const CASES: [string, string[]][] = [
    ['^[\\u4e00-\\u9fa5]+$', ['中文', '合作社', '中文a', '', 'abc', '㐀', '鿿']],
    ['^[一-龥]+$', ['中文', '中文1', '']],
    ['^[\\u4e00-\\u9fa5·]{2,20}$', ['张三', '阿卜杜·热合曼', '张', 'Zhang San']],
    ['^\\p{Script=Han}+$', ['中文', '中文a', '𠀀']],
    ['^\\p{sc=Han}{2,4}$', ['合作社', '合']],
    ['^[\\p{L}\\p{N}]+$', ['abc中文123', 'a b', 'Ⅻ']],
    ['^\\P{L}+$', ['123', 'a']],
    ['^\\p{Lu}', ['Abc', 'abc']],
    ['^\\p{Letter}+$', ['abc', '1']],
    ['^\\d+$', ['123', '１２３', '١٢٣', '12a']],
    ['^\\d{17}[\\dX]$', ['11010519491231002X', '11010519491231002x']],
    ['^1[3-9]\\d{9}$', ['13812345678', '12812345678', '1381234567８']],
    ['^\\w+$', ['abc_1', 'é', '中']],
    ['^\\s+$', [' ', '\t\n', '\u3000', '\u00a0', '\ufeff', '\u2028', '\u200b', 'a']],
    ['^\\S+$', ['abc', 'a b', 'a\u3000b', '中文']],
    ['^[\\s\\S]+$', ['a\nb', '\u3000']],
    ['^[^\\s]+$', ['ab', 'a\u3000']],
    ['^a.b$', ['axb', 'a\nb', 'a\rb', 'a\u2028b', 'a\u2029b', 'a中b', 'a😀b']],
    ['^.$', ['😀', '中', '\ud83d']],
    ['^[😀-😂]$', ['😁', '😃']],
    ['^\\u{1F600}$', ['😀', 'x']],
    ['^\\ud83d\\ude00$', ['😀']],
    ['^[^]$', ['\n', 'a']],
    ['^[]?$', ['', 'a']],
    ['^[[:a]+$', ['[:a', 'alpha', 'b']],
    ['\\bcat\\b', ['a cat here', 'concat', 'cat']],
    ['^a\\Bb', ['ab', 'a b']],
    ['^[\\b]$', ['\b', 'b']],
    ['^\\x41\\cJ\\0$', ['A\n\0', 'A\n']],
    ['^[a-z\\d-]+$', ['abc-12', 'ABC']],
    ['^[-a]+$|^[b-]+$', ['-a', 'b-', 'c']],
    ['^\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\/\\^\\$\\\\$', ['.*+?()[]{}|/^$\\', 'x']],
    ['^(?<year>\\d{4})-(?:\\d{2})$', ['2024-05', '2024-5']],
    ['^a{2,3}?$', ['aa', 'aaa', 'aaaa']],
    ['^(ab|cd)*$', ['abcdab', 'abc', '']],
    ['a$', ['a', 'a\n', 'ba']],
    ['^b', ['b', 'a\nb']],
    ['', ['', 'x']],
    ['colou?r', ['The colour', 'color', 'colr']],
  ];
  it.each(CASES)('%s', (source, inputs) => {
    const result = compilePattern(source);
    if (!('pattern' in result)) throw new Error(`refused: ${result.refusal.en}`);
    const native = new RegExp(source, 'u');
    for (const input of inputs) expect(result.pattern.test(input), JSON.stringify(input)).toBe(native.test(input));
  });

  it('a form with a Chinese-name pattern validates the same way', () => {
    const validate = compileForm(createFormAjv(), form({ name: { type: 'string', pattern: '^[\\u4e00-\\u9fa5]{2,4}$' } }), 'f');
    expect(validate({ name: '张三' })).toEqual([]);
    expect(validate({ name: 'Zhang' }).map((e) => e.keyword)).toEqual(['pattern']);
  });
});

describe('patterns compile once per ajv instance, not per validation', () => {
  it('the engine keeps one compiled pattern per source', () => {
    const engine = createPatternEngine();
    expect(engine('^a+$', 'u')).toBe(engine('^a+$', 'u'));
    expect(() => engine('^(a)\\1$', 'u')).toThrow();
  });

  it('validating a form many times never compiles its patterns again', () => {
    const ajv = createFormAjv();
    const opts = ajv.opts.code as { regExp: RegExpEngine };
    const inner = opts.regExp;
    const seen: string[] = [];
    opts.regExp = Object.assign(
      (source: string, flags: string) => {
        seen.push(source);
        return inner(source, flags);
      },
      { code: inner.code },
    );
    const schema = form({ a: { type: 'string', pattern: '^x+$' } }, { patternProperties: { '^p_': { type: 'integer' } } });
    const validate = compileForm(ajv, schema, 'f');
    const compiled = seen.length;
    expect(compiled).toBeGreaterThan(0);
    for (let i = 0; i < 100; i++) validate({ a: i % 2 ? 'xx' : 'y', p_1: i });
    compileForm(ajv, schema, 'f'); // the same schema object again: ajv's cache answers
    expect(seen.length).toBe(compiled);
  });
});
