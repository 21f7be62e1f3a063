// Column mappings a user fixed in an import's preview, remembered per office (the importing user's org path), form
// and file shape (a hash of the normalised header cells), so the next ledger of the same template maps the same way.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_mappings')
    .addColumn('plugin_id', 'text', (c) => c.notNull())
    .addColumn('form_id', 'text', (c) => c.notNull())
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    // The header it was made for (shown beside it) and {"<column index>": "<pointer>" | "orgUnit" | null}.
    .addColumn('header', 'jsonb', (c) => c.notNull())
    .addColumn('mapping', 'jsonb', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('saved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('import_mappings_pk', ['plugin_id', 'form_id', 'org_path', 'signature'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_mappings').ifExists().execute();
}
