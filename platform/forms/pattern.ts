// Plugin regular expressions (pattern, patternProperties, propertyNames) run on RE2 (re2js, pure JS, so the
// browser runs the same engine): matching time is linear in the input, so no pattern can freeze a request the
// way "^(a+)+$" freezes a backtracking engine. The platform's own fixed expressions stay native RegExp.
import type { Options } from 'ajv';
import { RE2JS } from 're2js';
import { text, type LocalText } from '../errors';
import { rewritePattern } from './re2-syntax';

/** What ajv and our schema checks need of a compiled pattern. */
export interface Pattern {
  test(input: string): boolean;
  /** ajv keys a compiled pattern by this string within one schema; it is the ECMAScript source. */
  toString(): string;
}

/** ajv's `code.regExp` option (ajv does not export the type by name). */
export type RegExpEngine = NonNullable<NonNullable<Options['code']>['regExp']>;

export type PatternResult = { pattern: Pattern } | { refusal: LocalText };

/** The part of an RE2 syntax error that names the problem, without the fragment it quotes. */
const re2Reason = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/:\s*`[\s\S]*$/, '');

/**
 * Compiles an ECMAScript pattern (as JSON Schema writes it; ajv adds the u flag) to RE2 with the same meaning.
 * Refused: what is not an ECMAScript pattern, and what RE2 cannot run in linear time — backreferences,
 * lookahead and lookbehind, repetition counts above 1000, some Unicode properties. Never throws.
 */
export function compilePattern(source: string): PatternResult {
  try {
    new RegExp(source, 'u'); // compiling only checks the syntax: nothing is ever matched with it
  } catch {
    return { refusal: text('不是有效的正则表达式', 'Not a valid regular expression') };
  }
  const rewritten = rewritePattern(source);
  if ('refusal' in rewritten) return rewritten;
  let re2: RE2JS;
  try {
    re2 = RE2JS.compile(rewritten.re2);
  } catch (err) {
    const reason = re2Reason(err);
    return { refusal: text(`RE2 无法执行该正则表达式（${reason}）`, `RE2 cannot run this regular expression (${reason})`) };
  }
  return { pattern: { test: (input: string) => re2.test(input), toString: () => `/${source}/u` } };
}

/**
 * The `code.regExp` engine for one ajv instance. Patterns are compiled once per instance (one instance per
 * plugin version) and reused by every schema that instance compiles; ajv calls the validator's compiled
 * pattern on each validation, never this engine. A refused pattern throws: checkFormSchema refuses it first.
 */
export function createPatternEngine(): RegExpEngine {
  const compiled = new Map<string, Pattern>();
  const engine = (source: string): Pattern => {
    let pattern = compiled.get(source);
    if (pattern === undefined) {
      const result = compilePattern(source);
      if ('refusal' in result) throw new Error(`pattern ${JSON.stringify(source)}: ${result.refusal.en}`);
      pattern = result.pattern;
      compiled.set(source, pattern);
    }
    return pattern;
  };
  // Only used by ajv's standalone code generation, which forms do not use.
  return Object.assign(engine, { code: 'compilePattern' });
}
