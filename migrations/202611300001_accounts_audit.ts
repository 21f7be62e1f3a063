// Accounts and a tamper-evident audit (issue 8, items 5 and 6):
// - users may be made to change their password at next login; sessions slide an idle deadline (last_seen_at);
// - login_throttle keeps failed logins per user name and per client address in the database, so a delay or a
//   lockout survives restarts and holds across app servers;
// - admin_audit records every user, role, org-unit, parameter, plugin, login and download event;
// - both audit tables are hash-chained by triggers the application's role cannot change: admin_audit as one
//   global chain (ids handed out under a transaction advisory lock, so the chain has no gaps), audit_events per
//   record (prev = the record's previous event), so record writes never wait on one lock.
// The application's role gets no UPDATE, DELETE or TRUNCATE on either table (see platform/store/app-role.ts).
import { sql, type Kysely } from 'kysely';

/** Key of the advisory lock that serialises appends to admin_audit. */
const ADMIN_AUDIT_LOCK = 726354001;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index sessions_user on sessions (user_id)`.execute(db);
  await sql`create index sessions_expiry on sessions (expires_at)`.execute(db);

  await db.schema
    .createTable('login_throttle')
    // "user:<name>" or "addr:<ip>"; unknown user names get rows too, so answers do not tell which names exist.
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'timestamptz', (c) => c.notNull())
    .addColumn('blocked_until', 'timestamptz')
    .addColumn('locked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('admin_audit')
    // Set by the trigger under the lock: 1, 2, 3 … with no gap, so a deleted row shows.
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('address', 'text')
    // Org paths the event concerns: an admin reads the events of their units (empty = installation-wide).
    .addColumn('org_paths', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`create index admin_audit_actor on admin_audit (actor_id, id)`.execute(db);
  await sql`create index admin_audit_action on admin_audit (action, id)`.execute(db);
  await sql`create index admin_audit_at on admin_audit (at)`.execute(db);

  await db.schema.alterTable('audit_events').addColumn('prev_hash', 'text').addColumn('hash', 'text').execute();
  // Timestamps hash as UTC text with microseconds, whatever the session's TimeZone.
  await sql`create function hezuo_utc(t timestamptz) returns text language sql stable
    as $$ select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$`.execute(db);
  // jsonb's text form is canonical (keys ordered, no insignificant space), so the content hashes the same forever.
  await sql`create function admin_audit_hash(a admin_audit) returns text language sql stable as $$
    select encode(sha256(convert_to(a.prev_hash || jsonb_build_array(a.id, hezuo_utc(a.at), a.actor_id, a.actor_name, a.action,
      a.target_type, a.target_id, a.details, a.address, to_jsonb(a.org_paths))::text, 'UTF8')), 'hex') $$`.execute(db);
  await sql`create function audit_events_hash(e audit_events) returns text language sql stable as $$
    select encode(sha256(convert_to(e.prev_hash || jsonb_build_array(e.id, e.record_id, hezuo_utc(e.at), e.actor_id, e.action,
      e.transition, e.from_state, e.to_state, e.revision, e.plugin_version, e.changes, e.comment)::text, 'UTF8')), 'hex') $$`.execute(db);

  // Whatever id, prev_hash or hash an insert names is replaced: only the chain decides them.
  await sql
    .raw(
      `create function admin_audit_chain() returns trigger language plpgsql as $$
    declare last_id bigint; last_hash text;
    begin
      perform pg_advisory_xact_lock(${ADMIN_AUDIT_LOCK});
      select id, hash into last_id, last_hash from admin_audit order by id desc limit 1;
      new.id := coalesce(last_id, 0) + 1;
      new.prev_hash := coalesce(last_hash, '');
      new.hash := admin_audit_hash(new);
      return new;
    end $$`,
    )
    .execute(db);
  await sql`create trigger admin_audit_chain before insert on admin_audit for each row execute function admin_audit_chain()`.execute(db);

  // Events already written join their record's chain in id order.
  await sql`do $$
    declare r record; prev text := ''; cur text := null;
    begin
      for r in select id, record_id from audit_events order by record_id, id loop
        if cur is distinct from r.record_id then prev := ''; cur := r.record_id; end if;
        update audit_events set prev_hash = prev where id = r.id;
        update audit_events e set hash = audit_events_hash(e) where e.id = r.id returning e.hash into prev;
      end loop;
    end $$`.execute(db);
  await sql`alter table audit_events alter column prev_hash set not null, alter column hash set not null`.execute(db);
  // Rows of one statement see the rows it inserted before them, so a set-based import chains correctly too.
  await sql`create function audit_events_chain() returns trigger language plpgsql as $$
    declare last_hash text;
    begin
      select hash into last_hash from audit_events where record_id = new.record_id order by id desc limit 1;
      new.prev_hash := coalesce(last_hash, '');
      new.hash := audit_events_hash(new);
      return new;
    end $$`.execute(db);
  await sql`create trigger audit_events_chain before insert on audit_events for each row execute function audit_events_chain()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists audit_events_chain on audit_events`.execute(db);
  await sql`drop function if exists audit_events_chain(), audit_events_hash(audit_events)`.execute(db);
  await db.schema.alterTable('audit_events').dropColumn('prev_hash').dropColumn('hash').execute();
  await db.schema.dropTable('admin_audit').ifExists().cascade().execute();
  await sql`drop function if exists admin_audit_chain(), hezuo_utc(timestamptz)`.execute(db);
  await db.schema.dropTable('login_throttle').ifExists().execute();
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute();
  await db.schema.alterTable('users').dropColumn('must_change_password').execute();
}
