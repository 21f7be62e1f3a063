// Spreadsheet import speed: a generated 100,000-row .xlsx imported into guangzhou-demonstration's application form
// (every row converted, validated, evaluated by the form's 93 rules, and written in batches inside one transaction)
// on an embedded PostgreSQL, as one officer would with `npx hezuo import` — against the anchor measured in the same
// run: the same stored rows copied with multi-row INSERTs, 500 a batch, in one transaction (bench/insert-anchor.ts),
// before and after the import (their mean is the figure). The same kind of rows in a ledger as offices keep it are
// in ledger-bench.ts.
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { usccCheckChar } from '../platform/forms/formats';
import { principalOf } from '../platform/access/principal';
import { findUserByName, rolesOf } from '../platform/store/users-store';
import { runImport } from '../platform/imports/run-import';
import { openBenchDatabase } from './bench-database';
import { batchedInserts, readStoredRows } from './insert-anchor';

const WARM_UP = 500;

const HEADER = [
  '申报主体类型',
  '合作社名称',
  '统一社会信用代码',
  '所在区',
  '注册登记日期',
  '实际开始运作日期',
  '是否为区级示范社',
  '评为区级示范社的年份',
  '成员总数(合作社填写)',
  '出资成员数',
  '为成员提供的服务类型',
];

function uscc(n: number): string {
  const first17 = `93440106MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17)!;
}

export async function writeApplications(file: string, rows: number) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(file), useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('申报');
  ws.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) {
    const row = ws.addRow([
      '农民合作社',
      `天河区第${i}号专业合作社`,
      uscc(i),
      '天河区',
      new Date(Date.UTC(2015 + (i % 8), i % 12, 1 + (i % 28))),
      '2019-04-01',
      i % 3 ? '是' : '否',
      2020 + (i % 4),
      20 + (i % 200),
      10 + (i % 100),
      '统一购买生产资料、技术指导与培训',
    ]);
    row.getCell(5).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

export async function importBench(rows = 100_000) {
  const bench = await openBenchDatabase('hezuo-import-bench-');
  try {
    const file = path.join(bench.dir, 'applications.xlsx');
    await writeApplications(file, rows);
    const size = (await stat(file)).size;
    const warmFile = path.join(bench.dir, 'warm-up.xlsx');
    await writeApplications(warmFile, WARM_UP);
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
      fileName: 'applications.xlsx',
      locale: 'zh-CN' as const,
    };
    // A small import in another period: the stored rows the anchor copies (and a warm start for both sides).
    await runImport(ctx, principal, { ...req, period: '2023', source: warmFile, fileName: 'warm-up.xlsx' });
    const ids = await ctx.db.selectFrom('records').select('id').where('period', '=', '2023').execute();
    const templates = await readStoredRows(
      bench.url,
      ids.map((r) => r.id),
    );
    const anchorBefore = await batchedInserts(bench.url, templates, rows);
    let start = performance.now();
    const created = await runImport(ctx, principal, req);
    const createSeconds = (performance.now() - start) / 1000;
    const anchorAfter = await batchedInserts(bench.url, templates, rows);
    // The same file again: every row finds its record by the credit code and is compared, none changes.
    start = performance.now();
    const again = await runImport(ctx, principal, req);
    const againSeconds = (performance.now() - start) / 1000;
    return {
      rows,
      bytes: size,
      created: created.counts,
      createSeconds,
      again: again.counts,
      againSeconds,
      anchor: (anchorBefore + anchorAfter) / 2,
      anchorBefore,
      anchorAfter,
    };
  } finally {
    await bench.close();
  }
}
