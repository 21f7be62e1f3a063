// What an uploaded file is, from its first bytes, not from its name: an .xlsx is a zip ("PK\3\4"); anything else
// must be CSV text in UTF-8 (with or without BOM) or GB18030 — Chinese Excel saves "CSV (逗号分隔)" in GBK,
// which GB18030 contains. Known binary formats get a message that says what to do.
import { invalidFile } from './table-limits';

export type SheetFormat = { kind: 'xlsx' } | { kind: 'csv'; encoding: 'utf-8' | 'gb18030'; bom: boolean };

const startsWith = (b: Buffer, bytes: number[]) => bytes.every((x, i) => b[i] === x);

export const SNIFF_BYTES = 64 * 1024;

/** `head`: the first SNIFF_BYTES of the file (or all of it). */
export function sniffFormat(head: Buffer): SheetFormat {
  if (head.length === 0) throw invalidFile('文件是空的', 'The file is empty');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'xlsx' };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw invalidFile(
      '这是旧版 Excel(.xls)文件,请另存为 .xlsx 或 CSV 后再导入',
      'This is an old Excel (.xls) file; save it as .xlsx or CSV and try again',
    );
  }
  if (startsWith(head, [0x50, 0x4b])) throw invalidFile('压缩包格式不正确', 'A damaged or empty zip archive');
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    throw invalidFile(
      '文件是 UTF-16(“Unicode 文本”),请另存为“CSV UTF-8”或 .xlsx',
      'The file is UTF-16 ("Unicode text"); save it as "CSV UTF-8" or .xlsx',
    );
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') throw invalidFile('这是 PDF 文件,不是表格', 'This is a PDF, not a spreadsheet');
  if (head.includes(0)) throw invalidFile('文件不是表格(.xlsx 或 .csv)', 'The file is not a spreadsheet (.xlsx or .csv)');
  const bom = startsWith(head, [0xef, 0xbb, 0xbf]);
  // stream: true tolerates a character cut at the end of the sample; anything else invalid means not UTF-8.
  if (decodes('utf-8', bom ? head.subarray(3) : head)) return { kind: 'csv', encoding: 'utf-8', bom };
  if (decodes('gb18030', head)) return { kind: 'csv', encoding: 'gb18030', bom: false };
  throw invalidFile('文件不是 UTF-8 或 GBK 编码的 CSV,也不是 .xlsx', 'The file is neither .xlsx nor a CSV in UTF-8 or GBK');
}

function decodes(encoding: string, bytes: Buffer): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}
