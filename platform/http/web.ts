// Serves the web app's production build (web/dist) when it exists; the API works without it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../boot/config';

export async function serveWeb(app: FastifyInstance): Promise<void> {
  const dist = path.join(REPO_ROOT, 'web/dist');
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) {
    app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(
      '<!doctype html><meta charset="utf-8"><title>Hezuo</title><h1>合作 Hezuo</h1><p>API: <a href="/docs">/docs</a></p>'));
    return;
  }
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false });
  app.get('/*', async (_req, reply) => reply.type('text/html; charset=utf-8').send(await readFile(index)));
}
