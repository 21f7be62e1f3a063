// An admin extends an expired policy with a reason (platform/packs/extend-policy.ts): stored and audited before
// the answer, live for new records at once.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { requireAdmin } from '../../access/principal';
import { extendPolicy } from '../../packs/extend-policy';
import { SECURED, pluginParam, responses } from '../schemas/common';
import { extendBody, extendResult } from '../schemas/policy';

export function policyRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.post(
    '/api/plugins/:plugin/extension',
    {
      schema: {
        tags: ['plugins'],
        security: SECURED,
        operationId: 'extendPolicy',
        params: pluginParam,
        body: extendBody,
        response: responses({ 200: extendResult }, [400, 401, 403, 404]),
        summary:
          "Extend the active version's policy past its declared last day (admin), with a reason kept in the audit log; its forms take new records again until then",
      },
    },
    async (req) => {
      requireAdmin(req.principal);
      const { plugin } = req.params as { plugin: string };
      const body = req.body as { until: string; reason: string };
      return extendPolicy(ctx, req.principal, { plugin, ...body }, req.ip);
    },
  );
}
