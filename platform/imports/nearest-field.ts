// Suggestions for a column no field took: the fields whose title is exactly the header (a title two fields share
// maps to neither, so the user must choose), else the field whose title is nearest (shared characters and
// character pairs, brackets such as (元) or (合作社填写) left out). Headers and titles are cut to a bounded length,
// so a hostile file costs at most columns × fields × that length.
import { normHeader } from './column-map';
import type { ImportField } from './form-fields';

const MAX_CHARS = 40;
/** Below this a suggestion would be noise. */
const THRESHOLD = 0.34;

const bare = (s: string) =>
  normHeader(s)
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .slice(0, MAX_CHARS);

function dice(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const left = new Map<string, number>();
  for (const x of a) left.set(x, (left.get(x) ?? 0) + 1);
  let common = 0;
  for (const y of b) {
    const n = left.get(y) ?? 0;
    if (n > 0) {
      common++;
      left.set(y, n - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

const pairs = (s: string) => {
  const cs = [...s];
  return cs.slice(1).map((c, i) => cs[i] + c);
};

/** Similarity 0..1 of a header and a title: the mean of shared characters and shared character pairs. */
export function similarity(header: string, title: string): number {
  const a = bare(header);
  const b = bare(title);
  if (!a || !b) return 0;
  if (a === b) return 1;
  return (dice([...a], [...b]) + dice(pairs(a), pairs(b))) / 2;
}

/** The fields whose title (either language, brackets aside) is the header. */
export function sameTitleFields(fields: ImportField[], header: string): ImportField[] {
  const h = bare(header);
  return h ? fields.filter((f) => bare(f.title['zh-CN']) === h || bare(f.title.en) === h) : [];
}

/** The field whose title is nearest the header, or null when none is near enough. */
export function nearestField(fields: ImportField[], header: string): ImportField | null {
  let best: ImportField | null = null;
  let score = THRESHOLD;
  for (const f of fields) {
    const s = Math.max(similarity(header, f.title['zh-CN']), similarity(header, f.title.en), similarity(header, f.path['zh-CN']));
    if (s > score) {
      score = s;
      best = f;
    }
  }
  return best;
}
