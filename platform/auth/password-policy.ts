// What a password must be: long enough, not the user name (or like it), not a common password. Enforced when a
// user is created, when an admin resets a password and when users change their own; refusals point at /password.
//
// common-passwords.txt: ~13,000 lower-case passwords, generated from the usual patterns of leaked-password lists:
// keyboard walks (qwerty, 1qaz2wsx), digit runs and repeats (123456…, 88888888), years and dates, and common
// words and pinyin (password, iloveyou, woaini, qq, a, zhongguo …) with the suffixes people add (123, 520, 1314,
// 5201314, 888, 666, years). Only the ones long enough matter under the minimum length, but all are kept.
import { readFileSync } from 'node:fs';
import { HezuoError, detail, type ErrorDetail } from '../errors';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean),
  );
  return common;
}

/** The reasons a password is refused, as details at `pointer`; empty when it is acceptable. */
export function passwordProblems(password: unknown, username: string, pointer = '/password'): ErrorDetail[] {
  if (typeof password !== 'string' || password.length < PASSWORD_MIN_LENGTH) {
    return [
      detail(pointer, `密码至少 ${PASSWORD_MIN_LENGTH} 位`, `A password has at least ${PASSWORD_MIN_LENGTH} characters`, {
        code: 'too_short',
        params: { minLength: PASSWORD_MIN_LENGTH },
      }),
    ];
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return [
      detail(pointer, `密码最多 ${PASSWORD_MAX_LENGTH} 位`, `A password has at most ${PASSWORD_MAX_LENGTH} characters`, {
        code: 'too_long',
        params: { maxLength: PASSWORD_MAX_LENGTH },
      }),
    ];
  }
  const lower = password.toLowerCase();
  if (likeUserName(lower, username.toLowerCase())) {
    return [detail(pointer, '密码不能与用户名相同或相近', 'A password must not be the user name or like it', { code: 'like_username' })];
  }
  if (commonPasswords().has(lower) || new Set(lower).size < 4) {
    return [
      detail(pointer, '密码过于常见,容易被猜中,请换一个', 'This password is too common and easy to guess; choose another', {
        code: 'common',
      }),
    ];
  }
  return [];
}

export function checkPassword(password: unknown, username: string, pointer = '/password'): asserts password is string {
  const problems = passwordProblems(password, username, pointer);
  if (problems.length) throw new HezuoError('PASSWORD_TOO_WEAK', problems);
}

// The name inside the password (tianhe-officer2024), the password inside the name, the name reversed, or the
// name with its separators and digits dropped (tianheofficer).
function likeUserName(password: string, username: string): boolean {
  if (username.length < 3) return password === username;
  const letters = (s: string) => s.replace(/[^a-z]/g, '');
  const name = letters(username);
  const reversed = [...username].reverse().join('');
  return (
    password.includes(username) ||
    username.includes(password) ||
    password.includes(reversed) ||
    (name.length >= 4 && letters(password).includes(name))
  );
}
