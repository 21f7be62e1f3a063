// `npx hezuo import` once end to end, as a separate process against a fresh database: progress on stderr, the
// summary on stdout, the error file written; exit code 1 when a row was rejected, 0 when none is, 2 when the
// file is refused.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT, configFromEnv } from '../../platform/boot/config';
import { openPlatform } from '../../platform/boot/open-platform';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { TEST_PLUGINS } from '../helpers/platform';
import { readSheet, uscc, xlsxOf } from './helpers';

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase('cli');
  dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-cli-'));
  // Migrations, plugins and the demo users, as a first `npm start` leaves them.
  const p = await openPlatform({
    ...configFromEnv({}),
    databaseUrl: db.connectionString,
    pluginsDirs: [TEST_PLUGINS],
    seedFile: path.join(REPO_ROOT, 'demo/seed.json'),
    dataDir: dir,
  });
  await p.close();
});
afterAll(async () => {
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

function hezuo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/hezuo.mjs', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: db.connectionString, HEZUO_PLUGINS_DIR: TEST_PLUGINS },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => {
      stdout += b;
    });
    child.stderr.on('data', (b) => {
      stderr += b;
    });
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

it('imports a file, prints progress and a summary, writes the error file, exits 1 for rejected rows', async () => {
  const file = path.join(dir, '合作社.xlsx');
  await writeFile(
    file,
    await xlsxOf(
      ['名称', '统一社会信用代码', '成员数'],
      [
        ['甲合作社', uscc(41), 25],
        ['乙合作社', uscc(42), -1],
        ['丙合作社', uscc(43), 8],
      ],
    ),
  );
  const errors = path.join(dir, 'errors.xlsx');
  const r = await hezuo([
    'import',
    'registry-demo',
    'cooperative',
    file,
    '--period',
    '2024',
    '--org-unit',
    '440106',
    '--mode',
    'valid',
    '--user',
    'tianhe-officer',
    '--errors',
    errors,
    '--lang',
    'zh-CN',
  ]);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toContain('import: 100% (3/3)');
  expect(r.stdout).toContain('共 3 行:新增 2,更新 0,未变 0,拒绝 1');
  expect(r.stdout).toContain('第 3 行: 【成员数】');
  expect(r.stdout).toContain('读取工作表“Sheet1”,表头第 1 行,数据第 2–4 行;跳过非记录行 0 行');
  const sheet = await readSheet(await import('node:fs/promises').then((f) => f.readFile(errors)));
  expect(sheet[2][0]).toBe(3);

  const again = await hezuo([
    'import',
    'registry-demo',
    'cooperative',
    file,
    '--period',
    '2025',
    '--org-unit',
    '440106',
    '--user',
    'tianhe-officer',
  ]);
  expect(again.code).toBe(1);
  expect(again.stdout).toContain('nothing was imported (mode all)');

  const good = path.join(dir, 'good.csv');
  await writeFile(good, `名称,统一社会信用代码,成员数\r\n丁合作社,${uscc(44)},6\r\n`);
  const ok = await hezuo([
    'import',
    'registry-demo',
    'cooperative',
    good,
    '--period',
    '2026',
    '--org-unit',
    '440106',
    '--user',
    'tianhe-officer',
  ]);
  expect(ok.code, ok.stderr).toBe(0);
  expect(ok.stdout).toContain('rows 1, created 1, updated 0, unchanged 0, rejected 0');

  const refused = path.join(dir, 'x.csv');
  await writeFile(refused, Buffer.from([0x00, 0x01, 0x02]));
  const bad = await hezuo([
    'import',
    'registry-demo',
    'cooperative',
    refused,
    '--period',
    '2024',
    '--org-unit',
    '440106',
    '--user',
    'tianhe-officer',
  ]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('IMPORT_FILE_INVALID');
}, 120_000);

// Headers the importer cannot place by itself (合作社名称 is no field's title, 成员人数(人) neither): a mapping file
// names their fields, by header or by 0-based column index, as the API's mapping field does.
it('--mapping: a JSON file places the columns the importer cannot; a bad or missing file exits 2 before reading', async () => {
  const file = path.join(dir, '台账-映射.xlsx');
  await writeFile(
    file,
    await xlsxOf(
      ['合作社名称', '统一社会信用代码', '成员人数(人)', '备注'],
      [
        ['映射甲合作社', uscc(51), 12, '新建'],
        ['映射乙合作社', uscc(52), 30, ''],
      ],
    ),
  );
  const mapping = path.join(dir, 'mapping.json');
  await writeFile(mapping, JSON.stringify({ 合作社名称: '/name', '2': '/members', 备注: null }));
  const args = (period: string, m: string) => [
    'import',
    'registry-demo',
    'cooperative',
    file,
    '--period',
    period,
    '--org-unit',
    '440106',
    '--user',
    'tianhe-officer',
    '--mapping',
    m,
    '--lang',
    'zh-CN',
  ];
  const r = await hezuo(args('2027', mapping));
  expect(r.code, r.stderr + r.stdout).toBe(0);
  expect(r.stdout).toContain('共 2 行:新增 2,更新 0,未变 0,拒绝 0');
  expect(r.stdout).not.toContain('未使用的列');
  const c = new pg.Client({ connectionString: db.connectionString });
  await c.connect();
  try {
    const rows = await c.query("select data from records where form_id = 'cooperative' and period = '2027' order by subject");
    expect(rows.rows.map((x) => [x.data.name, x.data.members])).toEqual([
      ['映射甲合作社', 12],
      ['映射乙合作社', 30],
    ]);
  } finally {
    await c.end();
  }

  const notJson = path.join(dir, 'bad-mapping.json');
  await writeFile(notJson, '{"合作社名称": "/name",');
  const bad = await hezuo(args('2028', notJson));
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('映射不是合法的 JSON');
  const unknown = path.join(dir, 'unknown-field.json');
  await writeFile(unknown, JSON.stringify({ 合作社名称: '/nickname' }));
  const wrong = await hezuo(args('2028', unknown));
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain('IMPORT_MAPPING_INVALID');
  const missing = await hezuo(args('2028', path.join(dir, 'nowhere.json')));
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('无法读取映射文件');
}, 180_000);
