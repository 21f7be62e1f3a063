// Where a JSON pointer lands in a JSON text: the studio marks a meta-schema error there. Each expectation is the
// piece of text a person would point at.
import { describe, expect, it } from 'vitest';
import { pointerRange, pointerTarget, pointerTokens } from '../../web/src/studio/json-pointer-range';

const at = (text: string, pointer: string, onKey = false) => {
  const r = pointerRange(text, pointer, onKey);
  return r ? text.slice(r.from, r.to) : null;
};
const line = (text: string, pointer: string) => {
  const r = pointerRange(text, pointer)!;
  return text.slice(0, r.from).split('\n').length;
};

describe('pointerTokens', () => {
  it('unescapes ~1 and ~0 (RFC 6901), in that order', () => {
    expect(pointerTokens('')).toEqual([]);
    expect(pointerTokens('/a~1b/~0c/~01')).toEqual(['a/b', '~c', '~1']);
    expect(pointerTokens('/')).toEqual(['']);
  });
});

describe('pointerRange', () => {
  const wf = `{
  "id": "main",
  "states": [
    { "id": "draft", "title": { "zh-CN": "草稿", "en": "Draft" } },
    { "id": "done", "final": "yes" }
  ],
  "transitions": [{ "id": "submit", "roles": ["officer", "clerk"] }]
}`;

  it('a scalar in nested objects and arrays: the value itself, at its line', () => {
    expect(at(wf, '/states/1/final')).toBe('"yes"');
    expect(line(wf, '/states/1/final')).toBe(5);
    expect(at(wf, '/transitions/0/roles/1')).toBe('"clerk"');
    expect(at(wf, '/states/0/title/en')).toBe('"Draft"');
    expect(at(wf, '/id')).toBe('"main"');
  });

  it('an object or array: its key, or its opening bracket as an array item', () => {
    expect(at(wf, '/states')).toBe('"states"');
    expect(at(wf, '/states/0')).toBe('{');
    expect(line(wf, '/states/0')).toBe(4);
    expect(at(wf, '')).toBe('{');
  });

  it('an unknown property is marked at its name', () => {
    expect(at(wf, '/states/1/final', true)).toBe('"final"');
  });

  it('a pointer past the text lands on the deepest part the text has', () => {
    // A missing required property: the object that lacks it.
    expect(at(wf, '/states/1/title')).toBe('{');
    expect(line(wf, '/states/1/title')).toBe(5);
    expect(at(wf, '/transitions/0/from')).toBe('{');
    expect(at(wf, '/transitions/7')).toBe('"transitions"');
    expect(at(wf, '/states/1/final/x')).toBe('"final"');
    expect(pointerTarget(wf, '/states/1/title')?.found).toBe(false);
    expect(pointerTarget(wf, '/states/1/final')?.found).toBe(true);
  });

  it('keys with / and ~, escaped characters in strings, numbers and literals', () => {
    const text = '{"a/b": {"~c": [1, -2.5e3, true, null]}, "q\\"x": "v\\\\\\"", "\\u0041": 0}';
    expect(at(text, '/a~1b/~0c/1')).toBe('-2.5e3');
    expect(at(text, '/a~1b/~0c/2')).toBe('true');
    expect(at(text, '/a~1b/~0c/3')).toBe('null');
    expect(at(text, '/q"x')).toBe('"v\\\\\\""');
    expect(at(text, '/A')).toBe('0');
    expect(at(text, '/a~1b/~0c')).toBe('"~c"');
  });

  it('a repeated key: the last one, as JSON.parse keeps', () => {
    expect(pointerRange('{"a": 1, "a": 22}', '/a')).toEqual({ from: 14, to: 16 });
  });

  it('empty containers, and an index that is no index', () => {
    expect(at('{"a": [], "b": {}}', '/a')).toBe('"a"');
    expect(at('{"a": [], "b": {}}', '/b/c')).toBe('"b"');
    expect(at('[[1], [2]]', '/1/0')).toBe('2');
    expect(at('[[1], [2]]', '/01')).toBe('[');
  });

  it('null for a text that is not JSON', () => {
    expect(pointerRange('{"a": ', '/a')).toBeNull();
    expect(pointerRange('', '')).toBeNull();
  });
});
