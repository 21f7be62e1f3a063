// SQL for what a report reads of a record's history and of working days: `entered.<state>` (the day the record
// first entered a state, from its audit events) and `workdays_between` (working days in (from, to] on a calendar
// whose dates are bound as arrays on each run). Both are plain SQL per row: no row goes through JavaScript.
import { sql, type RawBuilder } from 'kysely';
import type { RunCalendar } from '../reports/types';

type Sql = RawBuilder<unknown>;

/** Used when a caller gives no time zone (the platform's default, platform/boot/config.ts). */
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * The day, in the platform's time zone, of the first audit event that put the record (`r`) into `state`: its
 * creation in that state or a workflow step into it (audit_events_record indexes the record's events). A record
 * that went through the state and left it keeps the day; one that never reached it reads null.
 */
export function enteredSql(state: string, timeZone: string | undefined): Sql {
  return sql`(select to_char(min(e.at) at time zone ${timeZone ?? DEFAULT_TIME_ZONE}::text, 'YYYY-MM-DD')
    from audit_events e where e.record_id = r.id and e.to_state = ${state}::text)`;
}

/**
 * The record's state at the end of `day` (platform time zone): the state its last event on or before that day put it
 * in, in the order the events were written; null when the record had no state yet (or `day` is not a date).
 */
export function stateOnSql(day: Sql, timeZone: string | undefined): Sql {
  return sql`(select e.to_state from audit_events e where e.record_id = r.id and e.to_state is not null
    and (e.at at time zone ${timeZone ?? DEFAULT_TIME_ZONE}::text)::date <= ${dateOf(day)} order by e.id desc limit 1)`;
}

/**
 * A text read as a date only when it is a real calendar day `YYYY-MM-DD` (2024-02-30 is not): anything else is null,
 * as the rules' date operations read it, so no record's value can make the statement fail.
 */
function dateOf(x: Sql): Sql {
  return sql`(case when ${x} ~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
    and substr(${x}, 9, 2)::int <= extract(day from date_trunc('month', (substr(${x}, 1, 7) || '-01')::date) + interval '1 month - 1 day')
    then ${x}::date end)`;
}

/**
 * Working days in (from, to] — negative, the count in (to, from], when `to` is earlier — as the rules'
 * `workdays_between` (platform/rules/calendar.ts countWorkdays): Monday to Friday unless a holiday, plus the listed
 * make-up working days; null when a date is not one, or when any year from one to the other is not in the calendar.
 */
export function workdaysSql(from: Sql, to: Sql, calendar: RunCalendar | undefined): Sql {
  const years = [...(calendar?.years ?? [])];
  const holidays = [...(calendar?.holidays ?? [])];
  const workdays = [...(calendar?.workdays ?? [])];
  return sql`(select case
      when w.a is null or w.b is null then null
      when exists (select 1 from generate_series(extract(year from least(w.a, w.b))::int, extract(year from greatest(w.a, w.b))::int) y
        where y <> all(${years}::int[])) then null
      else sign(w.b - w.a) * (select count(*) from generate_series(least(w.a, w.b) + 1, greatest(w.a, w.b), interval '1 day') d
        where d::date = any(${workdays}::date[]) or (extract(isodow from d) < 6 and d::date <> all(${holidays}::date[])))
    end::numeric from (select ${dateOf(from)} as a, ${dateOf(to)} as b) w)`;
}
