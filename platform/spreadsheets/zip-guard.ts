// Checks an .xlsx (a zip) before exceljs opens it: a zip bomb must be refused from the directory and bounded
// inflation, not discovered by unpacking it. We read the central directory ourselves, refuse too many entries,
// too much unpacked data and extreme ratios, make sure no bytes hide outside the listed entries (a streaming
// unzipper reads local headers in file order), then inflate every entry counting bytes and discarding them, so
// a directory that lies about sizes is caught too.
import { createInflateRaw } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { ByteSource } from './byte-source';
import { invalidFile, refuseSize, type TableLimits } from './table-limits';
import { HezuoError, detail } from '../errors';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const RATIO_FLOOR = 1024 * 1024; // small entries (styles, rels) compress wildly without being a threat

interface Entry {
  name: string;
  method: number;
  flags: number;
  packed: number;
  unpacked: number;
  offset: number;
}

const corrupt = (why: string) => invalidFile(`.xlsx 文件已损坏:${why}`, `The .xlsx file is damaged: ${why}`);
const tooLarge = (zh: string, en: string, params: Record<string, unknown>) =>
  new HezuoError('IMPORT_TOO_LARGE', [detail('/file', zh, en, { params })]);

async function readDirectory(src: ByteSource, limits: TableLimits): Promise<{ entries: Entry[]; cdOffset: number }> {
  const tailLen = Math.min(src.size, 65_535 + 22);
  const tail = await src.read(src.size - tailLen, tailLen);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  if (at < 0) throw corrupt('no zip directory');
  const count = tail.readUInt16LE(at + 10);
  const cdSize = tail.readUInt32LE(at + 12);
  const cdOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw corrupt('ZIP64 is not supported');
  if (count > limits.maxEntries) {
    throw tooLarge(
      `压缩包有 ${count} 个条目,超过上限 ${limits.maxEntries}`,
      `The zip has ${count} entries, over the limit of ${limits.maxEntries}`,
      { limit: limits.maxEntries, actual: count },
    );
  }
  if (cdOffset + cdSize > src.size) throw corrupt('directory beyond the end of the file');
  const cd = await src.read(cdOffset, cdSize);
  const entries: Entry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw corrupt('bad directory entry');
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    entries.push({
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      packed: cd.readUInt32LE(p + 20),
      unpacked: cd.readUInt32LE(p + 24),
      offset: cd.readUInt32LE(p + 42),
      name: cd.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, cdOffset };
}

function checkDeclared(entries: Entry[], limits: TableLimits) {
  let total = 0;
  for (const e of entries) {
    if (e.flags & 1) throw invalidFile('工作簿已加密,请取消密码后再导入', 'The workbook is encrypted; remove the password and try again');
    if (e.method !== 0 && e.method !== 8) throw corrupt(`unsupported compression in ${e.name}`);
    total += e.unpacked;
    const ratio = e.unpacked / Math.max(e.packed, 1);
    if (e.unpacked > RATIO_FLOOR && ratio > limits.maxRatio) {
      throw tooLarge(
        `条目 ${e.name} 压缩比 ${Math.round(ratio)}:1,超过上限 ${limits.maxRatio}:1(疑似压缩炸弹)`,
        `Entry ${e.name} is compressed ${Math.round(ratio)}:1, over the limit of ${limits.maxRatio}:1 (a zip bomb?)`,
        { limit: limits.maxRatio, actual: Math.round(ratio), entry: e.name },
      );
    }
  }
  if (total > limits.maxUnpackedBytes) {
    throw tooLarge(
      `解压后共 ${Math.round(total / 1048576)} MiB,超过上限 ${Math.round(limits.maxUnpackedBytes / 1048576)} MiB`,
      `Unpacks to ${Math.round(total / 1048576)} MiB, over the limit of ${Math.round(limits.maxUnpackedBytes / 1048576)} MiB`,
      { limit: limits.maxUnpackedBytes, actual: total },
    );
  }
}

/** Where each entry's data starts; refuses bytes between entries that the directory does not account for. */
async function dataStarts(src: ByteSource, entries: Entry[], cdOffset: number): Promise<Map<Entry, number>> {
  const starts = new Map<Entry, number>();
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  let expected = 0;
  for (const e of sorted) {
    // A data descriptor (12 or 16 bytes, with or without its signature) may follow an entry's data.
    if (![0, 12, 16].includes(e.offset - expected)) throw corrupt('data outside the listed entries');
    const h = await src.read(e.offset, 30);
    if (h.length < 30 || h.readUInt32LE(0) !== LOCAL) throw corrupt(`bad local header of ${e.name}`);
    const start = e.offset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
    starts.set(e, start);
    expected = start + e.packed;
  }
  if (![0, 12, 16].includes(cdOffset - expected)) throw corrupt('data outside the listed entries');
  return starts;
}

/** Inflates one entry into nothing, failing as soon as it yields more than it declared. */
function verifyInflation(src: ByteSource, e: Entry, start: number): Promise<void> {
  if (e.method === 0) {
    return e.packed === e.unpacked ? Promise.resolve() : Promise.reject(corrupt(`size mismatch in ${e.name}`));
  }
  return new Promise((resolve, reject) => {
    const input = src.stream(start, start + e.packed);
    const inflate = createInflateRaw();
    let produced = 0;
    const fail = (err: Error) => {
      input.destroy();
      inflate.destroy();
      reject(err);
    };
    inflate.on('data', (b: Buffer) => {
      produced += b.length;
      if (produced > e.unpacked) fail(corrupt(`${e.name} unpacks to more than its directory says`));
    });
    inflate.on('end', () => resolve());
    inflate.on('error', () => fail(corrupt(`${e.name} cannot be unpacked`)));
    input.on('error', (err) => fail(err));
    input.pipe(inflate);
  });
}

/** The checked archive: its entry names, and each entry's unpacked bytes as a stream. */
export interface ZipIndex {
  names: string[];
  /** The entry's unpacked content, or null when there is no such entry. */
  open(name: string): Readable | null;
}

export async function checkZip(src: ByteSource, limits: TableLimits): Promise<ZipIndex> {
  if (src.size > limits.maxBytes) throw refuseSize(limits.maxBytes, src.size);
  const { entries, cdOffset } = await readDirectory(src, limits);
  checkDeclared(entries, limits);
  const starts = await dataStarts(src, entries, cdOffset);
  for (const e of entries) await verifyInflation(src, e, starts.get(e)!);
  const byName = new Map(entries.map((e) => [e.name, e]));
  return {
    names: entries.map((e) => e.name),
    open(name) {
      const e = byName.get(name);
      if (!e) return null;
      const start = starts.get(e)!;
      const raw = src.stream(start, start + e.packed);
      return e.method === 0 ? raw : raw.pipe(createInflateRaw());
    },
  };
}
