// The XML text of an .xlsx part as exceljs's streaming parsers should see it. Two things go wrong otherwise:
// - exceljs decodes every chunk on its own (TextDecoder without `stream`), so a Chinese character cut by a chunk
//   boundary turns into two U+FFFD — about one row in 400 of a large ledger came back garbled. Parts are decoded
//   here with one streaming decoder and handed over as text.
// - Its worksheet reader keeps only the last <t> of an inline string (t="inlineStr") written in runs
//   (<is><r><t>第1号</t></r><r><t>专业合作社</t></r></is>, as WPS writes them), and its shared-string reader takes a
//   phonetic reading (<rPh><t>…</t></rPh>) for the text. Those elements are rewritten before they are parsed:
//   an inline string's runs joined into one <t>, phonetic readings left out.
import { Readable } from 'node:stream';
import { invalidFile } from './table-limits';

// No inline string or phonetic reading in a real sheet comes near this; an unclosed one in a hostile file
// must not make us hold the rest of the part.
const MAX_ELEMENT = 1024 * 1024;

/** The part's bytes as text chunks, decoded as one stream (a character may straddle chunks). */
export async function* decodedChunks(stream: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of stream) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

const T = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
const PHONETIC = /<rPh\b[^>]*\/>|<rPh\b[\s\S]*?<\/rPh>/g;

/** An inline string's content with its runs joined into one <t> (the text stays escaped as written). */
function joinRuns(inner: string): string {
  if (!/<r[\s>]/.test(inner) && !inner.includes('<rPh')) return inner;
  const text = [...inner.replace(PHONETIC, '').matchAll(T)].map((m) => m[1]).join('');
  return `<t xml:space="preserve">${text}</t>`;
}

/**
 * Text chunks with every complete `<tag>…</tag>` element (opened as `<tag>` or `<tag …>`) rewritten by `fn`; an
 * element cut by a chunk boundary, or a tag cut in the middle, is carried into the next chunk.
 */
async function* rewriteElements(chunks: AsyncIterable<string>, tag: string, fn: (whole: string) => string): AsyncGenerator<string> {
  const element = new RegExp(`<${tag}\\b[^>]*\\/>|<${tag}(?:\\s[^>]*)?>[\\s\\S]*?<\\/${tag}>`, 'g');
  const opening = new RegExp(`<${tag}[\\s>/]`, 'g');
  let carry = '';
  for await (const chunk of chunks) {
    const text = carry + chunk;
    // Cut before the last opening whose element has not closed, or before a tag cut in the middle.
    let cut = text.length;
    const lt = text.lastIndexOf('<');
    if (lt >= 0 && text.indexOf('>', lt) < 0) cut = lt;
    let lastOpen = -1;
    for (const m of text.matchAll(opening)) lastOpen = m.index;
    if (lastOpen >= 0 && lastOpen < cut && text.indexOf(`</${tag}>`, lastOpen) < 0 && !/^[^>]*\/>/.test(text.slice(lastOpen)))
      cut = lastOpen;
    carry = text.slice(cut);
    if (carry.length > MAX_ELEMENT) throw invalidFile('工作表中有过长的单元格文本', 'The worksheet has an over-long cell text');
    const body = text.slice(0, cut);
    if (body) yield body.includes(`<${tag}`) ? body.replace(element, fn) : body;
  }
  if (carry) yield carry.replace(element, fn);
}

/** A worksheet part for exceljs's worksheet reader: decoded as one stream, inline-string runs joined. */
export function worksheetText(stream: Readable): AsyncGenerator<string> {
  return rewriteElements(decodedChunks(stream), 'is', (whole) => {
    const open = whole.indexOf('>') + 1;
    if (whole.endsWith('/>') && open === whole.length) return whole;
    return whole.slice(0, open) + joinRuns(whole.slice(open, whole.length - '</is>'.length)) + '</is>';
  });
}

/** The shared strings part for exceljs's reader (which wants a stream): decoded, phonetic readings left out. */
export function sharedStringsText(stream: Readable): Readable {
  return Readable.from(
    rewriteElements(decodedChunks(stream), 'rPh', () => ''),
    { objectMode: false },
  );
}

/** Any other part (workbook, relationships, styles), decoded as one stream. */
export function partText(stream: Readable): Readable {
  return Readable.from(decodedChunks(stream), { objectMode: false });
}
