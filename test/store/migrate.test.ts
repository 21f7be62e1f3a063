// migrateToLatest on a fresh database of the run's backend (embedded or server).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../platform/store/connect';
import { migrateToLatest } from '../../platform/store/migrate';
import { createTestDatabase, testBackend, type TestDatabase } from '../helpers/database';

const FIRST = '202501010900_create_widget';
const SECOND = '202501011000_add_widget_name';

// Tiny migrations written to a temp folder; the second depends on the first, so order matters.
const MIGRATIONS: Record<string, string> = {
  [FIRST]: `
    export async function up(db: any) {
      await db.schema.createTable('widget').addColumn('id', 'integer', (c: any) => c.primaryKey()).execute();
    }
    export async function down(db: any) { await db.schema.dropTable('widget').execute(); }`,
  [SECOND]: `
    export async function up(db: any) {
      await db.schema.alterTable('widget').addColumn('name', 'text').execute();
    }
    export async function down(db: any) { await db.schema.alterTable('widget').dropColumn('name').execute(); }`,
  '202501011100_broken': `
    export async function up(db: any) { await db.schema.alterTable('no_such_table').addColumn('x', 'text').execute(); }`,
};

describe(`migrateToLatest (${testBackend()})`, () => {
  let root: string;
  const databases: TestDatabase[] = [];
  const connections: Database<any>[] = [];

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'hezuo-migrations-'));
  });
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.close()));
    await Promise.all(databases.map((d) => d.drop()));
    await fs.rm(root, { recursive: true, force: true });
  });

  async function folder(name: string, migrations: string[], extra: Record<string, string> = {}) {
    const dir = path.join(root, name);
    await fs.mkdir(dir);
    for (const m of migrations) await fs.writeFile(path.join(dir, `${m}.ts`), MIGRATIONS[m]!);
    for (const [file, text] of Object.entries(extra)) await fs.writeFile(path.join(dir, file), text);
    return dir;
  }
  async function freshDatabase(): Promise<string> {
    const database = await createTestDatabase('migrate');
    databases.push(database);
    return database.connectionString;
  }
  function open(url: string): Kysely<any> {
    const connection = openDatabase<any>(url);
    connections.push(connection);
    return connection.db;
  }
  const recorded = async (db: Kysely<any>) =>
    (await db.selectFrom('kysely_migration').select('name').orderBy('name').execute()).map((r) => r.name);

  it('applies pending migrations in name order, then nothing', async () => {
    const dir = await folder('ordered', [SECOND, FIRST], { 'README.md': 'not a migration' });
    const db = open(await freshDatabase());
    expect(await migrateToLatest(db, dir)).toEqual({ applied: [FIRST, SECOND] });
    expect(await migrateToLatest(db, dir)).toEqual({ applied: [] });
    expect(await recorded(db)).toEqual([FIRST, SECOND]);
    await db.insertInto('widget').values({ id: 1, name: 'plough' }).execute();
  });

  it('applies each migration once when two processes migrate at the same time', async () => {
    const dir = await folder('concurrent', [FIRST, SECOND]);
    const url = await freshDatabase();
    const [a, b] = await Promise.all([migrateToLatest(open(url), dir), migrateToLatest(open(url), dir)]);
    expect([...a.applied, ...b.applied].sort()).toEqual([FIRST, SECOND]);
    expect(await recorded(open(url))).toEqual([FIRST, SECOND]);
  });

  it('names the failed migration and applies nothing of that run', async () => {
    const dir = await folder('broken', [FIRST, '202501011100_broken']);
    const db = open(await freshDatabase());
    await expect(migrateToLatest(db, dir)).rejects.toThrow(/Migration 202501011100_broken failed.*no_such_table/);
    expect(await recorded(db)).toEqual([]);
    const widget = await sql<{ t: string | null }>`select to_regclass('widget')::text as t`.execute(db);
    expect(widget.rows[0]!.t).toBeNull();
  });

  it('refuses a misnamed migration file instead of skipping it', async () => {
    const dir = await folder('misnamed', [FIRST], { 'add_widget_colour.ts': MIGRATIONS[SECOND]! });
    const db = open(await freshDatabase());
    await expect(migrateToLatest(db, dir)).rejects.toThrow(/YYYYMMDDHHMM_name\.ts: add_widget_colour\.ts/);
  });
});
