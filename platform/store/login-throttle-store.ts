// Failed logins per key ("user:<name>", "addr:<ip>"), kept in the database so a delay or lockout survives a
// restart and holds across app servers.
import { sql } from 'kysely';
import type { Executor } from './schema';

export interface ThrottleState {
  key: string;
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
  lockedAt: Date | null;
}

export async function getThrottles(ex: Executor, keys: string[]): Promise<ThrottleState[]> {
  const rows = await ex.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  return rows.map((r) => ({
    key: r.key,
    failures: r.failures,
    lastFailureAt: r.last_failure_at,
    blockedUntil: r.blocked_until,
    lockedAt: r.locked_at,
  }));
}

/** Counts one more failure (starting again at 1 when the last one is older than `windowStart`); the new count. */
export async function countFailure(
  ex: Executor,
  key: string,
  now: Date,
  windowStart: Date,
): Promise<{ failures: number; lockedAt: Date | null }> {
  const r = await sql<{ failures: number; locked_at: Date | null }>`
    insert into login_throttle as t (key, failures, last_failure_at) values (${key}, 1, ${now})
    on conflict (key) do update set
      failures = case when t.last_failure_at < ${windowStart} and t.locked_at is null then 1 else t.failures + 1 end,
      last_failure_at = ${now}
    returning failures, locked_at`.execute(ex);
  return { failures: r.rows[0]!.failures, lockedAt: r.rows[0]!.locked_at };
}

export async function setBlock(ex: Executor, key: string, blockedUntil: Date | null, lockedAt: Date | null) {
  await ex
    .updateTable('login_throttle')
    .set({ blocked_until: blockedUntil, locked_at: sql`coalesce(locked_at, ${lockedAt}::timestamptz)` as any })
    .where('key', '=', key)
    .execute();
}

/** Forgets a key's failures (a successful login, or an admin lifting a lockout); whether it had any. */
export async function clearThrottle(ex: Executor, key: string): Promise<boolean> {
  const r = await ex.deleteFrom('login_throttle').where('key', '=', key).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Drops keys whose last failure is older than `before` and that are neither blocked nor locked. */
export async function purgeThrottles(ex: Executor, before: Date, now: Date): Promise<void> {
  await ex
    .deleteFrom('login_throttle')
    .where('last_failure_at', '<', before)
    .where('locked_at', 'is', null)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
    .execute();
}
