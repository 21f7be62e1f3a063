// "Did you mean …": the names among the known ones closest to a mistyped one, for authoring errors (an unknown
// operation, a field the form does not have). Browser-safe and bounded: names are compared by at most their first
// 64 characters, so a hostile plugin's long names cost no more than short ones.

const MAX_COMPARED = 64;

/**
 * Edit distance (insert, delete, replace one character, or swap two neighbours: `nmae` is one edit from `name`),
 * case-insensitive; past `limit`, some number above it.
 */
function distance(a: string, b: string, limit: number): number {
  const x = a.slice(0, MAX_COMPARED).toLowerCase();
  const y = b.slice(0, MAX_COMPARED).toLowerCase();
  let before: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1);
    }
    // Every cell of a row is at least the smallest of the row before last: once both rows exceed the limit, so
    // does the answer.
    if (i > 1 && Math.min(...current) > limit && Math.min(...previous) > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[y.length];
}

/**
 * Up to `max` of `known`, closest first (ties in the order given; the name itself, found elsewhere, first of all): those within a third of the name's length in
 * edits (at least 2; 1 for names of up to 4 characters), and those that contain the name or that it contains (`member` → `members`, `memberCount`).
 */
export function closestNames(name: string, known: Iterable<string>, max = 3): string[] {
  // A short name is one edit from many others: only one edit counts for names of up to 4 characters.
  const limit = name.length <= 4 ? 1 : Math.max(2, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  const scored: { name: string; d: number }[] = [];
  for (const k of new Set(known)) {
    const kl = k.toLowerCase();
    const contains = lower.length >= 3 && (kl.includes(lower) || lower.includes(kl)) && kl.length >= 3;
    // Lengths further apart than the limit cannot be within it: no distance computed for them.
    if (!contains && Math.abs(Math.min(k.length, MAX_COMPARED) - Math.min(name.length, MAX_COMPARED)) > limit) continue;
    const d = distance(name, k, limit);
    if (d <= limit || contains) scored.push({ name: k, d });
  }
  return scored
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map((s) => s.name);
}
