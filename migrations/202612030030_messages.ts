// In-app messages (platform/messages): a record's creator is told when a workflow step returns the record or brings
// it to a state whose workflow says so (final states by default). Written in the step's own transaction, so a
// message exists exactly when its step does; the text is rendered when read (state and step titles in the reader's
// language), so only ids and the comment are kept.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('messages')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('returned', 'reached')`))
    .addColumn('transition', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .execute();
  // A user's newest first, and the unread count of the header bell.
  await sql`create index messages_user on messages (user_id, created_at desc, id desc)`.execute(db);
  await sql`create index messages_unread on messages (user_id) where read_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('messages').ifExists().execute();
}
