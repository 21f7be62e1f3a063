// 我的申报 (GET /api/me/records) lists the records a user created, newest first: an index on the author keeps that
// a range scan instead of a pass over every record in the user's units.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index records_created_by on records (created_by, updated_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index records_created_by`.execute(db);
}
