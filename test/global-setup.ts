// Starts one embedded PostgreSQL per test run (HEZUO_TEST_BACKEND=embedded, the default) in a throw-away data
// folder; test/helpers/database.ts creates a database per test file in it. The server backend needs nothing here.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../platform/postgres/embedded-postgres';
import { testBackend } from './helpers/backend';

export default async function setup(project: TestProject) {
  // Browser suites build the web app once per run (test/helpers/browser.ts); this id tells them which run they are in.
  project.provide('hezuoTestRunId', `${process.pid}-${Date.now()}`);
  if (testBackend() !== 'embedded') return;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hezuo-test-pg-'));
  let server;
  try {
    server = await startEmbeddedPostgres({ dataDir });
  } catch (err) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw new Error(`Could not start the embedded test PostgreSQL: ${(err as Error).message}`, { cause: err });
  }
  project.provide('hezuoTestAdminUrl', server.connectionString);
  return async () => {
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}
