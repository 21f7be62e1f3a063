// Which PostgreSQL the database suites run against: HEZUO_TEST_BACKEND=embedded (default) or server.
// Shared by the vitest global setup (main process) and the workers, so it imports nothing from vitest at runtime.

export type TestBackend = 'embedded' | 'server';

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    hezuoTestRunId: string;
    /** Superuser URL of the embedded cluster that test/global-setup.ts started for this run. */
    hezuoTestAdminUrl: string;
  }
}

export function testBackend(): TestBackend {
  const value = process.env.HEZUO_TEST_BACKEND || 'embedded';
  if (value === 'embedded' || value === 'server') return value;
  throw new Error(`HEZUO_TEST_BACKEND must be "embedded" or "server", not "${value}"`);
}

export function serverUrl(): string {
  return process.env.HEZUO_TEST_SERVER_URL || DEFAULT_SERVER_URL;
}

/** For messages: never print a password. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable connection string)';
  }
}
