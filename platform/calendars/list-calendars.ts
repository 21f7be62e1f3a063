// Every working-day calendar of every installed plugin's active version, read from the plugin's files (where the
// title and source are) and grouped by year, for the admin's calendar page. Generic: any plugin's calendars.
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { requireAdmin } from '../access/principal';
import { HezuoError, detail, type LocalText } from '../errors';
import type { PluginDefinition } from '../plugins/types';

export interface CalendarFile {
  id: string;
  title: LocalText;
  source?: string;
  years: number[];
  holidays: string[];
  workdays: string[];
}

export interface CalendarYear {
  year: number;
  holidays: string[];
  workdays: string[];
}

export interface CalendarSummary {
  plugin: string;
  pluginTitle: LocalText;
  version: string;
  disabled: boolean;
  calendar: string;
  title: LocalText;
  source: string | null;
  file: string;
  years: CalendarYear[];
}

/** The calendar files of a plugin version by id, with the path each is stored under. */
export function calendarFiles(plugin: PluginDefinition): { path: string; calendar: CalendarFile }[] {
  const paths = Array.isArray(plugin.manifest.calendars) ? plugin.manifest.calendars : [];
  return paths.flatMap((path) => {
    const calendar = plugin.files[path] as CalendarFile | undefined;
    return calendar && typeof calendar.id === 'string' ? [{ path, calendar }] : [];
  });
}

/** The active version's calendar file, or CALENDAR_NOT_FOUND (a plugin not installed is not told apart). */
export function findCalendar(ctx: PlatformContext, pluginId: string, calendarId: string) {
  const plugin = ctx.registry.find(pluginId);
  const found = plugin && calendarFiles(plugin).find((c) => c.calendar.id === calendarId);
  if (!plugin || !found)
    throw new HezuoError('CALENDAR_NOT_FOUND', [
      detail('/calendar', `插件 ${pluginId} 没有日历 ${calendarId}`, `Plugin ${pluginId} has no calendar ${calendarId}`, {
        params: { plugin: pluginId, calendar: calendarId },
      }),
    ]);
  return { plugin, ...found };
}

/** Dates grouped under the listed years (a date of an unlisted year has no effect, so it is not shown). */
export function yearsOf(c: Pick<CalendarFile, 'years' | 'holidays' | 'workdays'>): CalendarYear[] {
  const of = (list: string[], y: number) => list.filter((d) => d.startsWith(`${y}-`)).sort();
  return [...c.years].sort((a, b) => a - b).map((year) => ({ year, holidays: of(c.holidays, year), workdays: of(c.workdays, year) }));
}

export function listCalendars(ctx: PlatformContext, principal: Principal): { calendars: CalendarSummary[] } {
  requireAdmin(principal);
  const plugins = [...ctx.registry.active()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const calendars = plugins.flatMap((p) =>
    calendarFiles(p).map(({ path, calendar }) => ({
      plugin: p.id,
      pluginTitle: p.manifest.title,
      version: p.version,
      disabled: ctx.registry.isDisabled(p.id),
      calendar: calendar.id,
      title: calendar.title,
      source: calendar.source ?? null,
      file: path,
      years: yearsOf(calendar),
    })),
  );
  return { calendars };
}
