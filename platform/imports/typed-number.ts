// A number as people type it in a ledger, scaled to the unit the field declares (`x-unit`): "30万元" into a field
// in 元 is 300000, "3.6万" is 36000, "103人" into a field in 人 (or one without a unit) is 103, and a plain 30 under
// a (万元) header is 300000 in 元. Units are a magnitude (万, 亿) and a base word (元, 人, 户, 亩, 台, 个, …);
// a base word that differs from the field's is refused rather than guessed (103人 into a field in 元).
import type { LocalText } from '../errors';

/** Magnitudes a unit may start with; 万元 is 10 000 元. */
const MAGNITUDE: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };
/** Base words stripped after a number: money, counts and areas as ledgers write them. */
const BASE_WORDS = ['元', '人', '户', '亩', '台', '个', '家', '次', '年', '头', '只', '吨', '公斤', '平方米'];
// Linear: one number, an optional magnitude, an optional base word (alternation of fixed words).
const TYPED = new RegExp(`^([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)(万|亿)?(${BASE_WORDS.join('|')})?$`);

export interface Unit {
  /** 1, 1e4 or 1e8. */
  magnitude: number;
  /** '' when the unit is a magnitude only ("万"). */
  base: string;
}

/** A unit word as magnitude and base ("万元" → 1e4 元, "人" → 1 人); null for words that are not units ("%", "合作社填写"). */
export function parseUnit(word: string | undefined): Unit | null {
  if (typeof word !== 'string') return null;
  const w = word.normalize('NFKC').replace(/\s+/g, '');
  if (w === '') return null;
  const magnitude = MAGNITUDE[w[0]] ?? 1;
  const base = magnitude === 1 ? w : w.slice(1);
  if (base !== '' && !BASE_WORDS.includes(base)) return null;
  return { magnitude, base };
}

export type TypedNumber = { value: number } | { error: LocalText } | null;

/** 12 significant digits: scaling by 1e4 leaves binary noise (3.6 × 10000 = 36000.000000000004). */
const tidy = (n: number) => Number(n.toPrecision(12));

/**
 * The number a cell's text (already without thousands separators) stands for in the field's unit; null when the
 * text is not a number with a unit at all (the caller reports it as not a number); an error when the unit clashes.
 * `headerUnit` is the unit written in the column's header, used when the cell carries none of its own.
 */
export function typedNumber(text: string, fieldUnit: string | undefined, headerUnit?: string): TypedNumber {
  const m = TYPED.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const own = m[2] !== undefined || m[3] !== undefined;
  const cellUnit: Unit | null = own ? { magnitude: m[2] ? MAGNITUDE[m[2]] : 1, base: m[3] ?? '' } : parseUnit(headerUnit);
  return scaled(n, cellUnit, fieldUnit);
}

/** A number given in `from` (the cell's or the header's unit, null: none) expressed in the field's unit. */
export function scaled(n: number, from: Unit | null, fieldUnit: string | undefined): TypedNumber {
  if (!from) return { value: n };
  const to = parseUnit(fieldUnit) ?? { magnitude: 1, base: '' };
  // No base word on either side ("3.6万" into a plain number) or the same word: only magnitudes differ.
  if (from.base !== '' && to.base !== '' && from.base !== to.base) {
    const unit = `${from.magnitude === 1e4 ? '万' : from.magnitude === 1e8 ? '亿' : ''}${from.base}`;
    return {
      error: {
        'zh-CN': `单位“${unit}”与该项的单位“${fieldUnit}”不符`,
        en: `the unit "${unit}" does not match the field's unit "${fieldUnit}"`,
      },
    };
  }
  const ratio = from.magnitude / to.magnitude;
  return { value: ratio === 1 ? n : tidy(n * ratio) };
}
