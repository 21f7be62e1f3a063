// What every service call needs, passed in explicitly: the database, the plugins, and the clock.
import type { Db } from './store/schema';
import type { PluginRegistry } from './plugins/registry';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface PlatformContext {
  db: Db;
  registry: PluginRegistry;
  clock: Clock;
  /** IANA zone that decides what "today" is for deadlines and dates in rules. */
  timeZone: string;
  /** Minutes of no use after which a session ends; 30 when absent. */
  sessionIdleMinutes?: number;
  /** Fingerprints of the pack publishers this server trusts (HEZUO_TRUSTED_KEYS); none when absent. */
  trustedPublishers?: readonly string[];
}

/** The calendar date of an instant in the platform's zone, as YYYY-MM-DD. */
export function dayOf(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export const today = (ctx: PlatformContext) => dayOf(ctx.clock.now(), ctx.timeZone);
