// Spreadsheet imports run as jobs in the server process: their progress, outcome and error file live here, so
// the user can follow them and fetch the result; a job found running at start-up was cut off (its transaction
// never committed) and is marked interrupted.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plugin_id', 'text', (c) => c.notNull())
    .addColumn('form_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // Default org unit of the rows and the unit whose admins may see the job.
    .addColumn('org_unit_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('org_path', 'text')
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('all', 'valid')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed', 'interrupted')`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('total', 'integer')
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('counts', 'jsonb')
    .addColumn('first_errors', 'jsonb')
    // The refusal of a failed job: {code, message, details}, as the API would have answered it.
    .addColumn('failure', 'jsonb')
    .addColumn('error_file', 'bytea')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Touched while the job is queued or running: a job whose heartbeat stopped was cut off.
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create index import_jobs_user on import_jobs (user_id, created_at desc)`.execute(db);
  await sql`create index import_jobs_open on import_jobs (status) where status in ('queued', 'running')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_jobs').ifExists().execute();
}
