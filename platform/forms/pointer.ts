// JSON Pointer (RFC 6901) helpers. Error details name fields by pointer, both in form data and in schemas,
// so the escaping has to be right for property names containing "/" or "~".

/** Escapes one reference token: "~" → "~0", "/" → "~1". */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends tokens to a pointer ("" is the whole document). */
export function appendPointer(pointer: string, ...tokens: (string | number)[]): string {
  return pointer + tokens.map((t) => '/' + escapeToken(t)).join('');
}

/** Splits a pointer into unescaped tokens; "" gives []. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Turns a URI fragment ("#/properties/a%20b") into a pointer ("/properties/a b"); null when it is not one. */
export function fragmentToPointer(fragment: string): string | null {
  if (!fragment.startsWith('#')) return null;
  try {
    const pointer = decodeURIComponent(fragment.slice(1));
    return pointer === '' || pointer.startsWith('/') ? pointer : null;
  } catch {
    return null;
  }
}

/** Resolves a pointer inside a JSON value; undefined when any step is missing. Own properties only. */
export function resolvePointer(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const token of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, token)) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}
