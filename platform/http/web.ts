// Serves the web app's production build (web/dist) when it exists; the API works without it.
// Assets go out pre-compressed (the .br/.gz copies web/build/precompress.ts writes at build time) and cached by
// what they are: hashed files under assets/ never change under their name, so a browser keeps them a year without
// asking; index.html names the current hashes, so it is revalidated every time.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../boot/config';

/** Paths the app's catch-all must not answer with its page: an unknown API or docs path is a JSON 404. */
const NOT_THE_APP = /^\/(api|docs)(\/|$|\?)/;
/** A missing hashed asset (an old build's chunk) is a 404, not the app's page served as JavaScript. */
const ASSET = /^\/assets\//;

export const CACHE = {
  immutable: 'public, max-age=31536000, immutable',
  revalidate: 'no-cache',
  /** robots.txt, the favicon: unhashed but rarely changed. */
  day: 'public, max-age=86400',
} as const;

/** Cache-Control for a file of the build, by its path relative to the build folder (a .br/.gz copy as its original). */
export function cacheControlOf(relative: string): string {
  const file = relative
    .split(path.sep)
    .join('/')
    .replace(/\.(br|gz)$/, '');
  if (file.startsWith('assets/')) return CACHE.immutable;
  if (file.endsWith('.html')) return CACHE.revalidate;
  return CACHE.day;
}

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
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    wildcard: false,
    preCompressed: true,
    // Our own Cache-Control below; send's default (max-age=0) would override it.
    cacheControl: false,
    // Vite's manifest (.vite/) is for the bench, not for browsers.
    dotfiles: 'deny',
    setHeaders: (res, file) => {
      res.setHeader('Cache-Control', cacheControlOf(path.relative(dist, file)));
    },
  });
  // Browsers ask for /favicon.ico by habit; the icon is an SVG (index.html links it).
  if (!existsSync(path.join(dist, 'favicon.ico')))
    app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) =>
      reply.header('Cache-Control', CACHE.day).redirect('/favicon.svg', 301),
    );
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    if (NOT_THE_APP.test(req.url) || ASSET.test(req.url)) return reply.callNotFound();
    return reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', CACHE.revalidate)
      .send(await readFile(index));
  });
}
