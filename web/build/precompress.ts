// Brotli and gzip copies of the built web app's text assets, written beside each file at build time, so the server
// (platform/http/web.ts, @fastify/static preCompressed) sends them without compressing on every request — and at
// brotli's best level, which would be too slow per request. A township office's slow link gets ~4x fewer bytes.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/** What is worth compressing: text formats; images such as PNG are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|ico|webmanifest)$/;
/** Below this a compressed copy saves less than a packet's worth and the headers outweigh it. */
const MIN_BYTES = 1024;

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* filesUnder(p);
    else if (e.isFile()) yield p;
  }
}

/** Writes `<file>.br` and `<file>.gz` beside each compressible file of `dir` (recursively); returns how many files. */
export async function precompressDir(dir: string): Promise<number> {
  let n = 0;
  for await (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const raw = await readFile(file);
    if (raw.length < MIN_BYTES) continue;
    const [b, g] = await Promise.all([
      br(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
      gz(raw, { level: 9 }),
    ]);
    await Promise.all([writeFile(`${file}.br`, b), writeFile(`${file}.gz`, g)]);
    n++;
  }
  return n;
}
