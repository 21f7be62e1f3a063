// Follow-ups of a record over HTTP: the list, and the three steps on one item. The engine decides; this only
// translates.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { recordFollowUps, stepFollowUp } from '../../follow-ups/follow-up-service';
import type { FollowUpAction, StepRequest } from '../../follow-ups/plan-follow-ups';
import { SECURED, idParam, responses } from '../schemas/common';
import { followUpList, followUpParams, followUpStepBody, followUpStepResult } from '../schemas/follow-ups';

const common = { tags: ['follow-ups'], security: SECURED };

const SUMMARIES: Record<FollowUpAction, string> = {
  rectify:
    'Mark a follow-up item rectified. Body: {revision, rectifiedOn (≤ today), note?, evidence? (attachment ids uploaded with field "#followUp")}',
  confirm: 'Confirm a rectified item (the declared confirm role and level). Body: {revision}',
  reopen: 'Reopen a rectified or confirmed item (the declared confirm role and level). Body: {revision, comment}',
};

export function followUpRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.get(
    '/api/records/:id/follow-ups',
    {
      schema: {
        ...common,
        operationId: 'recordFollowUps',
        params: idParam,
        response: responses({ 200: followUpList }, [400, 401, 404]),
        summary: 'The follow-up items of a record (status, deadline, overdue), their counts, and which steps the user may take',
      },
    },
    async (req) => recordFollowUps(ctx, req.principal, (req.params as { id: string }).id),
  );
  for (const action of ['rectify', 'confirm', 'reopen'] as const) {
    app.post(
      `/api/records/:id/follow-ups/:followUpId/${action}`,
      {
        schema: {
          ...common,
          operationId: `${action}FollowUp`,
          params: followUpParams,
          body: followUpStepBody,
          response: responses({ 200: followUpStepResult }, [400, 401, 403, 404, 409, 422]),
          summary: SUMMARIES[action],
        },
      },
      async (req) => {
        const p = req.params as { id: string; followUpId: string };
        return stepFollowUp(ctx, req.principal, p.id, p.followUpId, action, req.body as StepRequest);
      },
    );
  }
}
