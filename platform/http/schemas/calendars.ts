// Shapes of the working-day calendar routes (platform/calendars): the list of every installed plugin's calendars
// and adding a year. Dates are only strings here: whether each is a date of that year is checked by
// checkCalendarYear, which answers CALENDAR_YEAR_INVALID at the entry's pointer.
import { localText } from './common';

const str = { type: 'string' } as const;
const id64 = { type: 'string', minLength: 1, maxLength: 64 } as const;
const dates = { type: 'array', items: str } as const;

export const calendarParams = {
  type: 'object',
  properties: { plugin: id64, calendar: id64 },
  required: ['plugin', 'calendar'],
  additionalProperties: false,
} as const;

const calendarYear = {
  type: 'object',
  properties: { year: { type: 'integer' }, holidays: dates, workdays: dates },
  required: ['year', 'holidays', 'workdays'],
  description: 'One listed year: its holidays and its make-up working days (调休), sorted',
} as const;

export const calendarList = {
  type: 'object',
  properties: {
    calendars: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          plugin: str,
          pluginTitle: localText,
          version: { type: 'string', description: 'The active version, which an added year continues' },
          disabled: { type: 'boolean' },
          calendar: str,
          title: localText,
          source: { anyOf: [str, { type: 'null' }] },
          file: { type: 'string', description: 'The calendar file in the plugin' },
          years: { type: 'array', items: calendarYear },
        },
        required: ['plugin', 'pluginTitle', 'version', 'disabled', 'calendar', 'title', 'source', 'file', 'years'],
      },
    },
  },
  required: ['calendars'],
} as const;

const dateInputs = {
  type: 'array',
  maxItems: 366,
  items: { type: 'string', maxLength: 32 },
} as const;

export const addYearBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: 'The plugin version the page showed; another active one is STALE_REVISION',
    },
    year: { type: 'integer', description: '1990–2100' },
    holidays: { ...dateInputs, description: 'YYYY-MM-DD, Monday–Friday days off (weekend days of a holiday may be listed too)' },
    workdays: { ...dateInputs, description: 'YYYY-MM-DD make-up working days: Saturdays or Sundays worked' },
    reason: { type: 'string', maxLength: 500, description: 'Why, for the audit log (e.g. the notice the dates come from)' },
    replace: { type: 'boolean', description: "Replace a listed year's dates instead of refusing with CALENDAR_YEAR_EXISTS" },
  },
  required: ['version', 'year', 'holidays', 'workdays'],
} as const;

export const addedYear = {
  type: 'object',
  properties: {
    plugin: str,
    calendar: str,
    version: { type: 'string', description: 'The new active version of the plugin' },
    previousVersion: str,
    year: { type: 'integer' },
    holidays: { type: 'integer', description: 'How many holidays the year has' },
    workdays: { type: 'integer', description: 'How many make-up working days the year has' },
    replaced: { type: 'boolean', description: 'The year was listed before and its dates were replaced' },
  },
  required: ['plugin', 'calendar', 'version', 'previousVersion', 'year', 'holidays', 'workdays', 'replaced'],
} as const;
