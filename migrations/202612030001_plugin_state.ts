// Which version of a plugin is active for new records, the versions it replaced (so a rollback is one step), and
// whether an admin has disabled its forms (uninstall: no new records, nothing deleted). Kept in the database so a
// pack installed into a running server, a rollback or an uninstall survives a restart. No row: the plugin follows
// the plugins folder, as before packs could be installed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plugin_state')
    .addColumn('plugin_id', 'text', (c) => c.primaryKey())
    .addColumn('active_version', 'text', (c) => c.notNull())
    // Versions active before, oldest first: a rollback makes the last one active again.
    .addColumn('previous_versions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('plugin_state_active_fk', ['plugin_id', 'active_version'], 'plugin_versions', ['plugin_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plugin_state').ifExists().execute();
}
