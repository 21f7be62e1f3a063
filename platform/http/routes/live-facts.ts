// The facts only the server has, for the browser's live rule panel (platform/records/live-facts.ts). A POST because
// the form data travels in the body; it reads and changes nothing.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { liveFacts, type LiveFactsRequest } from '../../records/live-facts';
import { SECURED, responses } from '../schemas/common';
import { liveFactsBody, liveFactsResponse } from '../schemas/live-facts';

export function liveFactsRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.post(
    '/api/live-facts',
    {
      schema: {
        tags: ['records'],
        security: SECURED,
        operationId: 'liveFacts',
        body: liveFactsBody,
        response: responses({ 200: liveFactsResponse }, [400, 401, 404]),
        summary:
          "What a record's rules read of other records — referenced records (refs.<pointer>) and the form's earlier records (earlier) — as the user may see them, for live rules while typing. Changes nothing.",
      },
    },
    async (req) => liveFacts(ctx, req.principal, req.body as LiveFactsRequest),
  );
}
