// API answers compressed for the township offices' slow links: brotli or gzip as the browser accepts, above ~1 KB
// (below that the headers outweigh the saving). Brotli at quality 4, not zlib's default 11: per-request
// compression at 11 costs more CPU time than it saves in transfer. The web app's assets come pre-compressed at
// build time instead (web/build/precompress.ts), and this leaves an answer that is compressed already alone.
import type { FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import { constants } from 'node:zlib';

export const COMPRESS_THRESHOLD = 1024;

export async function installCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
}
