// Where in a JSON text a JSON pointer lands: the studio marks a meta-schema error (an ajv pointer such as
// `/transitions/2/roles/0`) at that place in the editor, not at the top of the file. Pure, no editor: the text is
// read once into a tree of offsets (only when JSON.parse accepts it; a text it refuses has its own parse error).
// A pointer that goes past what the text has (a required property missing) lands on the deepest part it has.

export interface TextRange {
  from: number;
  to: number;
}

interface Node extends TextRange {
  /** Object members in text order (a repeated key: the last one counts, as for JSON.parse). */
  members?: { key: string; keyRange: TextRange; node: Node }[];
  items?: Node[];
}

export interface PointerTarget {
  /** The value at the pointer, or the deepest value on its way that the text has. */
  value: TextRange;
  /** The key naming that value, when it is an object member. */
  key?: TextRange;
  /** Whether the whole pointer was found. */
  found: boolean;
  /** Whether that value is an object or an array. */
  container: boolean;
}

/** `/a~1b/~0c` → ['a/b', '~c'] (RFC 6901); '' is the whole document. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(pointer.startsWith('/') ? 1 : 0)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Where `pointer` lands in `text`, or null when `text` is not JSON. */
export function pointerTarget(text: string, pointer: string): PointerTarget | null {
  const root = readTree(text);
  if (!root) return null;
  let node = root;
  let key: TextRange | undefined;
  for (const token of pointerTokens(pointer)) {
    const next = step(node, token);
    if (!next) return { value: { from: node.from, to: node.to }, key, found: false, container: !!(node.members || node.items) };
    node = next.node;
    key = next.key;
  }
  return { value: { from: node.from, to: node.to }, key, found: true, container: !!(node.members || node.items) };
}

/**
 * The range to underline for an error at `pointer`: a scalar value itself; an object or array by its key (or its
 * opening bracket when it has none), so a many-line value does not underline its whole body; a name the text
 * does not have at the nearest part it does. `onKey`: the error is about the name (an unknown property), so the
 * key is marked even when the value is a scalar.
 */
export function pointerRange(text: string, pointer: string, onKey = false): TextRange | null {
  const t = pointerTarget(text, pointer);
  if (!t) return null;
  if (t.key && (onKey || t.container || !t.found)) return t.key;
  if (t.container) return { from: t.value.from, to: t.value.from + 1 };
  return t.value;
}

function step(node: Node, token: string): { node: Node; key?: TextRange } | null {
  if (node.members) {
    for (let i = node.members.length - 1; i >= 0; i--) {
      const m = node.members[i];
      if (m.key === token) return { node: m.node, key: m.keyRange };
    }
    return null;
  }
  if (node.items && /^(0|[1-9]\d*)$/.test(token)) {
    const item = node.items[Number(token)];
    return item ? { node: item } : null;
  }
  return null;
}

const WS = new Set([' ', '\t', '\n', '\r']);

/** The offset tree of a JSON text, or null when it is not JSON. */
function readTree(text: string): Node | null {
  try {
    JSON.parse(text);
  } catch {
    return null;
  }
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text[i])) i++;
  };
  const str = (): { value: string; range: TextRange } => {
    const from = i;
    i++; // opening quote
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return { value: JSON.parse(text.slice(from, i)) as string, range: { from, to: i } };
  };
  const value = (): Node => {
    skip();
    const from = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members: NonNullable<Node['members']> = [];
      skip();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          skip();
          const k = str();
          skip();
          i++; // ':'
          members.push({ key: k.value, keyRange: k.range, node: value() });
          skip();
          if (text[i++] === '}') break; // else ','
        }
      }
      return { from, to: i, members };
    }
    if (c === '[') {
      i++;
      const items: Node[] = [];
      skip();
      if (text[i] === ']') i++;
      else {
        for (;;) {
          items.push(value());
          skip();
          if (text[i++] === ']') break;
        }
      }
      return { from, to: i, items };
    }
    if (c === '"') return { ...str().range };
    // number, true, false, null
    while (i < text.length && !WS.has(text[i]) && !',]}'.includes(text[i])) i++;
    return { from, to: i };
  };
  return value();
}
