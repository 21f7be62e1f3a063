// Ledgers shaped the way county offices keep them, built in the test (exceljs, already the project's, writes the
// merges, hidden rows/columns and several sheets): each holds 20 applications to the Guangzhou demonstration form
// for Tianhe district, around a table Excel users really draw — title and unit/date lines, two-level merged
// headers, totals and signature blocks, an instructions sheet first, hidden helper columns, a district merged down
// the sheet, a GBK CSV with CRLF, hand-typed headers and values. `expected` says what an import must find.
import ExcelJS from 'exceljs';
import { toGbk, uscc } from '../helpers';
import { wpsLedgerBytes } from './wps-ledger';

export const RECORDS = 20;

/** The n-th (1…20) record of a ledger as the form stores it. */
export function storedRecord(base: number, n: number) {
  return {
    applicantType: 'cooperative',
    name: `天河区第${base + n}号果蔬专业合作社`,
    creditCode: uscc(base + n),
    district: '440106',
    legalRepresentative: { name: '陈志强', mobile: `1380013${8000 + n}` },
    registrationDate: `2019-03-${String(n).padStart(2, '0')}`,
    membership: { memberCount: 20 + n, contributingMembers: 5 + n, memberCapital: 10000 * n },
    isDistrictDemonstration: n % 2 === 0,
  };
}

// The columns, in order, with the header a ledger usually gives them (single-level).
export const HEADERS = [
  '序号',
  '申报主体类型',
  '合作社名称',
  '统一社会信用代码',
  '所在区',
  '姓名',
  '手机号码',
  '注册登记日期',
  '成员总数(人)',
  '出资成员数',
  '成员出资总额(元)',
  '是否为区级示范社',
];
const WIDTH = HEADERS.length;

/** The n-th record as a ledger row, in HEADERS order. */
function cells(base: number, n: number): unknown[] {
  const r = storedRecord(base, n);
  return [
    n,
    '农民合作社',
    r.name,
    r.creditCode,
    '天河区',
    r.legalRepresentative.name,
    r.legalRepresentative.mobile,
    new Date(Date.UTC(2019, 2, n)),
    r.membership.memberCount,
    r.membership.contributingMembers,
    r.membership.memberCapital,
    r.isDistrictDemonstration ? '是' : '否',
  ];
}

const records = (base: number) => Array.from({ length: RECORDS }, (_, i) => cells(base, i + 1));

export interface Ledger {
  name: string;
  fileName: string;
  bytes: Buffer;
  /** The first record's credit-code number base (records are base+1 … base+20). */
  base: number;
  /** A mapping the import is sent with (a header two fields share, the user said which). */
  mapping?: Record<string, string>;
  expected: {
    sheet: string | null;
    headerRows: number[];
    dataRows: { first: number; last: number };
    skipped: Record<string, number>;
    /** Headers of the columns no field takes. */
    ignored: string[];
  };
}

// A single-level 成员出资总额(元) names both the member capital and the scoring sheet's copy of it: the user says which.
const CAPITAL = { '成员出资总额(元)': '/membership/memberCapital' };

function sheet(wb: ExcelJS.Workbook, name: string, rows: unknown[][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  for (const r of rows) {
    const row = ws.addRow(r);
    r.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
  }
  return ws;
}

const bytesOf = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const blank = (n: number) => Array.from({ length: n }, () => null);

async function titleAndUnitLines(base: number): Promise<Ledger> {
  const wb = new ExcelJS.Workbook();
  const unitLine = ['填报单位:天河区农业农村局', ...blank(6), '填报日期:2024年5月6日'];
  const ws = sheet(wb, '申报台账', [['2024年天河区农民合作社示范社申报台账'], unitLine, HEADERS, ...records(base)]);
  ws.mergeCells('A1:L1');
  ws.mergeCells('A2:E2');
  return {
    name: 'title and unit/date lines',
    fileName: '申报台账-标题行.xlsx',
    bytes: await bytesOf(wb),
    base,
    mapping: CAPITAL,
    expected: { sheet: '申报台账', headerRows: [3], dataRows: { first: 4, last: 23 }, skipped: {}, ignored: ['序号'] },
  };
}

async function twoLevelHeaders(base: number): Promise<Ledger> {
  const wb = new ExcelJS.Workbook();
  const top = ['序号', '申报主体类型', '合作社名称', '统一社会信用代码', '所在区', '法定代表人(理事长)', null, '注册登记日期'];
  top.push('成员情况', null, '成员与出资', '是否为区级示范社');
  const sub = [null, null, null, null, null, '姓名', '手机号码', null, '成员总数(人)', '出资成员数', '成员出资总额(元)', null];
  const ws = sheet(wb, '台账', [['示范社申报汇总表'], top, sub, ...records(base)]);
  ws.mergeCells('A1:L1');
  for (const c of ['A', 'B', 'C', 'D', 'E', 'H', 'L']) ws.mergeCells(`${c}2:${c}3`);
  ws.mergeCells('F2:G2');
  ws.mergeCells('I2:J2');
  return {
    name: 'two-level merged headers',
    fileName: '两级表头.xlsx',
    bytes: await bytesOf(wb),
    base,
    expected: { sheet: '台账', headerRows: [2, 3], dataRows: { first: 4, last: 23 }, skipped: {}, ignored: ['序号'] },
  };
}

async function totalsAndSignatures(base: number): Promise<Ledger> {
  const wb = new ExcelJS.Workbook();
  const rows = records(base);
  const sum = (i: number) => rows.reduce((s, r) => s + (r[i] as number), 0);
  const total = ['合计', ...blank(7), sum(8), sum(9), sum(10), null];
  const sign = ['填报人:张三', null, null, '审核人:李四', null, null, '联系电话:020-87654321'];
  sheet(wb, 'Sheet1', [
    HEADERS,
    ...rows, // 2…21
    [21],
    [22],
    [23], // template rows with only 序号: 22…24
    total, // 25
    sign, // 26
    ['负责人:王五'], // 27
    ['注:1. 成员出资总额单位为元;2. 日期格式为年-月-日。'], // 28
  ]);
  return {
    name: 'totals, template rows, signatures and notes',
    fileName: '合计与签字.xlsx',
    bytes: await bytesOf(wb),
    base,
    mapping: CAPITAL,
    expected: {
      sheet: 'Sheet1',
      headerRows: [1],
      dataRows: { first: 2, last: 28 },
      skipped: { numberOnly: 3, total: 1, signature: 2, note: 1 },
      ignored: ['序号'],
    },
  };
}

async function instructionsFirst(base: number): Promise<Ledger> {
  const wb = new ExcelJS.Workbook();
  sheet(wb, '填表说明', [
    ['填表说明'],
    ['统一社会信用代码', '填写营业执照上的18位代码'],
    ['所在区', '按行政区划填写,如天河区'],
    ['成员总数', '填写实有成员人数'],
  ]);
  sheet(wb, '申报表', [HEADERS, ...records(base)]);
  return {
    name: 'instructions sheet first',
    fileName: '含填表说明.xlsx',
    bytes: await bytesOf(wb),
    base,
    mapping: CAPITAL,
    expected: { sheet: '申报表', headerRows: [1], dataRows: { first: 2, last: 21 }, skipped: {}, ignored: ['序号'] },
  };
}

async function hiddenHelpers(base: number): Promise<Ledger> {
  const wb = new ExcelJS.Workbook();
  // Hidden columns after 合作社名称: a helper copy of the name (would claim the name's field twice) and a check.
  const withHelpers = (r: unknown[], helper: unknown[]) => [...r.slice(0, 3), ...helper, ...r.slice(3)];
  const rows = records(base).map((r) => withHelpers(r, [String(r[2]).slice(0, 6), 'OK']));
  const example = withHelpers(['例', '农民合作社', '示例合作社', '填写18位代码', '天河区'], ['示例', '']);
  const ws = sheet(wb, '台账', [withHelpers(HEADERS, ['合作社名称(辅助)', '校验']), example, ...rows]);
  ws.getColumn(4).hidden = true;
  ws.getColumn(5).hidden = true;
  ws.getRow(2).hidden = true;
  return {
    name: 'hidden helper columns and a hidden example row',
    fileName: '隐藏辅助列.xlsx',
    bytes: await bytesOf(wb),
    base,
    mapping: CAPITAL,
    expected: { sheet: '台账', headerRows: [1], dataRows: { first: 2, last: 22 }, skipped: { hidden: 1 }, ignored: ['序号'] },
  };
}

async function mergedDistrict(base: number): Promise<Ledger> {
  const wb = new ExcelJS.Workbook();
  const rows = records(base).map((r, i) => (i === 0 ? r : [...r.slice(0, 4), null, ...r.slice(5)]));
  const ws = sheet(wb, '台账', [['合作社名录'], ['填报单位:天河区农业农村局'], HEADERS, ...rows]);
  ws.mergeCells('E4:E23');
  return {
    name: 'district merged down the sheet',
    fileName: '合并单元格.xlsx',
    bytes: await bytesOf(wb),
    base,
    mapping: CAPITAL,
    expected: { sheet: '台账', headerRows: [3], dataRows: { first: 4, last: 23 }, skipped: {}, ignored: ['序号'] },
  };
}

function gbkCsv(base: number): Ledger {
  const line = (r: unknown[]) =>
    [...r, ...blank(WIDTH - r.length)]
      .map((v) => (v instanceof Date ? `${v.getUTCFullYear()}/${v.getUTCMonth() + 1}/${v.getUTCDate()}` : String(v ?? '')))
      .join(',');
  const rows = records(base);
  const lines = [
    line(['2024年天河区农民合作社示范社申报台账']),
    line(['填报单位:天河区农业农村局', ...blank(6), '填报日期:2024-05-06']),
    line(HEADERS),
    ...rows.map(line),
    line(['合计', ...blank(7), rows.reduce((s, r) => s + (r[8] as number), 0)]),
    line(['填报人:张三', null, '审核人:李四']),
  ];
  return {
    name: 'GBK CSV with CRLF',
    fileName: '台账.csv',
    bytes: toGbk(lines.join('\r\n') + '\r\n'),
    base,
    mapping: CAPITAL,
    expected: { sheet: null, headerRows: [3], dataRows: { first: 4, last: 25 }, skipped: { total: 1, signature: 1 }, ignored: ['序号'] },
  };
}

async function typedByHand(base: number): Promise<Ledger> {
  const wb = new ExcelJS.Workbook();
  // Spaces inside headers, full-width brackets, hint brackets; full-width digits, 2019年3月5日, √ and blank.
  const header = ['序 号', '申报主体类型', '合作社 名称', '统一社会信用代码（18位）', '所在区', '姓 名', '手机号码', '注册登记日期'];
  header.push('成员总数（人）', '出资成员数（人）', '成员出资总额（元）', '是否为区级示范社（是/否）');
  const full = (n: number) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  const rows = records(base).map((r, i) => [
    ...r.slice(0, 7),
    `2019年3月${i + 1}日`,
    full(r[8] as number),
    ` ${r[9]} `,
    full(r[10] as number),
    r[11] === '是' ? '√' : '否',
  ]);
  sheet(wb, '手工台账', [header, ...rows]);
  return {
    name: 'typed by hand',
    fileName: '手工录入.xlsx',
    bytes: await bytesOf(wb),
    base,
    mapping: { '成员出资总额（元）': '/membership/memberCapital' },
    expected: { sheet: '手工台账', headerRows: [1], dataRows: { first: 2, last: 21 }, skipped: {}, ignored: ['序 号'] },
  };
}

function wpsSaved(base: number): Ledger {
  return {
    name: 'saved by WPS',
    fileName: '示范社申报台账(WPS).xlsx',
    bytes: wpsLedgerBytes(base),
    base,
    mapping: CAPITAL,
    expected: { sheet: '示范社申报', headerRows: [3], dataRows: { first: 4, last: 23 }, skipped: {}, ignored: ['序号'] },
  };
}

/** Every ledger shape; credit codes of each apart from the others'. */
export async function ledgers(): Promise<Ledger[]> {
  return [
    await titleAndUnitLines(100),
    await twoLevelHeaders(200),
    await totalsAndSignatures(300),
    await instructionsFirst(400),
    await hiddenHelpers(500),
    await mergedDistrict(600),
    gbkCsv(700),
    await typedByHand(800),
    wpsSaved(900),
  ];
}

/**
 * A 200-row ledger with a title line, a total and a signature, in which rows 9, 99 and 189 (records 7, 97 and
 * 187) are truly bad: a credit code with a wrong check character, an applicant type no one has, a date that is
 * not one.
 */
export async function ledgerWithBadRows(base: number): Promise<{ bytes: Buffer; badRows: number[] }> {
  const wb = new ExcelJS.Workbook();
  const rows = Array.from({ length: 200 }, (_, i) => {
    const n = i + 1;
    const r = cells(base, n);
    r[2] = `天河区第${base + n}号合作社`;
    r[7] = new Date(Date.UTC(2019, 2, 1 + (n % 28)));
    return r;
  });
  const code = rows[6][3] as string;
  rows[6][3] = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
  rows[96][1] = '个体工商户';
  rows[186][7] = '2019年13月45日';
  sheet(wb, '台账', [['示范社申报台账'], HEADERS, ...rows, ['合计'], ['填报人:张三']]);
  return { bytes: await bytesOf(wb), badRows: [9, 99, 189] };
}
