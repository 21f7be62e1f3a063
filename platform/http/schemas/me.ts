// The caller's own work: to-dos, 我的申报 and in-app messages (platform/messages).
import { dateTime, localText } from './common';
import { recordSummary } from './records';
import { DEFAULT_PAGE, MAX_PAGE } from '../../records/record-query';
import { MAX_READ_IDS, MESSAGES_MAX_PAGE, MESSAGES_PAGE } from '../../messages/message-service';

const str = { type: 'string' } as const;
const textOrNull = { anyOf: [localText, { type: 'null' }] } as const;
const titled = {
  type: 'object',
  additionalProperties: false,
  properties: { id: str, title: textOrNull },
  required: ['id', 'title'],
} as const;

export const todoList = {
  type: 'object',
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          plugin: str,
          pluginTitle: localText,
          form: str,
          formTitle: localText,
          state: str,
          stateTitle: textOrNull,
          count: { type: 'integer', description: 'Records in this state on which the caller may take a step now' },
          transitions: {
            type: 'array',
            items: { type: 'object', additionalProperties: false, properties: { id: str, title: localText }, required: ['id', 'title'] },
          },
        },
        required: ['plugin', 'pluginTitle', 'form', 'formTitle', 'state', 'stateTitle', 'count', 'transitions'],
      },
    },
    total: { type: 'integer', description: 'The sum of the counts' },
  },
  required: ['items', 'total'],
} as const;

export const myRecordsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: { type: 'string', maxLength: 1000, description: 'Comma-separated states' },
    limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, description: `Page size, 1–${MAX_PAGE} (default ${DEFAULT_PAGE})` },
    offset: { type: 'integer', minimum: 0 },
  },
} as const;

const lastComment = {
  type: ['object', 'null'],
  additionalProperties: false,
  description: 'The last comment someone other than the author wrote on the record (a return, a decision)',
  properties: { comment: str, at: dateTime, actor: { type: ['string', 'null'] }, transition: { type: ['string', 'null'] } },
  required: ['comment', 'at', 'actor', 'transition'],
} as const;

export const myRecordsPage = {
  type: 'object',
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        ...recordSummary,
        properties: { ...recordSummary.properties, lastComment },
        required: [...recordSummary.required, 'lastComment'],
      },
    },
    total: { type: 'integer' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  },
  required: ['items', 'total', 'limit', 'offset'],
} as const;

export const messagesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    unread: { type: 'boolean', description: 'Only unread messages' },
    limit: { type: 'integer', minimum: 1, maximum: MESSAGES_MAX_PAGE, description: `Page size (default ${MESSAGES_PAGE})` },
    offset: { type: 'integer', minimum: 0 },
  },
} as const;

export const messagePage = {
  type: 'object',
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: str,
          kind: {
            type: 'string',
            enum: ['returned', 'reached'],
            description: 'returned: sent back to its first state; reached: a state that notifies (a decision)',
          },
          read: { type: 'boolean' },
          createdAt: dateTime,
          comment: { type: ['string', 'null'] },
          actor: { type: ['string', 'null'], description: 'Who took the step' },
          record: {
            type: 'object',
            additionalProperties: false,
            properties: { id: str, plugin: str, form: str, formTitle: textOrNull, subject: { type: ['string', 'null'] } },
            required: ['id', 'plugin', 'form', 'formTitle', 'subject'],
          },
          transition: titled,
          fromState: titled,
          toState: titled,
        },
        required: ['id', 'kind', 'read', 'createdAt', 'comment', 'actor', 'record', 'transition', 'fromState', 'toState'],
      },
    },
    total: { type: 'integer' },
    unread: { type: 'integer', description: "All the caller's unread messages" },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  },
  required: ['items', 'total', 'unread', 'limit', 'offset'],
} as const;

export const readMessagesBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ids: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_READ_IDS,
      items: { type: 'string', pattern: '^[0-9]{1,18}$' },
      description: 'Message ids to mark read',
    },
    all: { type: 'boolean', description: "true: mark all the caller's messages read" },
  },
} as const;

export const readMessagesResult = {
  type: 'object',
  additionalProperties: false,
  properties: { marked: { type: 'integer' }, unread: { type: 'integer' } },
  required: ['marked', 'unread'],
} as const;
