// Rewrites a JSON Schema pattern (ECMAScript syntax, `u` flag, as ajv compiles it) into RE2 syntax with the same
// meaning, so plugin patterns run on a linear-time engine. What RE2 cannot run in linear time (backreferences,
// lookaround) is refused with a reason. Every literal is written as \x{…} so no character can mean something else
// to RE2 than to ECMAScript (e.g. "[[:alpha:]]"); \s and "." are spelled out because ECMAScript's are wider.
import { text, type LocalText } from '../errors';

type Range = readonly [number, number];

const MAX_CODE_POINT = 0x10ffff;
/** ECMAScript's \s: WhiteSpace and LineTerminator (RE2's \s is ASCII only). */
const WHITESPACE: readonly Range[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
/** What ECMAScript's "." does not match without the s flag (RE2's "." excludes only \n). */
const LINE_TERMINATORS: readonly Range[] = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];
/** General_Category long names and aliases ECMAScript accepts, by the short names RE2 knows. */
const CATEGORIES: Readonly<Record<string, string>> = {
  Letter: 'L',
  Uppercase_Letter: 'Lu',
  Lowercase_Letter: 'Ll',
  Titlecase_Letter: 'Lt',
  Modifier_Letter: 'Lm',
  Other_Letter: 'Lo',
  Mark: 'M',
  Combining_Mark: 'M',
  Nonspacing_Mark: 'Mn',
  Spacing_Mark: 'Mc',
  Enclosing_Mark: 'Me',
  Number: 'N',
  Decimal_Number: 'Nd',
  digit: 'Nd',
  Letter_Number: 'Nl',
  Other_Number: 'No',
  Punctuation: 'P',
  punct: 'P',
  Connector_Punctuation: 'Pc',
  Dash_Punctuation: 'Pd',
  Open_Punctuation: 'Ps',
  Close_Punctuation: 'Pe',
  Initial_Punctuation: 'Pi',
  Final_Punctuation: 'Pf',
  Other_Punctuation: 'Po',
  Symbol: 'S',
  Math_Symbol: 'Sm',
  Currency_Symbol: 'Sc',
  Modifier_Symbol: 'Sk',
  Other_Symbol: 'So',
  Separator: 'Z',
  Space_Separator: 'Zs',
  Line_Separator: 'Zl',
  Paragraph_Separator: 'Zp',
  Other: 'C',
  Control: 'Cc',
  cntrl: 'Cc',
  Format: 'Cf',
  Surrogate: 'Cs',
  Private_Use: 'Co',
  Unassigned: 'Cn',
};

/** Thrown inside the rewriter; rewritePattern turns it into a refusal. */
class Unsupported extends Error {
  constructor(readonly reason: LocalText) {
    super(reason.en);
  }
}

const hex = (cp: number) => `\\x{${cp.toString(16)}}`;
const rangesText = (ranges: readonly Range[]) => ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
const literal = (cp: number) => (/^[A-Za-z0-9]$/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : hex(cp));

function complement(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [a, b] of ranges) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** One escape or character: a code point, a set (written for use inside brackets) or an assertion. */
type Atom = { cp: number } | { set: string } | { assert: string };

function property(body: string, negated: boolean): string {
  const [name, value] = body.includes('=') ? body.split('=') : [null, body];
  let target: string;
  if (name === null || name === 'General_Category' || name === 'gc') {
    target = CATEGORIES[value] ?? value;
  } else if (name === 'Script' || name === 'sc') {
    target = value;
  } else {
    throw new Unsupported(text(`不支持 Unicode 属性 ${name}`, `The Unicode property ${name} is not supported`));
  }
  if (target === 'LC') {
    // A union of three categories; its complement cannot be written inside brackets.
    if (!negated) return '\\p{Lu}\\p{Ll}\\p{Lt}';
    throw new Unsupported(text('不支持 \\P{LC}', '\\P{LC} is not supported'));
  }
  if (target === 'ASCII') return rangesText(negated ? complement([[0, 0x7f]]) : [[0, 0x7f]]);
  return `\\${negated ? 'P' : 'p'}{${target}}`;
}

class Rewriter {
  private i = 0;
  constructor(private readonly src: string) {}

  private peek(offset = 0): string {
    return this.src[this.i + offset] ?? '';
  }

  private next(): number {
    const cp = this.src.codePointAt(this.i);
    if (cp === undefined) throw new Unsupported(text('正则表达式意外结束', 'The regular expression ends too early'));
    this.i += cp > 0xffff ? 2 : 1;
    return cp;
  }

  private readUntil(end: string): string {
    const stop = this.src.indexOf(end, this.i);
    if (stop < 0) throw new Unsupported(text('正则表达式意外结束', 'The regular expression ends too early'));
    const body = this.src.slice(this.i, stop);
    this.i = stop + end.length;
    return body;
  }

  private readHex(length: number): number {
    const digits = this.src.slice(this.i, this.i + length);
    this.i += length;
    return parseInt(digits, 16);
  }

  private unicodeEscape(): number {
    if (this.peek() === '{') {
      this.i++;
      return parseInt(this.readUntil('}'), 16);
    }
    const cp = this.readHex(4);
    // A surrogate pair written as two escapes is one code point under the u flag.
    if (cp >= 0xd800 && cp <= 0xdbff && this.src.startsWith('\\u', this.i) && this.peek(2) !== '{') {
      const low = parseInt(this.src.slice(this.i + 2, this.i + 6), 16);
      if (low >= 0xdc00 && low <= 0xdfff) {
        this.i += 6;
        return 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
      }
    }
    return cp;
  }

  private escape(inClass: boolean): Atom {
    const c = String.fromCodePoint(this.next());
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return { set: `\\${c}` };
      case 's':
        return { set: rangesText(WHITESPACE) };
      case 'S':
        return { set: rangesText(complement(WHITESPACE)) };
      case 'p':
      case 'P':
        this.i++; // "{"
        return { set: property(this.readUntil('}'), c === 'P') };
      case 'b':
        return inClass ? { cp: 8 } : { assert: '\\b' };
      case 'B':
        return { assert: '\\B' };
      case 't':
        return { cp: 9 };
      case 'n':
        return { cp: 10 };
      case 'v':
        return { cp: 11 };
      case 'f':
        return { cp: 12 };
      case 'r':
        return { cp: 13 };
      case '0':
        return { cp: 0 };
      case 'x':
        return { cp: this.readHex(2) };
      case 'u':
        return { cp: this.unicodeEscape() };
      case 'c':
        return { cp: this.next() % 32 };
      case 'k':
        throw new Unsupported(text('不支持反向引用（\\k<名称>）', 'Backreferences (\\k<name>) are not supported'));
      default:
        if (/[1-9]/.test(c)) throw new Unsupported(text('不支持反向引用（如 \\1）', 'Backreferences (such as \\1) are not supported'));
        return { cp: c.codePointAt(0) as number }; // an escaped syntax character stands for itself
    }
  }

  private classAtom(): Atom {
    if (this.peek() === '\\') {
      this.i++;
      return this.escape(true);
    }
    return { cp: this.next() };
  }

  private characterClass(): string {
    const negated = this.peek() === '^';
    if (negated) this.i++;
    if (this.peek() === ']') {
      this.i++;
      // [] matches nothing and [^] any character in ECMAScript; RE2 would read "]" as a literal.
      return negated ? `[${rangesText([[0, MAX_CODE_POINT]])}]` : `[^${rangesText([[0, MAX_CODE_POINT]])}]`;
    }
    let body = '';
    while (this.peek() !== ']') {
      const first = this.classAtom();
      if ('cp' in first && this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        this.i++;
        const last = this.classAtom();
        if (!('cp' in last)) throw new Unsupported(text('字符范围无效', 'Invalid character range'));
        body += `${hex(first.cp)}-${hex(last.cp)}`;
      } else if ('cp' in first) body += hex(first.cp);
      else if ('set' in first) body += first.set;
      else throw new Unsupported(text('字符类中不能使用断言', 'Assertions cannot appear in a character class'));
    }
    this.i++;
    return `[${negated ? '^' : ''}${body}]`;
  }

  private group(): string {
    if (this.peek() !== '?') return '(?:'; // captures mean nothing to a test; non-capturing keeps RE2 on its DFA
    const kind = this.src.slice(this.i, this.i + 3);
    if (kind.startsWith('?:')) {
      this.i += 2;
      return '(?:';
    }
    if (kind === '?<=' || kind === '?<!' || kind.startsWith('?=') || kind.startsWith('?!')) {
      throw new Unsupported(
        text('不支持前瞻或后顾断言（(?=、(?!、(?<=、(?<!）', 'Lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported'),
      );
    }
    if (kind.startsWith('?<')) {
      this.i += 2;
      this.readUntil('>'); // a named group: the name does not matter to a test
      return '(?:';
    }
    throw new Unsupported(text('不支持这种分组写法', 'This kind of group is not supported'));
  }

  rewrite(): string {
    let out = '';
    while (this.i < this.src.length) {
      const c = this.src[this.i];
      if (c === '\\') {
        this.i++;
        const atom = this.escape(false);
        out += 'cp' in atom ? literal(atom.cp) : 'set' in atom ? `[${atom.set}]` : atom.assert;
      } else if (c === '[') {
        this.i++;
        out += this.characterClass();
      } else if (c === '(') {
        this.i++;
        out += this.group();
      } else if (c === '{') {
        this.i++;
        out += `{${this.readUntil('}')}}`; // a quantifier: the u flag allows no literal "{"
      } else if (c === '.') {
        this.i++;
        out += `[^${rangesText(LINE_TERMINATORS)}]`;
      } else if ('^$|)*+?'.includes(c)) {
        this.i++;
        out += c;
      } else {
        out += literal(this.next());
      }
    }
    return out;
  }
}

/**
 * The RE2 spelling of an ECMAScript pattern that `new RegExp(source, 'u')` accepts, or why there is none.
 * The caller checks the ECMAScript syntax first; this only rewrites.
 */
export function rewritePattern(source: string): { re2: string } | { refusal: LocalText } {
  try {
    return { re2: new Rewriter(source).rewrite() };
  } catch (err) {
    if (err instanceof Unsupported) return { refusal: err.reason };
    throw err;
  }
}
