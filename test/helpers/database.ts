// A fresh, uniquely named database per test file (or per test) on the backend this run uses.
// An unreachable backend is an error, never a skip: a green run must mean the store was really tested.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { redact, serverUrl, testBackend } from './backend';

export { testBackend } from './backend';

export interface TestDatabase {
  connectionString: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label = 'db'): Promise<TestDatabase> {
  const admin = adminUrl();
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 20);
  const name = `hezuo_test_${slug}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withAdmin(admin, (c) => c.query(`create database "${name}"`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    connectionString: url.toString(),
    // FORCE ends connections a test forgot to close, so one leak does not leave the database behind.
    drop: () => withAdmin(admin, (c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => {}),
  };
}

function adminUrl(): string {
  if (testBackend() === 'server') return serverUrl();
  const url = inject('hezuoTestAdminUrl');
  if (!url) {
    throw new Error(
      'No embedded test PostgreSQL: test/global-setup.ts did not run for this file (list it in DATABASE_TESTS of test/projects.ts)',
    );
  }
  return url;
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (err) {
    const hint =
      testBackend() === 'server'
        ? 'Start it (pg_ctlcluster --skip-systemctl-redirect <version> main start), point HEZUO_TEST_SERVER_URL at a reachable server, or use HEZUO_TEST_BACKEND=embedded.'
        : 'The embedded test cluster from test/global-setup.ts is not answering.';
    throw new Error(`Cannot reach the "${testBackend()}" test PostgreSQL at ${redact(url)}: ${(err as Error).message}. ${hint}`, {
      cause: err,
    });
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
