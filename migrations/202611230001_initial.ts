// The first schema: org tree, users and sessions, installed plugin versions and their parameters, records with
// their audit trail, and marks (titles, bars) on the subjects records are about.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('org_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'jsonb', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    // Materialised path "/root/…/self/": "my unit and below" is one prefix match.
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index org_units_path_prefix on org_units (path text_pattern_ops)`.execute(db);

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'org_unit_id', 'role'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plugin_versions')
    .addColumn('plugin_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    // The whole plugin as parsed files: records made under an older version still render and validate.
    .addColumn('files', 'jsonb', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('installed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('plugin_versions_pk', ['plugin_id', 'version'])
    .execute();

  await db.schema
    .createTable('plugin_parameters')
    .addColumn('plugin_id', 'text', (c) => c.primaryKey())
    .addColumn('values', 'jsonb', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plugin_id', 'text', (c) => c.notNull())
    .addColumn('plugin_version', 'text', (c) => c.notNull())
    .addColumn('form_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    // Copy of the unit's path: scoping a query to "my unit and below" needs no join.
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('subject_title', 'text')
    .addColumn('unique_key', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('results', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('workflow', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('create_digest', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('submitted_at', 'timestamptz')
    .execute();
  await sql`create unique index records_unique_key on records (plugin_id, form_id, unique_key) where unique_key is not null`.execute(db);
  await sql`create index records_scope on records (plugin_id, form_id, period, org_path text_pattern_ops)`.execute(db);
  await sql`create index records_org_path on records (org_path text_pattern_ops)`.execute(db);
  await sql`create index records_subject on records (plugin_id, subject)`.execute(db);
  await sql`create index records_state on records (plugin_id, form_id, state)`.execute(db);

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('transition', 'text')
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('plugin_version', 'text', (c) => c.notNull())
    .addColumn('changes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('comment', 'text')
    .execute();
  await sql`create index audit_events_record on audit_events (record_id, id)`.execute(db);

  await db.schema
    .createTable('marks')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('plugin_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_date', 'date', (c) => c.notNull())
    .addColumn('until_date', 'date')
    .addColumn('reason', 'jsonb', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.references('records.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index marks_subject on marks (plugin_id, subject, kind)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'marks',
    'audit_events',
    'records',
    'plugin_parameters',
    'plugin_versions',
    'sessions',
    'user_roles',
    'users',
    'org_units',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
