// The admin's working-day calendars (issue 13): every installed plugin's calendars by year, and adding a year of
// holidays and make-up working days, published as the plugin's next patch version (platform/calendars).
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { addCalendarYear, type AddYearBody } from '../../calendars/add-calendar-year';
import { listCalendars } from '../../calendars/list-calendars';
import { SECURED, responses } from '../schemas/common';
import { addedYear, addYearBody, calendarList, calendarParams } from '../schemas/calendars';

const common = { tags: ['calendars'], security: SECURED };

export function calendarRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.get(
    '/api/calendars',
    {
      schema: {
        ...common,
        operationId: 'listCalendars',
        response: responses({ 200: calendarList }, [401, 403]),
        summary:
          "Every working-day calendar of every installed plugin's active version, with each listed year's holidays and make-up working days (admin)",
      },
    },
    async (req) => listCalendars(ctx, req.principal),
  );

  app.post(
    '/api/calendars/:plugin/:calendar/years',
    {
      schema: {
        ...common,
        operationId: 'addCalendarYear',
        params: calendarParams,
        body: addYearBody,
        response: responses({ 200: addedYear }, [400, 401, 403, 404, 409, 422]),
        summary:
          "Add a year to a plugin's calendar (admin): published as the plugin's next patch version through the pack install (live at once, audited as plugin.publish with the calendar, year, counts and reason). CALENDAR_YEAR_INVALID at each bad entry's pointer, CALENDAR_YEAR_EXISTS without replace, STALE_REVISION when another version is active; nothing changes then",
      },
    },
    async (req) => {
      const p = req.params as { plugin: string; calendar: string };
      return addCalendarYear(ctx, req.principal, p.plugin, p.calendar, req.body as AddYearBody, req.ip);
    },
  );
}
