// `var` with a literal path, specialised at compile time by the number of segments: the segments become
// closure constants, so a read is a few own-property checks with no loop and no array. Same answers as
// readPath (values.ts): own properties only, null/undefined on the way or at the end give `notFound`.
import type { Evaluator } from './types';
import { readPath } from './values';

const hasOwn = Object.prototype.hasOwnProperty;

/** A reader of `parts` (split once, see splitPath) giving `notFound` for anything absent. */
export function pathReader(parts: readonly string[] | null, notFound: unknown): Evaluator {
  if (parts === null) return (d) => d;
  switch (parts.length) {
    case 1: {
      const [a] = parts;
      return (d) => {
        if (d === null || d === undefined || !hasOwn.call(d, a)) return notFound;
        const v = (d as any)[a];
        return v === undefined ? notFound : v;
      };
    }
    case 2: {
      const [a, b] = parts;
      return (d) => {
        if (d === null || d === undefined || !hasOwn.call(d, a)) return notFound;
        const x = (d as any)[a];
        if (x === null || x === undefined || !hasOwn.call(x, b)) return notFound;
        const v = x[b];
        return v === undefined ? notFound : v;
      };
    }
    case 3: {
      const [a, b, c] = parts;
      return (d) => {
        if (d === null || d === undefined || !hasOwn.call(d, a)) return notFound;
        const x = (d as any)[a];
        if (x === null || x === undefined || !hasOwn.call(x, b)) return notFound;
        const y = x[b];
        if (y === null || y === undefined || !hasOwn.call(y, c)) return notFound;
        const v = y[c];
        return v === undefined ? notFound : v;
      };
    }
    default:
      return (d) => readPath(d, parts, notFound);
  }
}
