// The record picker of an x-ref field (platform/records/ref-options.ts). Reads and changes nothing.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { refOptions, type RefOptionsQuery } from '../../records/ref-options';
import { SECURED, pluginFormParams, responses } from '../schemas/common';
import { refOptionsQuery, refOptionsResponse } from '../schemas/ref-options';

export function refOptionsRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.get(
    '/api/plugins/:plugin/forms/:form/ref-options',
    {
      schema: {
        tags: ['records'],
        security: SECURED,
        operationId: 'refOptions',
        params: pluginFormParams,
        querystring: refOptionsQuery,
        response: responses({ 200: refOptionsResponse }, [400, 401, 404]),
        summary:
          "The records an x-ref field may name for this user (its reach: the user's units and below, with reach ancestors the units above them, with reach region also anywhere within the plugin's regions), at most 50, found by title (q) or by id (ids): each {id, title, unit} only",
      },
    },
    async (req) => {
      const { plugin, form } = req.params as { plugin: string; form: string };
      return refOptions(ctx, req.principal, plugin, form, req.query as RefOptionsQuery);
    },
  );
}
