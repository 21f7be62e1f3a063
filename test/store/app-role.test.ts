// The application's database role, both ways an external database can be set up: a separate login
// (DATABASE_APP_URL) and a role taken at connect (HEZUO_APP_ROLE). Either way the application cannot rewrite
// the audit tables, while the owner (who ran the migrations) still can.
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { configFromEnv } from '../../platform/boot/config';
import { openPlatform } from '../../platform/boot/open-platform';
import { createTestDatabase, testBackend, type TestDatabase } from '../helpers/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('approle');
});
afterAll(async () => {
  await db?.drop();
});

const LOGIN = 'hezuo_app_login_test';

it(`runs as its own login with DATABASE_APP_URL (${testBackend()})`, async () => {
  const owner = new pg.Client({ connectionString: db.connectionString });
  await owner.connect();
  try {
    // Roles are cluster-wide and test files run in parallel: create it once, whoever comes first.
    await owner.query(
      `do $$ begin create role ${LOGIN} login password 'app-login-pw'; exception when duplicate_object or unique_violation then null; end $$`,
    );
  } finally {
    await owner.end();
  }
  const appUrl = new URL(db.connectionString);
  appUrl.username = LOGIN;
  appUrl.password = 'app-login-pw';
  const p = await openPlatform({
    ...configFromEnv({}),
    databaseUrl: db.connectionString,
    databaseAppUrl: appUrl.toString(),
    pluginsDirs: [],
    seedFile: null,
  });
  try {
    const who = await sql<{ u: string; s: string }>`select current_user as u, session_user as s`.execute(p.ctx.db);
    expect(who.rows[0]).toEqual({ u: LOGIN, s: LOGIN });
    await sql`insert into admin_audit (action) values ('logout')`.execute(p.ctx.db);
    await expect(sql`update admin_audit set action = 'x'`.execute(p.ctx.db)).rejects.toMatchObject({ code: '42501' });
    await expect(sql`delete from audit_events`.execute(p.ctx.db)).rejects.toMatchObject({ code: '42501' });
    await expect(sql`select * from kysely_migration`.execute(p.ctx.db)).rejects.toMatchObject({ code: '42501' });
  } finally {
    await p.close();
  }
});

it(`takes HEZUO_APP_ROLE at connect on the owner's login (${testBackend()})`, async () => {
  const p = await openPlatform({ ...configFromEnv({}), databaseUrl: db.connectionString, pluginsDirs: [], seedFile: null });
  try {
    const who = await sql<{ u: string }>`select current_user as u`.execute(p.ctx.db);
    expect(who.rows[0]!.u).toBe('hezuo_app');
    await expect(sql`truncate admin_audit`.execute(p.ctx.db)).rejects.toMatchObject({ code: '42501' });
  } finally {
    await p.close();
  }
  const owner = new pg.Client({ connectionString: db.connectionString });
  await owner.connect();
  try {
    // The owner is not held back: a DBA can still repair (or tamper — which verify would catch).
    expect((await owner.query(`update admin_audit set action = action`)).rowCount).toBeGreaterThan(0);
  } finally {
    await owner.end();
  }
});
