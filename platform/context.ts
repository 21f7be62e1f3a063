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

// One formatter per zone: building an Intl.DateTimeFormat costs more than formatting with it, and a create asks
// for today several times (3–4 % of a create's CPU time in a profile of the API bench).
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in the platform's zone, as YYYY-MM-DD. */
export function dayOf(instant: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant);
}

export const today = (ctx: PlatformContext) => dayOf(ctx.clock.now(), ctx.timeZone);
