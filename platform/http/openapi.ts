// The OpenAPI document of the routes, without a database or plugins: the route schemas are fixed, so the spec a
// client generator reads (npm run api:client) is the one /docs/json serves. No handler runs here; the only query
// made at start-up (marking stale import jobs) goes to Kysely's DummyDriver, which answers nothing.
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { PlatformContext } from '../context';
import type { Db } from '../store/schema';
import { buildApp } from './app';

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const db = new Kysely({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }) as unknown as Db;
  const ctx = { db, registry: undefined as never, clock: { now: () => new Date(0) }, timeZone: 'UTC' } satisfies PlatformContext;
  const app = await buildApp(ctx);
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
