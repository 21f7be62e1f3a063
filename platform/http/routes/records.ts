import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { createRecord, getRecordView, recordHistory, updateRecordData } from '../../records/record-service';
import { findRecords } from '../../records/list-records';
import { explainRecordRule } from '../../records/explain-record';
import { recordLinks } from '../../records/record-links';
import { transitionRecord } from '../../workflows/transition-service';
import { MAX_PAGE, parseQueueFilter } from '../../records/record-query';
import { bulkTransition, MAX_BULK_ITEMS } from '../../workflows/bulk-transitions';
import { SECURED, idParam, responses } from '../schemas/common';
import {
  recordLinksQuery,
  recordLinksResponse,
  bulkTransitionBody,
  bulkTransitionResult,
  createRecordBody,
  explainQuery,
  explanation,
  historyResponse,
  recordListQuery,
  recordPage,
  recordView,
  transitionBody,
  updateRecordBody,
} from '../schemas/records';

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const common = { tags: ['records'], security: SECURED };

export function recordRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.post(
    '/api/records',
    {
      schema: {
        ...common,
        operationId: 'createRecord',
        body: createRecordBody,
        response: responses(
          { 200: { ...recordView, description: 'A retry: the record the first create made' }, 201: recordView },
          [400, 401, 403, 404, 409, 422],
        ),
        summary:
          'Create a record (a draft). Body: {id?, plugin, form, period, orgUnitId, data}. A retry with the same id and body returns the first result (200) instead of a duplicate.',
      },
    },
    async (req, reply) => {
      const { record, created } = await createRecord(ctx, req.principal, req.body as object);
      reply.status(created ? 201 : 200);
      return record;
    },
  );

  app.get(
    '/api/records',
    {
      schema: {
        ...common,
        operationId: 'listRecords',
        querystring: recordListQuery,
        response: responses({ 200: recordPage }, [400, 401, 422]),
        summary: `Record summaries in the user's org units (no data or rule results: GET /api/records/:id has those). Query: plugin, form, period, state (comma-separated), orgUnitId (and below), minScore, maxScore (over results.score.total), q (text in subject or subject title), sort (updated|score), columns (declared list columns), limit (at most ${MAX_PAGE}), offset`,
      },
    },
    async (req) => {
      const q = req.query as Record<string, unknown>;
      return findRecords(ctx, req.principal, {
        plugin: str(q.plugin),
        form: str(q.form),
        period: str(q.period),
        state: str(q.state),
        orgUnitId: str(q.orgUnitId),
        limit: q.limit as number | undefined,
        offset: q.offset as number | undefined,
        columns: typeof q.columns === 'string' ? q.columns : undefined,
        ...parseQueueFilter(q),
      });
    },
  );

  app.post(
    '/api/records/bulk-transitions',
    {
      schema: {
        ...common,
        operationId: 'bulkTransition',
        body: bulkTransitionBody,
        response: responses({ 200: bulkTransitionResult }, [400, 401]),
        summary: `Take one step on several records. Body: {transition, comment?, items: [{id, revision}]} (at most ${MAX_BULK_ITEMS}). Each item is its own transaction: the answer lists per item {id, ok, state?, revision?, error?}; a failed item changed nothing`,
      },
    },
    async (req) => bulkTransition(ctx, req.principal, req.body as object),
  );

  app.get(
    '/api/records/:id',
    {
      schema: {
        ...common,
        operationId: 'getRecord',
        params: idParam,
        response: responses({ 200: recordView }, [400, 401, 404]),
        summary: 'One record with its rule results and the steps the user may take',
      },
    },
    async (req) => getRecordView(ctx, req.principal, (req.params as { id: string }).id),
  );

  app.put(
    '/api/records/:id',
    {
      schema: {
        ...common,
        operationId: 'updateRecord',
        params: idParam,
        body: updateRecordBody,
        response: responses({ 200: recordView }, [400, 401, 403, 404, 409, 422]),
        summary:
          'Edit the data of a record in an editable state. Body: {revision, data, overrides?}; a stale revision gets 409 and changes nothing',
      },
    },
    async (req) => updateRecordData(ctx, req.principal, (req.params as { id: string }).id, req.body as object),
  );

  app.post(
    '/api/records/:id/transitions',
    {
      schema: {
        ...common,
        operationId: 'transitionRecord',
        params: idParam,
        body: transitionBody,
        response: responses({ 200: recordView }, [400, 401, 403, 404, 409, 422]),
        summary: 'Take a workflow step. Body: {revision, transition, comment?}',
      },
    },
    async (req) => transitionRecord(ctx, req.principal, (req.params as { id: string }).id, req.body as object),
  );

  app.get(
    '/api/records/:id/history',
    {
      schema: {
        ...common,
        operationId: 'recordHistory',
        params: idParam,
        response: responses({ 200: historyResponse }, [400, 401, 404]),
        summary: 'Every change of the record: who, when, what, from which plugin version',
      },
    },
    async (req) => ({ events: await recordHistory(ctx, req.principal, (req.params as { id: string }).id) }),
  );

  app.get(
    '/api/records/:id/explain',
    {
      schema: {
        ...common,
        operationId: 'explainRecordRule',
        params: idParam,
        querystring: explainQuery,
        response: responses({ 200: explanation }, [400, 401, 404, 422]),
        summary:
          'Why a rule’s outcome on this record is what it is: the rule run again in trace mode over the record and the facts it read (parameters, referenced records, marks, follow-ups), each node’s value by its path; masked fields stay masked',
      },
    },
    async (req) => explainRecordRule(ctx, req.principal, (req.params as { id: string }).id, (req.query as { rule: string }).rule),
  );

  app.get(
    '/api/records/:id/links',
    {
      schema: {
        ...common,
        operationId: 'recordLinks',
        params: idParam,
        querystring: recordLinksQuery,
        response: responses({ 200: recordLinksResponse }, [400, 401, 404]),
        summary:
          'The records of another form naming this record, counted on a date (?on=YYYY-MM-DD, default today) within the user’s units, and the status the form shows from them; computed on every read, nothing stored',
      },
    },
    async (req) => recordLinks(ctx, req.principal, (req.params as { id: string }).id, req.query as { on?: string }),
  );
}
