import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { principalFor } from '../session';
import { createRecord, findRecords, getRecordView, recordHistory, updateRecordData } from '../../records/record-service';
import { transitionRecord } from '../../records/transition-service';
import { parseQueueFilter } from '../../records/record-query';
import { bulkTransition, MAX_BULK_ITEMS } from '../../records/bulk-transitions';

const idParam = { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] } as const;
const int = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function recordRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.post('/api/records', {
    schema: {
      tags: ['records'],
      summary: 'Create a record (a draft). Body: {id?, plugin, form, period, orgUnitId, data}. A retry with the same id and body returns the first result (200) instead of a duplicate.',
    },
  }, async (req, reply) => {
    const p = await principalFor(ctx, req);
    const { record, created } = await createRecord(ctx, p, (req.body ?? {}) as object);
    reply.status(created ? 201 : 200);
    return record;
  });

  app.get('/api/records', {
    schema: { tags: ['records'], summary: 'Records in the user\'s org units. Query: plugin, form, period, state (comma-separated), orgUnitId (and below), minScore, maxScore (over results.score.total), q (text in subject or subject title), sort (updated|score), limit, offset' },
  }, async (req) => {
    const p = await principalFor(ctx, req);
    const q = req.query as Record<string, unknown>;
    return findRecords(ctx, p, {
      plugin: str(q.plugin), form: str(q.form), period: str(q.period), state: str(q.state), orgUnitId: str(q.orgUnitId),
      limit: int(q.limit), offset: int(q.offset), ...parseQueueFilter(q),
    });
  });

  app.post('/api/records/bulk-transitions', {
    schema: {
      tags: ['records'],
      summary: `Take one step on several records. Body: {transition, comment?, items: [{id, revision}]} (at most ${MAX_BULK_ITEMS}). Each item is its own transaction: the answer lists per item {id, ok, state?, revision?, error?}; a failed item changed nothing`,
    },
  }, async (req) => {
    const p = await principalFor(ctx, req);
    return bulkTransition(ctx, p, (req.body ?? {}) as object);
  });

  app.get('/api/records/:id', { schema: { tags: ['records'], summary: 'One record with its rule results and the steps the user may take', params: idParam } }, async (req) => {
    const p = await principalFor(ctx, req);
    return getRecordView(ctx, p, (req.params as { id: string }).id);
  });

  app.put('/api/records/:id', {
    schema: { tags: ['records'], summary: 'Edit the data of a record in an editable state. Body: {revision, data}; a stale revision gets 409 and changes nothing', params: idParam },
  }, async (req) => {
    const p = await principalFor(ctx, req);
    return updateRecordData(ctx, p, (req.params as { id: string }).id, (req.body ?? {}) as object);
  });

  app.post('/api/records/:id/transitions', {
    schema: { tags: ['records'], summary: 'Take a workflow step. Body: {revision, transition, comment?}', params: idParam },
  }, async (req) => {
    const p = await principalFor(ctx, req);
    return transitionRecord(ctx, p, (req.params as { id: string }).id, (req.body ?? {}) as object);
  });

  app.get('/api/records/:id/history', { schema: { tags: ['records'], summary: 'Every change of the record: who, when, what, from which plugin version', params: idParam } }, async (req) => {
    const p = await principalFor(ctx, req);
    return { events: await recordHistory(ctx, p, (req.params as { id: string }).id) };
  });
}
