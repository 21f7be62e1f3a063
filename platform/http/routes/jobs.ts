// Background jobs over HTTP: the job runner of this server (started with it, drained when it closes, and
// resuming the jobs of a stopped process) and GET /api/jobs/:id to follow one.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { principalFor } from '../session';
import { createJobRunner, type JobRunner } from '../../jobs/job-runner';
import { viewJob } from '../../jobs/job-view';
import { RECOMPUTE_JOB, recomputeJobHandler } from '../../parameters/recompute-job';

const localText = { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } } as const;
const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;

/** The refusal shape every route answers with. */
export const errorEnvelope = {
  type: 'object', required: ['error'],
  properties: {
    error: {
      type: 'object', required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string' }, message: localText,
        details: {
          type: 'array',
          items: {
            type: 'object', required: ['pointer', 'message'],
            properties: {
              pointer: { type: 'string' }, message: localText, keyword: { type: 'string' }, schemaPath: { type: 'string' }, code: { type: 'string' },
              params: { type: 'object', additionalProperties: true },
            },
          },
        },
      },
    },
  },
} as const;

export const jobSchema = {
  type: 'object',
  required: ['id', 'kind', 'plugin', 'state', 'total', 'done', 'changed', 'unchanged', 'failed', 'failedRecords', 'input', 'supersededBy', 'failure', 'createdAt', 'startedAt', 'finishedAt'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', description: 'parameters.recompute: the rule results of open records follow a parameter change' },
    plugin: { type: ['string', 'null'] },
    state: { type: 'string', enum: ['queued', 'running', 'done', 'failed', 'superseded'], description: 'superseded: a newer job of the same kind and plugin does its work' },
    total: { type: 'integer', description: 'Records to look at (grows if records join meanwhile)' },
    done: { type: 'integer', description: 'Records looked at so far' },
    changed: { type: 'integer', description: 'Records whose results changed: a new revision and an audit event each' },
    unchanged: { type: 'integer', description: 'Records whose results stayed the same: untouched, same revision' },
    failed: { type: 'integer', description: 'Records that could not be evaluated; they keep their results' },
    failedRecords: { type: 'array', description: 'The first of them', items: { type: 'object', required: ['id', 'code'], properties: { id: { type: 'string' }, code: { type: 'string' } } } },
    input: { type: 'object', additionalProperties: true, description: 'What the job is for, e.g. {revision, changes: [{name, from, to}]}' },
    supersededBy: { type: ['string', 'null'] },
    failure: { type: ['object', 'null'], additionalProperties: true, description: 'The refusal of a failed job: {code, message, details}' },
    createdAt: { type: 'string', format: 'date-time' },
    startedAt: nullableTime,
    finishedAt: nullableTime,
  },
} as const;

/** PUT /api/plugins/:plugin/parameters answers 202 with this: the values are in force, the job follows. */
export const parametersAccepted = {
  type: 'object', required: ['values', 'revision', 'jobId'],
  properties: { values: { type: 'object', additionalProperties: true }, revision: { type: 'integer' }, jobId: { type: 'string' } },
} as const;

export function jobRoutes(app: FastifyInstance, ctx: PlatformContext) {
  const log = (msg: string, err?: unknown) => (err ? app.log.error({ err }, msg) : app.log.info(msg));
  const jobs = createJobRunner(ctx, { [RECOMPUTE_JOB]: recomputeJobHandler(ctx, log) }, log);
  app.decorate('jobs', jobs);
  // Jobs a stopped process left open continue here (and on every heartbeat, for those that stop later).
  app.addHook('onReady', async () => { await jobs.resumeStale(); });
  app.addHook('onClose', async () => { await jobs.close(); });

  app.get('/api/jobs/:id', {
    schema: {
      tags: ['jobs'],
      summary: 'A background job: state (queued, running, done, failed, superseded), progress {total, done, changed, unchanged, failed}, started and finished',
      params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'], additionalProperties: false },
      response: { 200: jobSchema, 401: errorEnvelope, 404: errorEnvelope },
    },
  }, async (req) => {
    const p = await principalFor(ctx, req);
    return viewJob(ctx, p, (req.params as { id: string }).id);
  });
}

declare module 'fastify' {
  interface FastifyInstance { jobs: JobRunner }
}
