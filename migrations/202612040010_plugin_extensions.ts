// An admin's extension of an expired policy (plugin.json `effective.until`), per plugin version: the last day it
// now stands for and why. One row per version; the audit log keeps every change of it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plugin_extensions')
    .addColumn('plugin_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('extended_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('extended_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('plugin_extensions_pk', ['plugin_id', 'version'])
    .addForeignKeyConstraint('plugin_extensions_version_fk', ['plugin_id', 'version'], 'plugin_versions', ['plugin_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plugin_extensions').ifExists().execute();
}
