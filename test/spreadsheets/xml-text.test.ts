// The part text exceljs parses (platform/spreadsheets/xml-text.ts): characters cut by a chunk boundary stay whole,
// inline strings written in runs (WPS) are joined wherever the chunks fall, phonetic readings are left out.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decodedChunks, sharedStringsText, worksheetText } from '../../platform/spreadsheets/xml-text';

/** The bytes of `text` cut into chunks of `size` bytes (so multi-byte characters are cut too). */
const chunked = (text: string, size: number) => {
  const b = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) parts.push(b.subarray(i, i + size));
  return Readable.from(parts);
};
const all = async (it: AsyncIterable<unknown>) => {
  let s = '';
  for await (const c of it) s += String(c);
  return s;
};

describe('xlsx part text', () => {
  it('keeps a Chinese character whole when a chunk boundary cuts it', async () => {
    // 天 is three bytes; chunks of 1, 2 and 4 bytes cut it every way.
    for (const size of [1, 2, 4]) expect(await all(decodedChunks(chunked('<t>天河区</t>', size)))).toBe('<t>天河区</t>');
  });

  it("joins an inline string's runs into one <t>, wherever the chunks fall", async () => {
    const sheet =
      '<row r="4"><c r="C4" t="inlineStr"><is><r><rPr><b/></rPr><t>天河区第</t></r><r><t xml:space="preserve">1号 合作社</t></r></is></c>' +
      '<c r="D4" t="inlineStr"><is><t>9144&amp;01</t></is></c><c r="E4"><v>3</v></c></row>';
    const want =
      '<row r="4"><c r="C4" t="inlineStr"><is><t xml:space="preserve">天河区第1号 合作社</t></is></c>' +
      '<c r="D4" t="inlineStr"><is><t>9144&amp;01</t></is></c><c r="E4"><v>3</v></c></row>';
    for (const size of [1, 3, 7, 16, 1000]) expect(await all(worksheetText(chunked(sheet, size)))).toBe(want);
  });

  it('leaves phonetic readings out of shared strings', async () => {
    const sst = '<sst><si><t>东京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si><si><t>天河</t></si></sst>';
    for (const size of [2, 5, 1000])
      expect(await all(sharedStringsText(chunked(sst, size)))).toBe(
        '<sst><si><t>东京</t><phoneticPr fontId="1"/></si><si><t>天河</t></si></sst>',
      );
  });

  it('refuses an inline string that never closes rather than holding the rest of the sheet', async () => {
    const open = '<c t="inlineStr"><is><t>' + 'x'.repeat(2 * 1024 * 1024);
    await expect(all(worksheetText(chunked(open, 64 * 1024)))).rejects.toMatchObject({ code: expect.any(String) });
  });
});
