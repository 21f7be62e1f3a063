// Starts one embedded PostgreSQL per test run (HEZUO_TEST_BACKEND=embedded, the default) in a throw-away data
// folder; test/helpers/database.ts creates a database per test file in it. The server backend needs nothing here.
// Only the projects that need a database list this file (vitest.config.ts), so unit tests start no PostgreSQL.
// Each such project calls it; they share one server (counted on globalThis: vitest may load this module once per
// project), stopped when the last project tears down.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../platform/postgres/embedded-postgres';
import { testBackend } from './helpers/backend';

interface Shared {
  users: number;
  started: Promise<{ server: EmbeddedPostgres; dataDir: string }>;
}
const KEY = Symbol.for('hezuo.test.embeddedPostgres');
const registry = globalThis as { [KEY]?: Shared };

async function start(): Promise<{ server: EmbeddedPostgres; dataDir: string }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hezuo-test-pg-'));
  try {
    return { server: await startEmbeddedPostgres({ dataDir }), dataDir };
  } catch (err) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw new Error(`Could not start the embedded test PostgreSQL: ${(err as Error).message}`, { cause: err });
  }
}

export default async function setup(project: TestProject) {
  // Browser suites build the web app once per run (test/helpers/browser.ts); this id tells them which run they are in.
  project.provide('hezuoTestRunId', `${process.pid}-${Date.now()}`);
  if (testBackend() !== 'embedded') return;
  const shared = (registry[KEY] ??= { users: 0, started: start() });
  shared.users++;
  let server: EmbeddedPostgres;
  try {
    ({ server } = await shared.started);
  } catch (err) {
    delete registry[KEY];
    throw err;
  }
  project.provide('hezuoTestAdminUrl', server.connectionString);
  return async () => {
    if (--shared.users > 0) return;
    delete registry[KEY];
    const { dataDir } = await shared.started;
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}
