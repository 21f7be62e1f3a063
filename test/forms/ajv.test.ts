import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFormAjv, FORM_FORMATS, FORM_KEYWORDS } from '../../platform/forms';

describe('createFormAjv', () => {
  it('registers our keywords and formats, and lists exactly those', () => {
    const ajv = createFormAjv();
    expect(FORM_KEYWORDS.map((k) => k.keyword)).toEqual([
      'enumNames',
      'x-ref',
      'x-attachment',
      'x-messages',
      'x-sensitive',
      'x-unit',
      'x-decimals',
      'x-default',
      'x-when',
      'x-uniqueBy',
    ]);
    expect(FORM_FORMATS.map((f) => f.format)).toEqual(['uscc', 'cn-id-card', 'cn-mobile']);
    for (const { keyword, description } of FORM_KEYWORDS) {
      expect(ajv.getKeyword(keyword), keyword).toBeTruthy();
      expect(description['zh-CN'] && description.en, keyword).toBeTruthy();
    }
    for (const { format, description } of FORM_FORMATS) {
      expect(ajv.formats[format], format).toBeDefined();
      expect(description['zh-CN'] && description.en, format).toBeTruthy();
    }
  });

  it('x-decimals is 0–6 decimals for showing a number; anything else is refused when the form is compiled', () => {
    const ajv = createFormAjv();
    expect(() => ajv.compile({ type: 'number', 'x-decimals': 2 })).not.toThrow();
    expect(() => ajv.compile({ type: 'number', 'x-decimals': 7 })).toThrow();
    expect(() => ajv.compile({ type: 'number', 'x-decimals': 1.5 })).toThrow();
  });

  it('has the ajv-formats formats (full mode) and keywords', () => {
    const ajv = createFormAjv();
    for (const f of ['date', 'time', 'date-time', 'email', 'uri', 'uuid', 'ipv4']) expect(ajv.formats[f], f).toBeDefined();
    expect(ajv.getKeyword('formatMinimum')).toBeTruthy();
    // full mode checks real dates, fast mode only their shape
    expect(ajv.validate({ type: 'string', format: 'date' }, '2023-02-29')).toBe(false);
  });

  it('is draft-07 and strict about schemas', () => {
    const ajv = createFormAjv();
    expect(ajv.getSchema('http://json-schema.org/draft-07/schema')).toBeDefined();
    expect(() => ajv.compile({ type: 'object', titel: 'x' })).toThrow(/unknown keyword/);
    expect(() => ajv.compile({ type: 'string', format: 'phone' })).toThrow(/unknown format/);
    expect(() => ajv.compile({ type: 'string', 'x-ref': { form: 1 } })).toThrow();
  });

  it('allows the rjsf style strict mode would otherwise refuse or log', () => {
    const ajv = createFormAjv();
    expect(() =>
      ajv.compile({
        type: 'object',
        properties: { a: { type: ['string', 'null'] }, kind: { type: 'string' } },
        dependencies: { kind: { oneOf: [{ properties: { kind: { const: 'x' } }, required: ['b'] }] } },
      }),
    ).not.toThrow();
  });

  it('gives independent instances', () => {
    const a = createFormAjv();
    const b = createFormAjv();
    a.addFormat('county-code', /^\d{6}$/);
    expect(a.formats['county-code']).toBeDefined();
    expect(b.formats['county-code']).toBeUndefined();
  });

  it('keeps the exported lists immutable', () => {
    expect(Object.isFrozen(FORM_KEYWORDS)).toBe(true);
    expect(Object.isFrozen(FORM_KEYWORDS[1].metaSchema)).toBe(true);
    expect(Object.isFrozen(FORM_FORMATS[0])).toBe(true);
  });
});

describe('platform/forms runs in the browser', () => {
  it('imports no Node built-in', () => {
    const dir = fileURLToPath(new URL('../../platform/forms', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const builtins = /from\s+['"](node:|fs|path|os|crypto|url|util|buffer|stream|child_process)(\/[^'"]*)?['"]/;
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(builtins);
  });
});
