// "Did you mean …": the names among the known ones closest to a mistyped one, for authoring errors (an unknown
// operation, a field the form does not have). Browser-safe and bounded: names are compared by at most their first
// 64 characters, so a hostile plugin's long names cost no more than short ones.

const MAX_COMPARED = 64;

/** Edit distance (insert, delete, replace one character), case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.slice(0, MAX_COMPARED).toLowerCase();
  const y = b.slice(0, MAX_COMPARED).toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}

/**
 * Up to `max` of `known`, closest first (ties in the order given; the name itself, found elsewhere, first of all): those within a third of the name's length in
 * edits (at least 2), and those that contain the name or that it contains (`member` → `members`, `memberCount`).
 */
export function closestNames(name: string, known: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  const scored: { name: string; d: number }[] = [];
  for (const k of new Set(known)) {
    const kl = k.toLowerCase();
    const d = distance(name, k);
    const contains = lower.length >= 3 && (kl.includes(lower) || lower.includes(kl)) && kl.length >= 3;
    if (d <= limit || contains) scored.push({ name: k, d });
  }
  return scored
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map((s) => s.name);
}
