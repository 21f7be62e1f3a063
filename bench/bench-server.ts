// One throw-away Hezuo for a bench: the platform on an embedded PostgreSQL in a temp folder (or BENCH_DATABASE_URL),
// the demo org tree and users, the HTTP app, and a login. Shared by the API benches so they measure the same setup.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { configFromEnv, REPO_ROOT } from '../platform/boot/config';
import { openPlatform, type OpenPlatform } from '../platform/boot/open-platform';
import { seedIfEmpty } from '../platform/boot/seed';
import { buildApp } from '../platform/http/app';

const PASSWORD = 'bench-password';

export interface BenchServer {
  app: FastifyInstance;
  platform: OpenPlatform;
  /** A session token of a demo user. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-bench-'));
  const config = { ...configFromEnv({}), dataDir, databaseUrl: process.env.BENCH_DATABASE_URL, seedFile: null };
  const platform = await openPlatform(config);
  try {
    await seedIfEmpty(platform.ctx, path.join(REPO_ROOT, 'demo/seed.json'), PASSWORD);
    const app = await buildApp(platform.ctx);
    return {
      app, platform,
      login: async (username) => JSON.parse((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } })).body).token as string,
      close: async () => {
        await app.close();
        await platform.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await platform.close();
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
}
