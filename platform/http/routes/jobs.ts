// Background jobs over HTTP: the job runner of this server (started with it, drained when it closes, and
// resuming the jobs of a stopped process) and GET /api/jobs/:id to follow one.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { SECURED, idParam, responses } from '../schemas/common';
import { jobView } from '../schemas/jobs';
import { createJobRunner, type JobRunner } from '../../jobs/job-runner';
import { viewJob } from '../../jobs/job-view';
import { RECOMPUTE_JOB, recomputeJobHandler } from '../../parameters/recompute-job';

export function jobRoutes(app: FastifyInstance, ctx: PlatformContext) {
  const log = (msg: string, err?: unknown) => (err ? app.log.error({ err }, msg) : app.log.info(msg));
  const jobs = createJobRunner(ctx, { [RECOMPUTE_JOB]: recomputeJobHandler(ctx, log) }, log);
  app.decorate('jobs', jobs);
  // Jobs a stopped process left open continue here (and on every heartbeat, for those that stop later).
  app.addHook('onReady', async () => {
    await jobs.resumeStale();
  });
  app.addHook('onClose', async () => {
    await jobs.close();
  });

  app.get(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        security: SECURED,
        operationId: 'getJob',
        params: idParam,
        response: responses({ 200: jobView }, [400, 401, 404]),
        summary:
          'A background job: state (queued, running, done, failed, superseded), progress {total, done, changed, unchanged, failed}, started and finished',
      },
    },
    async (req) => viewJob(ctx, req.principal, (req.params as { id: string }).id),
  );
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobRunner;
  }
}
