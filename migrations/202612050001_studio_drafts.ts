// Drafts of the plugin studio (issue 16): a plugin's files being written in the browser, kept on the server so a
// draft survives the tab and two admins see the same one. A draft touches no live record until it is published as
// a new plugin version; `revision` makes a save against an older copy a conflict instead of a lost change.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('studio_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plugin_id', 'text', (c) => c.notNull())
    // The installed version an edit draft started from; null for a blank or forked plugin.
    .addColumn('base_version', 'text')
    // { kind: 'blank' | 'fork' | 'edit', from?: { plugin, version } }: plugin.json has no place for provenance.
    .addColumn('origin', 'jsonb', (c) => c.notNull())
    // path → text, exactly as the admin wrote it (checked and published through the pack reader).
    .addColumn('files', 'jsonb', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('studio_drafts').ifExists().execute();
}
