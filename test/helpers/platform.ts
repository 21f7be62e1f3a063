// A whole platform for API tests: a fresh database on this run's backend, the real start-up path, the demo
// org tree and users (password below), and requests through fastify's inject.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { configFromEnv, REPO_ROOT } from '../../platform/boot/config';
import { openPlatform, type OpenPlatform } from '../../platform/boot/open-platform';
import { buildApp } from '../../platform/http/app';
import { serveWeb } from '../../platform/http/web';
import { seedIfEmpty } from '../../platform/boot/seed';
import { createTestDatabase } from './database';
import { TEST_PLUGINS } from './paths';

export { BUNDLED_PLUGINS, TEST_PLUGINS } from './paths';
export const PASSWORD = 'test-password-1';

export class TestClock {
  constructor(public current: Date) {}
  now() {
    return this.current;
  }
  set(iso: string) {
    this.current = new Date(iso);
  }
}

export interface TestPlatform {
  app: FastifyInstance;
  platform: OpenPlatform;
  clock: TestClock;
  /** The owner's (superuser's) connection string: what migrations use, and what a test uses to play the DBA. */
  databaseUrl: string;
  /** A session token; the demo password unless another is given. */
  login(username: string, password?: string): Promise<string>;
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token?: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** `web: true` also serves the web app's build (web/dist) as `npm start` does, for browser tests. */
export async function startTestPlatform(opts: { pluginsDirs?: string[]; now?: string; web?: boolean } = {}): Promise<TestPlatform> {
  const database = await createTestDatabase('api');
  const clock = new TestClock(new Date(opts.now ?? '2024-05-06T02:00:00Z'));
  const config = {
    ...configFromEnv({}),
    databaseUrl: database.connectionString,
    pluginsDirs: opts.pluginsDirs ?? [TEST_PLUGINS],
    seedFile: null,
  };
  const platform = await openPlatform(config, { clock });
  await seedIfEmpty(platform.ctx, path.join(REPO_ROOT, 'demo/seed.json'), PASSWORD);
  const app = await buildApp(platform.ctx, { failures: platform.failures, ...(opts.web ? { webRoot: serveWeb } : {}) });
  const call: TestPlatform['call'] = async (method, url, token, body) => {
    const res = await app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
  };
  return {
    app,
    platform,
    clock,
    call,
    databaseUrl: database.connectionString,
    async login(username, password = PASSWORD) {
      const r = await call('POST', '/api/auth/login', undefined, { username, password });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
    async close() {
      await app.close();
      await platform.close();
      await database.drop();
    },
  };
}
