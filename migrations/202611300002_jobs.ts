// Background jobs of any kind (today: recomputing records after a parameter change). Each job commits its work
// in batches and keeps its cursor, counts and pending records here, so a job cut off by a stopped process is
// picked up again by another one (its heartbeat stopped) and continues where its last batch committed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('plugin_id', 'text')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed', 'superseded')`))
    // What the job is for, by kind: e.g. the parameter revision and the names of the parameters changed.
    .addColumn('input', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // The last key whose batch committed, and keys of that batch still to do (locked by someone else then).
    .addColumn('cursor', 'text')
    .addColumn('pending', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // The refusal of a failed job: {code, message, details}, as the API would have answered it.
    .addColumn('failure', 'jsonb')
    .addColumn('superseded_by', 'text')
    // The process running the job; a batch commits only while the job is still its own.
    .addColumn('owner', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create index jobs_open on jobs (kind, plugin_id) where status in ('queued', 'running')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').ifExists().execute();
}
