// A record created from a draft typed offline carries the browser's client id: when the connection returns the
// browser may send it again (it cannot know whether the first send reached the server), and the same client id
// from the same user must answer with the record already made. The index makes that hold under concurrent sends.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table records add column client_id text`.execute(db);
  await sql`create unique index records_client_id on records (created_by, client_id) where client_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index records_client_id`.execute(db);
  await sql`alter table records drop column client_id`.execute(db);
}
