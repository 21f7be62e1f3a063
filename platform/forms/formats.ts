// Pure validators for the Chinese identifiers our forms ask for. They are registered as ajv formats (see ajv.ts)
// and run unchanged in the browser and on the server, so they depend on nothing — not even the clock: the same
// value gets the same verdict everywhere, on any day.

/** GB 32100-2015 code alphabet: digits and capital letters without I, O, Z, S, V. Index = character value. */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** GB 32100-2015 weights of positions 1–17 (3^(i-1) mod 31). */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// Positions 1–2 (registration department, category) are only held to the alphabet: amendments to the standard
// keep adding departments (e.g. N = 农业 for rural collective economic organisations, next to 93 = 农民专业合作社),
// and refusing a real code is worse than admitting a code with an unknown department. The check character
// covers all 17 positions anyway.
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/**
 * Check character of a unified social credit code, computed from its first 17 characters; null when those are
 * not 17 characters of the code alphabet. Exported so tests and fixtures can build valid codes.
 */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * USCC_WEIGHTS[i];
  }
  // C18 = 31 - (sum mod 31), where 31 stands for 0.
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters of the code alphabet, positions 3–8 an administrative division
 * code (digits), position 18 the check character. Capitals only: the stored value is the canonical one, so the
 * UI upper-cases input rather than the validator accepting lower case.
 */
export function isValidUscc(s: string): boolean {
  if (typeof s !== 'string' || !USCC_SHAPE.test(s)) return false;
  return usccCheckChar(s.slice(0, 17)) === s[17];
}

/** GB 11643-1999 weights of positions 1–17 (2^(18-i) mod 11). */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character by (weighted sum mod 11). */
const ID_CHECK = '10X98765432';
const ID_SHAPE = /^\d{17}[\dX]$/;

/** Check character of a citizen identity number from its first 17 digits; null when they are not 17 digits. */
export function cnIdCardCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** True when YYYYMMDD names a day that exists in the Gregorian calendar, in 1900 or later. */
function isRealDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/**
 * 公民身份号码 (GB 11643-1999), 18 characters: 6-digit address code, birth date YYYYMMDD, 3-digit sequence,
 * check character (digit or capital X). The birth date must be a real calendar date from 1900 on; whether it
 * lies in the future is left to rules, because a format must not depend on the clock.
 */
export function isValidCnIdCard(s: string): boolean {
  if (typeof s !== 'string' || !ID_SHAPE.test(s)) return false;
  if (!isRealDate(s.slice(6, 14))) return false;
  return cnIdCardCheckChar(s.slice(0, 17)) === s[17];
}

/** Mainland China mobile number: 11 digits, 1 then 3–9 (no country code, spaces or dashes). */
export function isValidCnMobile(s: string): boolean {
  return typeof s === 'string' && /^1[3-9]\d{9}$/.test(s);
}
