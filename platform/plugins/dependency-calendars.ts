// Calendars a plugin reads from the plugins it declares in `dependencies` (e.g. a shared working-day calendar).
// On the server they are looked up through the installed plugins when a rule runs, so upgrading the dependency
// (a new year's holidays) reaches every dependent at once without recompiling it. The browser, which builds forms
// from files, gets the dependencies' current calendars beside the plugin's own files under a name no plugin file
// can have. Browser-safe: no Node imports.
import type { Calendar, CalendarLookup } from '../rules';
import type { PluginManifest } from './types';

/** The installed plugin (its active version) with this id, or undefined. */
export type DependencyLookup = (id: string) => { readonly calendars: ReadonlyMap<string, Calendar> } | undefined;

/** A file name outside the plugin path pattern (read-folder.ts SAFE_PATH): never a plugin's own file. */
export const DEPENDENCY_CALENDARS_FILE = '@dependencies/calendars.json';

/** A calendar id looked up in the declared dependencies, in their order, at the moment of the call. */
export function dependencyCalendars(manifest: Pick<PluginManifest, 'dependencies'>, lookup: DependencyLookup): CalendarLookup {
  const ids = (manifest.dependencies ?? []).map((d) => d.id);
  return (calendarId) => {
    for (const id of ids) {
      const c = lookup(id)?.calendars.get(calendarId);
      if (c) return c;
    }
    return undefined;
  };
}

/** The dependencies' calendars, by id, as a payload the browser reads back with `calendarsFromFiles`. */
export function dependencyCalendarsFile(manifest: Pick<PluginManifest, 'dependencies'>, lookup: DependencyLookup): Record<string, Calendar> {
  const out: Record<string, Calendar> = {};
  for (const d of [...(manifest.dependencies ?? [])].reverse()) {
    for (const [id, c] of lookup(d.id)?.calendars ?? []) out[id] = c; // reversed: the first dependency wins, as on the server
  }
  return out;
}

/** The lookup over the calendars the server sent beside a plugin's files (none: an empty lookup). */
export function calendarsFromFiles(files: Readonly<Record<string, unknown>>): CalendarLookup {
  const sent = files[DEPENDENCY_CALENDARS_FILE] as Record<string, Calendar> | undefined;
  return (id) => (sent && Object.prototype.hasOwnProperty.call(sent, id) ? sent[id] : undefined);
}

/** The files sent to the browser, with the dependencies' calendars beside them when the plugin declares any. */
export function withDependencyCalendars(
  files: Readonly<Record<string, unknown>>,
  manifest: Pick<PluginManifest, 'dependencies'>,
  lookup: DependencyLookup,
): Readonly<Record<string, unknown>> {
  if (!manifest.dependencies?.length) return files;
  return { ...files, [DEPENDENCY_CALENDARS_FILE]: dependencyCalendarsFile(manifest, lookup) };
}
