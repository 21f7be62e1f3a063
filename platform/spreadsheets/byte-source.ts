// An import file as random-access bytes, whether it sits in a temp file (uploads, the CLI) or in memory (tests):
// the zip check reads the central directory at the end, the readers stream from the start.
import { createReadStream, promises as fs } from 'node:fs';
import { Readable } from 'node:stream';

export interface ByteSource {
  size: number;
  /** Up to `length` bytes at `position` (fewer at the end of the file). */
  read(position: number, length: number): Promise<Buffer>;
  /** Bytes [start, end) as a stream. */
  stream(start?: number, end?: number): Readable;
  close(): Promise<void>;
}

export async function openByteSource(input: string | Buffer): Promise<ByteSource> {
  if (Buffer.isBuffer(input)) {
    return {
      size: input.length,
      read: async (p, n) => input.subarray(p, Math.min(p + n, input.length)),
      // Chunked so a consumer that stops early has not been handed the whole buffer at once.
      stream: (s = 0, e = input.length) => Readable.from(chunks(input.subarray(s, e)), { objectMode: false }),
      close: async () => {},
    };
  }
  const handle = await fs.open(input, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(p, n) {
      const buf = Buffer.alloc(Math.max(0, Math.min(n, size - p)));
      if (buf.length) await handle.read(buf, 0, buf.length, p);
      return buf;
    },
    stream: (s = 0, e = size) => createReadStream(input, { start: s, end: Math.max(s, e) - 1, highWaterMark: 256 * 1024 }),
    close: () => handle.close(),
  };
}

function* chunks(b: Buffer, size = 256 * 1024) {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
