// The build's stamp: which source files went into web/dist and a hash of them, so `npm start` rebuilds the web app
// only when one of them changed (web/build/build-if-changed.ts) — a second start takes seconds, not minutes. The
// list is what Rollup actually bundled (the web app imports parts of platform/ too), plus what shapes every build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const STAMP_FILE = '.build-stamp.json';

export interface BuildStamp {
  /** Paths relative to the repository, sorted. */
  files: string[];
  hash: string;
}

/** Files that shape every build though Rollup does not list them as modules. */
export function fixedInputs(): string[] {
  const publicDir = path.join(REPO, 'web/public');
  const own = readdirSync(path.join(REPO, 'web/build')).map((f) => `web/build/${f}`);
  const pub = existsSync(publicDir) ? readdirSync(publicDir).map((f) => `web/public/${f}`) : [];
  return ['web/vite.config.ts', 'web/index.html', 'package-lock.json', ...own, ...pub];
}

/** One hash over each file's path and bytes; a missing file hashes as missing (so its return is a change too). */
export function hashFiles(files: readonly string[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    const abs = path.join(REPO, f);
    h.update(`${f}\0`);
    h.update(existsSync(abs) ? readFileSync(abs) : '\0missing\0');
    h.update('\0');
  }
  return h.digest('hex');
}

/** The stamp of a build whose bundled module ids (absolute paths, Rollup's virtual ids ignored) are given. */
export function stampOf(moduleIds: Iterable<string>): BuildStamp {
  const files = new Set(fixedInputs());
  for (const id of moduleIds) {
    const file = id.split('?')[0];
    if (!path.isAbsolute(file) || file.includes(`${path.sep}node_modules${path.sep}`) || !existsSync(file)) continue;
    const rel = path.relative(REPO, file);
    if (!rel.startsWith('..')) files.add(rel.split(path.sep).join('/'));
  }
  const sorted = [...files].sort();
  return { files: sorted, hash: hashFiles(sorted) };
}

/** Whether the build in `dist` was made from the sources as they are now (no stamp: no). */
export function isCurrent(dist: string): boolean {
  const file = path.join(dist, STAMP_FILE);
  if (!existsSync(path.join(dist, 'index.html')) || !existsSync(file)) return false;
  try {
    const stamp = JSON.parse(readFileSync(file, 'utf8')) as BuildStamp;
    const files = [...new Set([...stamp.files, ...fixedInputs()])].sort();
    return files.length === stamp.files.length && hashFiles(files) === stamp.hash;
  } catch {
    return false;
  }
}
