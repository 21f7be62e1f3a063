// Adding a year of holidays and make-up working days to an installed plugin's calendar (issue 13). Plugin versions
// are immutable, so the change is the plugin's next patch version with that one calendar file changed (years and
// dates sorted), built as a pack and installed through the same path as an uploaded pack: the dry run and
// fixtures again, one transaction with its audit event (plugin.publish, naming the calendar, year, counts and the
// reason), live after commit with no restart. The admin names the version they saw; another active version by then
// is STALE_REVISION and nothing changes. Records keep the version they were created on.
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { requireAdmin } from '../access/principal';
import { HezuoError, detail } from '../errors';
import { installPack, staleActiveVersion } from '../packs/install-pack';
import { textsOfStored } from '../packs/export-pack';
import { packContainer, writePack } from '../packs/write-pack';
import { MANIFEST_FILE } from '../plugins/types';
import { nextVersion } from '../studio/installed-files';
import { checkCalendarYear } from './check-calendar-year';
import { findCalendar, type CalendarFile } from './list-calendars';

export interface AddYearBody {
  /** The plugin version the admin's page showed. */
  version: string;
  year: number;
  holidays: string[];
  workdays: string[];
  reason?: string;
  /** A listed year is refused (CALENDAR_YEAR_EXISTS) unless this says to replace its dates. */
  replace?: boolean;
}

export interface AddedYear {
  plugin: string;
  calendar: string;
  version: string;
  previousVersion: string;
  year: number;
  holidays: number;
  workdays: number;
  replaced: boolean;
}

/** The calendar with `year` set to exactly the given dates, years and dates sorted. */
function withYear(cal: CalendarFile, year: number, holidays: string[], workdays: string[]): CalendarFile {
  const others = (list: string[]) => list.filter((d) => !d.startsWith(`${year}-`));
  return {
    ...cal,
    years: [...new Set([...cal.years, year])].sort((a, b) => a - b),
    holidays: [...others(cal.holidays), ...holidays].sort(),
    workdays: [...others(cal.workdays), ...workdays].sort(),
  };
}

export async function addCalendarYear(
  ctx: PlatformContext,
  principal: Principal,
  pluginId: string,
  calendarId: string,
  body: AddYearBody,
  address: string | null,
): Promise<AddedYear> {
  requireAdmin(principal);
  const { plugin, path, calendar } = findCalendar(ctx, pluginId, calendarId);
  if (body.version !== plugin.version) throw staleActiveVersion(plugin.id, body.version, plugin.version);
  const checked = checkCalendarYear(body);
  const replaced = calendar.years.includes(checked.year);
  if (replaced && !body.replace)
    throw new HezuoError('CALENDAR_YEAR_EXISTS', [
      detail('/year', `日历 ${calendarId} 已有 ${checked.year} 年`, `Calendar ${calendarId} already lists ${checked.year}`, {
        params: { year: checked.year },
      }),
    ]);

  const version = nextVersion(ctx.registry.installedVersions(plugin.id), plugin.version);
  const manifest = { ...(plugin.files[MANIFEST_FILE] as Record<string, unknown>), version };
  const files = {
    ...plugin.files,
    [path]: withYear(calendar, checked.year, checked.holidays, checked.workdays),
    [MANIFEST_FILE]: manifest,
  };
  const { platform, dependencies = [] } = plugin.manifest;
  const bytes = writePack(packContainer(textsOfStored(files), { id: plugin.id, version, platform, dependencies }));
  const reason = body.reason?.trim();
  const result = await installPack(ctx, principal, bytes, {
    address,
    expectActiveVersion: plugin.version,
    audit: {
      action: 'plugin.publish',
      details: {
        calendar: calendarId,
        file: path,
        year: checked.year,
        holidays: checked.holidays.length,
        workdays: checked.workdays.length,
        replaced,
        ...(reason ? { reason } : {}),
      },
    },
  });
  return {
    plugin: plugin.id,
    calendar: calendarId,
    version: result.plugin.version,
    previousVersion: plugin.version,
    year: checked.year,
    holidays: checked.holidays.length,
    workdays: checked.workdays.length,
    replaced,
  };
}
