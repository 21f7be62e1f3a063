// How a ledger's header words compare with a form's field titles. Offices write the same column many ways:
// "成员出资总额(元)", "成员出资总额（万元）", "成员总数(合作社填写)", " 联系 电话 ". Headers compare after NFKC
// (full-width brackets and letters = ASCII ones), without spaces and case; a second, weaker comparison also drops
// every bracketed part, whose text may be a unit (元, 万元, 人 — the value converter scales by it) or a hint.
// For a column matching nothing, the most similar field title is offered (similarity of characters and pairs).
import type { LocalText } from '../errors';

export const normHeader = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

// Linear: no nesting, each bracket kind matched to its own closer.
const BRACKETS = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕/g;

/** The text without its bracketed parts, normalised as normHeader does. */
export const strippedHeader = (s: string) => normHeader(s.normalize('NFKC').replace(BRACKETS, ''));

const UNIT =
  /^(?:(?:十|百|千|万|亿|十万|百万|千万)?(?:元|人|户|亩|台|个|家|次|头|只|套|辆|吨|公斤|斤|千克|克|平方米|米|公里|年|月|天|人次|株|羽|尾)|万|%|‰)$/;

/** The unit a header's brackets give its values ("成员出资总额(万元)" → 万元), the innermost title's first. */
export function headerUnit(path: readonly string[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    for (const m of path[i].normalize('NFKC').matchAll(BRACKETS)) {
      const inner = m[0]
        .slice(1, -1)
        .replace(/\s+/g, '')
        .replace(/^单位[::]/, '');
      if (UNIT.test(inner)) return inner;
    }
  }
  return undefined;
}

function grams(s: string, n: number): Map<string, number> {
  const chars = [...s];
  const out = new Map<string, number>();
  for (let i = 0; i + n <= chars.length; i++) {
    const g = chars.slice(i, i + n).join('');
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let both = 0;
  let total = 0;
  for (const [g, n] of a) both += Math.min(n, b.get(g) ?? 0);
  for (const n of a.values()) total += n;
  for (const n of b.values()) total += n;
  return total === 0 ? 0 : (2 * both) / total;
}

/** 0…1: how alike two header texts are (Chinese titles share characters more than pairs, so both count). */
export function similarity(a: string, b: string): number {
  const x = strippedHeader(a);
  const y = strippedHeader(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  return (dice(grams(x, 1), grams(y, 1)) + dice(grams(x, 2), grams(y, 2))) / 2;
}

// Low on purpose: it is only offered, and 社员人数 → 成员数 (half the characters, no pair) should be.
const NEAREST_AT_LEAST = 0.25;

/** The field whose title (either language) is most like the header, when any is alike enough; its title path. */
export function nearestField(
  header: string,
  fields: readonly { pointer: string; title: LocalText; path: LocalText }[],
): { field: string; title: LocalText } | undefined {
  let best: { field: string; title: LocalText } | undefined;
  let bestScore = NEAREST_AT_LEAST;
  for (const f of fields) {
    const s = Math.max(similarity(header, f.title['zh-CN']), similarity(header, f.title.en));
    if (s > bestScore) {
      bestScore = s;
      best = { field: f.pointer, title: f.path };
    }
  }
  return best;
}
