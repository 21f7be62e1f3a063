// Serves the web app's production build (web/dist) when it exists; the API works without it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../boot/config';

/** Paths the app's catch-all must not answer with its page: an unknown API or docs path is a JSON 404. */
const NOT_THE_APP = /^\/(api|docs)(\/|$|\?)/;

export async function serveWeb(app: FastifyInstance, dist = path.join(REPO_ROOT, 'web/dist')): Promise<void> {
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>Hezuo</title><h1>合作 Hezuo</h1><p>API: <a href="/docs">/docs</a></p>'),
    );
    return;
  }
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false });
  app.get('/*', async (req, reply) => {
    if (NOT_THE_APP.test(req.url)) return reply.callNotFound();
    return reply.type('text/html; charset=utf-8').send(await readFile(index));
  });
}
