// One way to reach PostgreSQL, embedded or external: Kysely over a pg.Pool (architecture decision 4).
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

export interface OpenDatabaseOptions {
  /** Pool size; pg's default is 10. */
  max?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
  /** An idle pooled connection failed (e.g. the server restarted). pg drops it; without a listener the
   *  'error' event would crash the process. Queries still fail loudly on their own. */
  onIdleError?: (err: Error) => void;
  /** Server options of every connection, e.g. `-c role=hezuo_app` (the application's role, set at connect). */
  options?: string;
}

export interface Database<DB> {
  db: Kysely<DB>;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function openDatabase<DB>(connectionString: string, opts: OpenDatabaseOptions = {}): Database<DB> {
  const pool = new pg.Pool({
    connectionString,
    max: opts.max,
    application_name: opts.applicationName ?? 'hezuo',
    ...(opts.options ? { options: opts.options } : {}),
    types: { getTypeParser },
  });
  pool.on('error', opts.onIdleError ?? (() => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closing: Promise<void> | undefined;
  // Kysely's destroy() ends the pool; ending it twice would throw.
  return { db, pool, close: () => (closing ??= db.destroy()) };
}

// Parsers are passed per pool rather than set with pg.types.setTypeParser, which would change every pg user
// in the process.
const OID = { int8: 20, numeric: 1700, date: 1082, int8Array: 1016, dateArray: 1182, textArray: 1009 } as const;

type Parser = (value: string) => unknown;
const builtin = pg.types.getTypeParser as (oid: number, format?: string) => Parser;
const textArray = builtin(OID.textArray);

const custom: Record<number, Parser> = {
  // Revisions and counts are bigint; they are far below 2^53, and a number is what JSON and the UI expect.
  // A value beyond that would silently lose digits, so it is refused instead.
  [OID.int8]: parseInt8,
  [OID.int8Array]: (v) => deepMap(textArray(v), parseInt8),
  // Amounts, ratios and scores in reports; kept as numbers for arithmetic in rules and charts.
  [OID.numeric]: Number,
  // A calendar date has no time zone; turning it into a JS Date would shift it by the host's offset.
  [OID.date]: (v) => v,
  [OID.dateArray]: textArray,
};

function getTypeParser(oid: number, format?: string): Parser {
  if (format === 'binary') return builtin(oid, 'binary');
  return custom[oid] ?? builtin(oid, 'text');
}

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} is beyond JavaScript's safe integer range`);
  return n;
}

function deepMap(value: unknown, fn: (v: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => deepMap(v, fn));
  return value === null ? null : fn(value as string);
}
