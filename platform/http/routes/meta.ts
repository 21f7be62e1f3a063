import type { FastifyInstance } from 'fastify';
import { ERRORS } from '../../errors';
import { PLATFORM_VERSION } from '../../version';

export function metaRoutes(app: FastifyInstance) {
  app.get('/api/health', { schema: { tags: ['meta'], summary: 'Liveness and the platform version' } }, async () => ({ ok: true, version: PLATFORM_VERSION }));
  app.get('/api/errors', { schema: { tags: ['meta'], summary: 'The error catalogue: every code with its HTTP status, messages and meaning' } }, async () => ({
    errors: Object.entries(ERRORS).map(([code, d]) => ({ code, status: d.status, message: d.message, description: d.description })),
  }));
}
