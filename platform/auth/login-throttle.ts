// Login throttling: failures are counted per user name and per client address. From the 5th failure of a name
// (the 20th of an address: many officers may share one office address) the key is refused for a while, 30 s
// doubling with each further failure; the 10th failure of a name locks it until an admin lifts the lock. A
// success clears the name's count; an address's count fades a day after its last failure. Names that do not
// exist are counted the same way, so the answers never tell which names exist.
import { HezuoError, detail } from '../errors';
import type { Executor } from '../store/schema';
import { clearThrottle, countFailure, getThrottles, purgeThrottles, setBlock } from '../store/login-throttle-store';

export const LOGIN_POLICY = {
  user: { throttleAfter: 5, lockAfter: 10, maxDelaySeconds: 3600 },
  address: { throttleAfter: 20, lockAfter: Infinity, maxDelaySeconds: 900 },
  baseDelaySeconds: 30,
  windowHours: 24,
} as const;

export const userKey = (username: string) => `user:${username}`;
export const addressKey = (address: string) => `addr:${address}`;

/** Refuses when the name is locked or the name or address is in a delay. */
export async function assertLoginAllowed(ex: Executor, username: string, address: string | undefined, now: Date): Promise<void> {
  const keys = [userKey(username), ...(address ? [addressKey(address)] : [])];
  const states = await getThrottles(ex, keys);
  if (states.some((s) => s.key === keys[0] && s.lockedAt)) throw new HezuoError('ACCOUNT_LOCKED');
  const until = Math.max(0, ...states.map((s) => s.blockedUntil?.getTime() ?? 0));
  if (until > now.getTime()) {
    const retryAfter = Math.ceil((until - now.getTime()) / 1000);
    throw new HezuoError('LOGIN_THROTTLED', [
      detail('', `请在 ${retryAfter} 秒后再试`, `Try again in ${retryAfter} s`, { params: { retryAfter } }),
    ]);
  }
}

/** Counts a failed login; true when it just locked the name. */
export async function recordLoginFailure(
  ex: Executor,
  username: string,
  address: string | undefined,
  now: Date,
): Promise<{ lockedNow: boolean }> {
  const windowStart = new Date(now.getTime() - LOGIN_POLICY.windowHours * 3600_000);
  let lockedNow = false;
  const targets: [string, (typeof LOGIN_POLICY)['user' | 'address']][] = [[userKey(username), LOGIN_POLICY.user]];
  if (address) targets.push([addressKey(address), LOGIN_POLICY.address]);
  for (const [key, policy] of targets) {
    const { failures, lockedAt } = await countFailure(ex, key, now, windowStart);
    const over = failures - policy.throttleAfter;
    const delay = over < 0 ? 0 : Math.min(policy.maxDelaySeconds, LOGIN_POLICY.baseDelaySeconds * 2 ** Math.min(over, 30));
    const lock = failures >= policy.lockAfter && !lockedAt;
    if (lock) lockedNow = true;
    if (delay || lock) await setBlock(ex, key, delay ? new Date(now.getTime() + delay * 1000) : null, lock ? now : null);
  }
  return { lockedNow };
}

export const clearLoginFailures = (ex: Executor, username: string) => clearThrottle(ex, userKey(username));

export async function purgeLoginFailures(ex: Executor, now: Date): Promise<void> {
  await purgeThrottles(ex, new Date(now.getTime() - LOGIN_POLICY.windowHours * 3600_000), now);
}
