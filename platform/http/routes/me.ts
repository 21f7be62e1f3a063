// The caller's own work over HTTP: to-dos, 我的申报 and in-app messages. The engine decides; this only translates.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { myTodos } from '../../messages/todos';
import { myRecords } from '../../messages/my-records';
import { myMessages, readMessages } from '../../messages/message-service';
import { SECURED, responses } from '../schemas/common';
import { messagePage, messagesQuery, myRecordsPage, myRecordsQuery, readMessagesBody, readMessagesResult, todoList } from '../schemas/me';

const common = { tags: ['me'], security: SECURED };

export function meRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.get(
    '/api/me/todos',
    {
      schema: {
        ...common,
        operationId: 'myTodos',
        response: responses({ 200: todoList }, [401]),
        summary:
          "Per form and state, how many records in the caller's units wait for a step the caller may take now (first and final states excluded)",
      },
    },
    async (req) => myTodos(ctx, req.principal),
  );
  app.get(
    '/api/me/records',
    {
      schema: {
        ...common,
        operationId: 'myRecords',
        querystring: myRecordsQuery,
        response: responses({ 200: myRecordsPage }, [400, 401]),
        summary: 'The records the caller created, newest first, with the state and the last reviewer comment (我的申报)',
      },
    },
    async (req) => myRecords(ctx, req.principal, req.query as { limit?: number; offset?: number; state?: string }),
  );
  app.get(
    '/api/me/messages',
    {
      schema: {
        ...common,
        operationId: 'myMessages',
        querystring: messagesQuery,
        response: responses({ 200: messagePage }, [400, 401]),
        summary: "The caller's in-app messages, newest first (a record returned or decided), with the unread count",
      },
    },
    async (req) => myMessages(ctx, req.principal, req.query as { limit?: number; offset?: number; unread?: boolean }),
  );
  app.post(
    '/api/me/messages/read',
    {
      schema: {
        ...common,
        operationId: 'readMessages',
        body: readMessagesBody,
        response: responses({ 200: readMessagesResult }, [400, 401]),
        summary: "Mark messages read: {ids} or {all: true}; ids of other users' messages change nothing",
      },
    },
    async (req) => readMessages(ctx, req.principal, req.body as { ids?: string[]; all?: boolean }),
  );
}
