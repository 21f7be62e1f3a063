import type { FastifyInstance } from 'fastify';
import { ERRORS } from '../../errors';
import { PLATFORM_VERSION } from '../../version';
import { PUBLIC, responses } from '../schemas/common';
import { errorCatalogue, health } from '../schemas/meta';

export function metaRoutes(app: FastifyInstance) {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        operationId: 'health',
        tags: ['meta'],
        security: PUBLIC,
        summary: 'Liveness and the platform version',
        response: responses({ 200: health }),
      },
    },
    async () => ({ ok: true, version: PLATFORM_VERSION }),
  );
  app.get(
    '/api/errors',
    {
      config: { public: true },
      schema: {
        operationId: 'listErrors',
        tags: ['meta'],
        security: PUBLIC,
        response: responses({ 200: errorCatalogue }),
        summary: 'The error catalogue: every code with its HTTP status, messages and meaning',
      },
    },
    async () => ({
      errors: Object.entries(ERRORS).map(([code, d]) => ({ code, status: d.status, message: d.message, description: d.description })),
    }),
  );
}
