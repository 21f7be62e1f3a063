// Import of a ledger as county offices keep it (issue 14), beside the tidy one of import-bench.ts: a title line,
// a unit/date line, a two-level merged header (法定代表人(理事长) over 姓名 / 手机号码, 成员情况 over 成员总数 /
// 出资成员数, 成员与出资 over 成员出资总额), the district merged down each block of 100 rows, values typed the way
// people type them ("30万元" into a field in 元, "103人", phones with dashes), a 合计 row and a signature block.
// So the rate includes finding the table, reading the header paths, filling merged cells, converting typed values
// and skipping what is not a record. Anchor, same run: the same stored rows (from a 500-row warm-up import of such
// a ledger) copied with multi-row INSERTs, 500 a batch, one transaction, before and after the import, mean taken.
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { usccCheckChar } from '../platform/forms/formats';
import { principalOf } from '../platform/access/principal';
import { findUserByName, rolesOf } from '../platform/store/users-store';
import { runImport } from '../platform/imports/run-import';
import { openBenchDatabase, type BenchDatabase } from './bench-database';
import { batchedInserts, readStoredRows } from './insert-anchor';

const WARM_UP = 500;
const BLOCK = 100;
type OpenPlatformDb = BenchDatabase['platform']['ctx']['db'];
const SERVICES = '统一购买生产资料、技术指导与培训';

function uscc(n: number): string {
  const first17 = `93440106MB${String(n).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17)!;
}

// Columns A…P. Row 3 holds the group titles (merged across) and the single titles (merged down to row 4).
const TOP = ['序号', '申报主体类型', '合作社名称', '统一社会信用代码', '所在区', '法定代表人(理事长)', null, '注册登记日期'];
TOP.push('实际开始运作日期', '是否为区级示范社', '评为区级示范社的年份', '成员情况', null, '成员与出资', '为成员提供的服务类型');
const SUB = [
  null,
  null,
  null,
  null,
  null,
  '姓名',
  '手机号码',
  null,
  null,
  null,
  null,
  '成员总数(人)',
  '出资成员数',
  '成员出资总额(元)',
  null,
];
const SINGLE = ['A', 'B', 'C', 'D', 'E', 'H', 'I', 'J', 'K', 'O'];

/** The i-th (0-based) record as a ledger row; the district only on the first row of its block (merged down). */
function ledgerRow(i: number, firstOfBlock: boolean): unknown[] {
  const mobile = `139${String(10_000_000 + i).slice(-8)}`;
  return [
    i + 1,
    '农民合作社',
    `天河区第${i}号专业合作社`,
    uscc(i),
    firstOfBlock ? '天河区' : null,
    '陈志强',
    `${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`,
    new Date(Date.UTC(2015 + (i % 8), i % 12, 1 + (i % 28))),
    '2019-04-01',
    i % 3 ? '是' : '否',
    2020 + (i % 4),
    `${20 + (i % 200)}人`,
    10 + (i % 100),
    `${1 + (i % 50)}万元`,
    SERVICES,
  ];
}

export async function writeLedger(file: string, rows: number) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(file), useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('台账');
  ws.addRow(['2024年天河区农民合作社示范社申报台账']);
  ws.addRow(['填报单位:天河区农业农村局', null, null, null, null, null, null, null, null, '填报日期:2024年5月6日']);
  ws.addRow(TOP);
  ws.addRow(SUB);
  ws.mergeCells('A1:O1');
  ws.mergeCells('A2:E2');
  for (const c of SINGLE) ws.mergeCells(`${c}3:${c}4`);
  ws.mergeCells('F3:G3');
  ws.mergeCells('L3:M3');
  ws.getRow(4).commit();
  for (let start = 0; start < rows; start += BLOCK) {
    const end = Math.min(rows, start + BLOCK);
    for (let i = start; i < end; i++) ws.addRow(ledgerRow(i, i === start)).getCell(8).numFmt = 'yyyy-mm-dd';
    if (end - start > 1) ws.mergeCells(`E${start + 5}:E${end + 4}`);
    ws.getRow(end + 4).commit();
  }
  ws.addRow(['合计', null, null, null, null, null, null, null, null, null, null, null, null, null]).commit();
  ws.addRow(['填报人:张三', null, null, '审核人:李四', null, null, '联系电话:020-8765-4321']).commit();
  ws.addRow(['负责人(签字):王五', null, null, null, null, null, '填报日期:2024年5月6日']).commit();
  ws.addRow(['注:1. 成员出资总额可填“万元”;2. 日期格式为年-月-日。']).commit();
  ws.commit();
  await wb.commit();
}

/** The last record as typed values convert (万元 to 元, 人 dropped, the phone's dashes gone, the merged district). */
async function checkStored(db: OpenPlatformDb, i: number) {
  const row = await db.selectFrom('records').select('data').where('period', '=', '2024').where('subject', '=', uscc(i)).executeTakeFirst();
  const d = row?.data as { district?: string; legalRepresentative?: { mobile?: string }; membership?: Record<string, number> } | undefined;
  const want = {
    district: '440106',
    mobile: `139${String(10_000_000 + i).slice(-8)}`,
    memberCount: 20 + (i % 200),
    memberCapital: 10_000 * (1 + (i % 50)),
  };
  const got = {
    district: d?.district,
    mobile: d?.legalRepresentative?.mobile,
    memberCount: d?.membership?.memberCount,
    memberCapital: d?.membership?.memberCapital,
  };
  if (JSON.stringify(got) !== JSON.stringify(want))
    throw new Error(`ledger bench: record ${i} stored ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
}

export async function ledgerImportBench(rows = 100_000) {
  const bench = await openBenchDatabase('hezuo-ledger-bench-');
  try {
    const file = path.join(bench.dir, 'ledger.xlsx');
    await writeLedger(file, rows);
    const warmFile = path.join(bench.dir, 'warm-up.xlsx');
    await writeLedger(warmFile, WARM_UP);
    const { ctx } = bench.platform;
    const u = (await findUserByName(ctx.db, 'tianhe-officer'))!;
    const principal = principalOf(
      { id: u.id, username: u.username, displayName: u.displayName, locale: u.locale },
      await rolesOf(ctx.db, u.id),
    );
    const req = {
      plugin: 'guangzhou-demonstration',
      form: 'application',
      period: '2024',
      orgUnitId: '440106',
      mode: 'valid' as const,
      source: file,
      fileName: 'ledger.xlsx',
      locale: 'zh-CN' as const,
    };
    const warm = await runImport(ctx, principal, { ...req, period: '2023', source: warmFile, fileName: 'warm-up.xlsx' });
    if (warm.counts.created !== WARM_UP)
      throw new Error(`ledger warm-up: ${JSON.stringify(warm.counts)} ${JSON.stringify(warm.rejected[0])}`);
    const ids = await ctx.db.selectFrom('records').select('id').where('period', '=', '2023').execute();
    const templates = await readStoredRows(
      bench.url,
      ids.map((r) => r.id),
    );
    const anchorBefore = await batchedInserts(bench.url, templates, rows);
    const start = performance.now();
    const r = await runImport(ctx, principal, req);
    const seconds = (performance.now() - start) / 1000;
    const anchorAfter = await batchedInserts(bench.url, templates, rows);
    await checkStored(bench.platform.ctx.db, rows - 1);
    return {
      rows,
      bytes: (await stat(file)).size,
      counts: r.counts,
      skipped: r.skipped.count,
      ignored: r.ignored.map((c) => c.header),
      seconds,
      anchor: (anchorBefore + anchorAfter) / 2,
      anchorBefore,
      anchorAfter,
    };
  } finally {
    await bench.close();
  }
}
