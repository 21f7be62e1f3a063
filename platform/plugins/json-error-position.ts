// Where a JSON text goes wrong, as line and column: V8's JSON.parse messages quote the text around the error
// ("Unexpected token 'x', "…" is not valid JSON"), and a plugin's file content must never be echoed in an
// error. A small iterative scanner (no recursion, so any nesting depth is safe) finds the offset instead.

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// JSON's own grammar: control characters may not stand unescaped in a string.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** The end of the scalar starting at i (string, number, true, false, null), or -1 if none starts there. */
function scalarEnd(s: string, i: number): number {
  for (const word of ['true', 'false', 'null']) if (s.startsWith(word, i)) return i + word.length;
  for (const re of [STRING, NUMBER]) {
    re.lastIndex = i;
    if (re.test(s)) return re.lastIndex;
  }
  return -1;
}

/** The offset of the first error in a JSON text, or -1 when it is valid JSON. */
export function jsonErrorOffset(s: string): number {
  const stack: string[] = [];
  let i = 0;
  // What may come next: a value, a value or ']', a key or '}', a key, ':', ',' or the closer, or nothing.
  let expect: 'value' | 'valueOrEnd' | 'keyOrEnd' | 'key' | 'colon' | 'next' | 'done' = 'value';
  const afterValue = () => (stack.length === 0 ? 'done' : 'next');
  for (;;) {
    while (i < s.length && WS.has(s[i])) i++;
    if (i >= s.length) return expect === 'done' ? -1 : i;
    const c = s[i];
    if (expect === 'done') return i;
    if (expect === 'next') {
      const top = stack[stack.length - 1];
      if (c === ',') expect = top === '{' ? 'key' : 'value';
      else if (c === (top === '{' ? '}' : ']')) {
        stack.pop();
        expect = afterValue();
      } else return i;
      i++;
    } else if (expect === 'colon') {
      if (c !== ':') return i;
      i++;
      expect = 'value';
    } else if (expect === 'key' || expect === 'keyOrEnd') {
      if (expect === 'keyOrEnd' && c === '}') {
        stack.pop();
        i++;
        expect = afterValue();
        continue;
      }
      STRING.lastIndex = i;
      if (c !== '"' || !STRING.test(s)) return i;
      i = STRING.lastIndex;
      expect = 'colon';
    } else {
      if (expect === 'valueOrEnd' && c === ']') {
        stack.pop();
        i++;
        expect = afterValue();
      } else if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        expect = c === '{' ? 'keyOrEnd' : 'valueOrEnd';
      } else {
        const end = scalarEnd(s, i);
        if (end < 0) return i;
        i = end;
        expect = afterValue();
      }
    }
  }
}

/** 1-based line and column (in UTF-16 units) of an offset. */
export function lineColumn(s: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < s.length; i++) {
    if (s[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}
