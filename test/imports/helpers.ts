// Test helpers for imports: valid credit codes, spreadsheets built the way a user's Excel would hold them, a
// multipart body for POST /api/imports, and the principal of a demo user.
import ExcelJS from 'exceljs';
import { usccCheckChar } from '../../platform/forms/formats';
import { principalOf, type Principal } from '../../platform/access/principal';
import { findUserByName, rolesOf } from '../../platform/store/users-store';
import type { PlatformContext } from '../../platform/context';

/** The n-th valid 统一社会信用代码 of a family (check character computed as GB 32100 says). */
export function uscc(n: number, prefix = '91440106MA5'): string {
  const first17 = `${prefix}${String(n).padStart(17 - prefix.length, '0')}`;
  return first17 + usccCheckChar(first17)!;
}

/** An .xlsx with one sheet: optional title line, header row, rows of raw cell values (numbers, dates, text). */
export async function xlsxOf(header: string[], rows: unknown[][], title?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  if (title) ws.addRow([title]);
  ws.addRow(header);
  for (const r of rows) {
    const row = ws.addRow(r);
    r.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readSheet(bytes: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as any);
  const out: unknown[][] = [];
  wb.worksheets[0].eachRow({ includeEmpty: true }, (row) => {
    out.push((row.values as unknown[]).slice(1));
  });
  return out;
}

export function multipartBody(
  fields: Record<string, string>,
  file: { name: string; bytes: Buffer },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----hezuo${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
  );
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function principalNamed(ctx: PlatformContext, username: string): Promise<Principal> {
  const u = (await findUserByName(ctx.db, username))!;
  return principalOf({ id: u.id, username: u.username, displayName: u.displayName, locale: u.locale }, await rolesOf(ctx.db, u.id));
}

let gbkTable: Map<string, number[]> | null = null;
/** Text as GBK bytes, as Chinese Excel saves "CSV (逗号分隔)": the table is built by decoding every GBK pair. */
export function toGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const b = gbkTable.get(ch);
      if (!b) throw new Error(`not in GBK: ${ch}`);
      out.push(...b);
    }
  }
  return Buffer.from(out);
}
