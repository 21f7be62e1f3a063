// The application's least-privilege database role: migrations run as the owner, the application as this role,
// which may read and write the tables it needs but cannot UPDATE, DELETE or TRUNCATE the audit tables (they are
// append-only at the database level), nor touch the migration bookkeeping. Roles are cluster-wide, so they are
// created idempotently (test databases of one cluster start in parallel); grants are per database, given at
// every start so tables of new migrations are covered.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** Tables the application may only read and append to. */
export const APPEND_ONLY_TABLES = ['admin_audit', 'audit_events'] as const;
const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkRoleName(role: string): string {
  if (!ROLE_NAME.test(role))
    throw new Error(`The application's database role must be a plain lower-case name (a-z, 0-9, _), not "${role}"`);
  return role;
}

/** Creates the role if missing: with LOGIN and this password when given (set again if it exists), else NOLOGIN
 *  and made a member of the owner, so the owner's connections may `SET ROLE` to it. */
export async function ensureAppRole(owner: Kysely<any>, role: string, password?: string): Promise<void> {
  checkRoleName(role);
  const login = password === undefined ? 'nologin' : `login password ${quoteLiteral(password)}`;
  // Two starts creating the same role at once: one wins, the other sees duplicate_object or unique_violation.
  await sql
    .raw(
      `do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${role}') then
        create role ${role} ${login} nosuperuser nocreatedb nocreaterole noinherit;
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$`,
    )
    .execute(owner);
  if (password !== undefined) await sql.raw(`alter role ${role} login password ${quoteLiteral(password)}`).execute(owner);
  else {
    await sql
      .raw(
        `do $$ begin
        if not (select rolsuper from pg_roles where rolname = current_user) and not pg_has_role(current_user, '${role}', 'member') then
          execute 'grant ${role} to ' || quote_ident(current_user);
        end if;
      exception when others then null;
      end $$`,
      )
      .execute(owner);
  }
}

/** Gives the role what the application needs in the current database, and takes away what it must not do. */
export async function grantAppRole(owner: Kysely<any>, role: string): Promise<void> {
  checkRoleName(role);
  await owner.transaction().execute(async (tx) => {
    await sql.raw(`grant connect on database ${await currentDatabase(tx)} to ${role}`).execute(tx);
    await sql.raw(`grant usage on schema public to ${role}`).execute(tx);
    await sql.raw(`grant select, insert, update, delete on all tables in schema public to ${role}`).execute(tx);
    await sql.raw(`grant usage, select on all sequences in schema public to ${role}`).execute(tx);
    await sql.raw(`revoke update, delete, truncate on ${APPEND_ONLY_TABLES.join(', ')} from ${role}`).execute(tx);
    await sql.raw(`revoke all on ${MIGRATION_TABLES.join(', ')} from ${role}`).execute(tx);
  });
}

async function currentDatabase(ex: Kysely<any>): Promise<string> {
  const r = await sql<{ name: string }>`select quote_ident(current_database()) as name`.execute(ex);
  return r.rows[0]!.name;
}

const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;
