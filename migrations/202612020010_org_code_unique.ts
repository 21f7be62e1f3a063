// Org unit codes are unique: a plugin's regions name units by code (GB/T 2260), so two units with one code would
// make "this policy applies here" ambiguous. Creating units already checks it (platform/orgs); the index keeps two
// concurrent creates from both passing that check.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index org_units_code_unique on org_units (code)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index org_units_code_unique`.execute(db);
}
