// The calendars a draft's plugin reads from its declared dependencies (e.g. the shared working-day calendar), for
// the live preview: the server sends them beside an installed plugin's files, but a draft is only its own files, so
// the preview fetches each installed dependency (its active version, as rules on the server would read) and passes
// their calendars under the name the platform's form builder reads them from. The first dependency wins, as on the
// server. A dependency not installed gives nothing: the preview then names the unknown calendar, as a check would.
import { useEffect, useState } from 'react';
import { DEPENDENCY_CALENDARS_FILE } from '../../../platform/plugins/dependency-calendars';
import { loadPlugin } from '../plugin';

type Calendars = Record<string, unknown>;
const NONE: Calendars = {};

function dependencyIds(values: Record<string, unknown>): string[] {
  const deps = (values['plugin.json'] as { dependencies?: unknown } | undefined)?.dependencies;
  if (!Array.isArray(deps)) return [];
  return deps.flatMap((d) =>
    d && typeof d === 'object' && typeof (d as { id?: unknown }).id === 'string' ? [(d as { id: string }).id] : [],
  );
}

async function calendarsOf(id: string): Promise<Calendars> {
  const { files } = await loadPlugin(id);
  const listed = (files['plugin.json'] as { calendars?: unknown } | undefined)?.calendars;
  const out: Calendars = {};
  for (const path of Array.isArray(listed) ? listed : []) {
    const c = typeof path === 'string' ? (files[path] as { id?: unknown } | undefined) : undefined;
    if (c && typeof c.id === 'string') out[c.id] = c;
  }
  return out;
}

/** The extra file for the form builder: `{ [DEPENDENCY_CALENDARS_FILE]: calendars }`, or {} without dependencies. */
export function useDependencyCalendars(values: Record<string, unknown>): Record<string, unknown> {
  const key = dependencyIds(values).join('\n');
  const [calendars, setCalendars] = useState<Calendars>(NONE);
  useEffect(() => {
    const ids = key ? key.split('\n') : [];
    let live = true;
    Promise.all(ids.map((id) => calendarsOf(id).catch(() => NONE))).then((each) => {
      if (live) setCalendars(Object.assign({}, ...[...each].reverse()));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return key ? { [DEPENDENCY_CALENDARS_FILE]: calendars } : NONE;
}
