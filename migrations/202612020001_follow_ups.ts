// Follow-up items on failed checks (platform/follow-ups): one per record × check, made when the record enters the
// state its form names, then marked rectified, confirmed or reopened. Each step keeps who and when; the revision
// refuses a stale step with 409. At most one item per record and check is not yet confirmed (the partial unique
// index), so entering the state again cannot duplicate an open item, even from two transactions at once.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'rectified', 'confirmed', 'reopened')`))
    .addColumn('deadline', 'date', (c) => c.notNull())
    .addColumn('rectified_on', 'date')
    .addColumn('note', 'text')
    .addColumn('evidence', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('comment', 'text')
    .addColumn('opened_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('rectified_by', 'text', (c) => c.references('users.id'))
    .addColumn('rectified_at', 'timestamptz')
    .addColumn('confirmed_by', 'text', (c) => c.references('users.id'))
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('reopened_by', 'text', (c) => c.references('users.id'))
    .addColumn('reopened_at', 'timestamptz')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create unique index follow_ups_unclosed on follow_ups (record_id, rule_id) where status <> 'confirmed'`.execute(db);
  await sql`create index follow_ups_record on follow_ups (record_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('follow_ups').ifExists().execute();
}
