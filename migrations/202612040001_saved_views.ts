// Saved views of the record lists (issue 15): a user's named filters — state, unit, period, text, columns, sort —
// kept on the server so they follow the user to another browser; each user sees and deletes only their own.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // The list query as the queue sends it (see platform/http/schemas/saved-views.ts); checked by the route.
    .addColumn('filter', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Saving under a name the user already has replaces that view.
    .addUniqueConstraint('saved_views_user_name', ['user_id', 'name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('saved_views').ifExists().execute();
}
