// One throw-away Hezuo for a bench: the platform on an embedded PostgreSQL in a temp folder (or BENCH_DATABASE_URL),
// the demo org tree and users, the HTTP app, and a login. Shared by the API benches so they measure the same setup.
import type { FastifyInstance } from 'fastify';
import type { OpenPlatform } from '../platform/boot/open-platform';
import { buildApp } from '../platform/http/app';
import { BENCH_PASSWORD, openBenchDatabase } from './bench-database';

export interface BenchServer {
  app: FastifyInstance;
  platform: OpenPlatform;
  /** The owner's connection string, for an anchor measured on the same server. */
  databaseUrl: string;
  /** A session token of a demo user. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const bench = await openBenchDatabase();
  try {
    const app = await buildApp(bench.platform.ctx);
    return {
      app,
      platform: bench.platform,
      databaseUrl: bench.url,
      login: async (username) =>
        JSON.parse((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: BENCH_PASSWORD } })).body)
          .token as string,
      close: async () => {
        await app.close();
        await bench.close();
      },
    };
  } catch (e) {
    await bench.close();
    throw e;
  }
}
