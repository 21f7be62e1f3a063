// Brings a database to the newest schema with Kysely's Migrator.
//
// On PostgreSQL the Migrator holds a session-level advisory lock (pg_advisory_lock) around the whole run and runs
// all pending migrations in one transaction, so concurrent starts apply each migration once and a failure
// leaves the schema as it was.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** YYYYMMDDHHMM_name.ts — the timestamp prefix makes name order the order of application. */
const MIGRATION_FILE = /^\d{12}_[a-z0-9_]+\.ts$/;

export async function migrateToLatest(db: Kysely<any>, migrationsDir: string): Promise<{ applied: string[] }> {
  const migrator = new Migrator({ db, provider: new FolderProvider(path.resolve(migrationsDir)) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      failed ? `Migration ${failed} failed, nothing of this run was applied: ${message}` : `Migrating the database failed: ${message}`,
      { cause: error },
    );
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

class FolderProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(this.dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
    // A misnamed file would otherwise be skipped silently and its schema change never made.
    const misnamed = files.filter((f) => !MIGRATION_FILE.test(f));
    if (misnamed.length) {
      throw new Error(`Migration files must be named YYYYMMDDHHMM_name.ts: ${misnamed.join(', ')} in ${this.dir}`);
    }
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const mod = (await import(pathToFileURL(path.join(this.dir, file)).href)) as Partial<Migration>;
      if (typeof mod.up !== 'function') throw new Error(`Migration ${file} does not export an up(db) function`);
      migrations[file.slice(0, -'.ts'.length)] = { up: mod.up, down: mod.down };
    }
    return migrations;
  }
}
