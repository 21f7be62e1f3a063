// How the web app and the API travel to a township office: assets pre-compressed at build time (brotli or gzip as
// the browser accepts), hashed assets cached for a year, the page itself revalidated, API answers over 1 KB
// compressed, robots.txt and the favicon answered as what they are. The build here is a small stand-in folder,
// compressed by the build's own step (web/build/precompress.ts), so no Vite build is needed.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../platform/boot/config';
import { buildApp } from '../../platform/http/app';
import { serveWeb } from '../../platform/http/web';
import { precompressDir } from '../../web/build/precompress';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';

let t: TestPlatform;
let app: FastifyInstance;
let dist: string;
let token: string;
// ~6 KB of script, as Vite writes it under a content hash.
const SCRIPT = Array.from({ length: 200 }, (_, i) => `export const value${i} = ${i} * 2;`).join('\n');
const ASSET = '/assets/index-Ab12Cd34.js';

beforeAll(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), 'hezuo-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), `<!doctype html><title>Hezuo</title><script type="module" src="${ASSET}"></script>`);
  await writeFile(path.join(dist, ASSET), SCRIPT);
  await copyFile(path.join(REPO_ROOT, 'web/public/robots.txt'), path.join(dist, 'robots.txt'));
  await copyFile(path.join(REPO_ROOT, 'web/public/favicon.svg'), path.join(dist, 'favicon.svg'));
  await writeFile(path.join(dist, '.build-stamp.json'), '{"files":[],"hash":""}');
  expect(await precompressDir(dist)).toBe(1); // the script; the rest are under 1 KB
  t = await startTestPlatform();
  app = await buildApp(t.platform.ctx, { failures: t.platform.failures, webRoot: (a) => serveWeb(a, dist) });
  token = await t.login('admin');
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
  if (dist) await rm(dist, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe(`web delivery (${testBackend()})`, () => {
  it('sends a hashed asset as brotli, gzip or plain as accepted, cached a year and immutable', async () => {
    const br = await get(ASSET, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length / 3);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);

    const gz = await get(ASSET, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await get(ASSET);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('revalidates the page itself at / and at any app address; a missing asset is a 404, not the page; no stamp', async () => {
    for (const url of ['/', '/records/some-id']) {
      const r = await get(url, { 'accept-encoding': 'br' });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toMatch(/^text\/html/);
      expect(r.headers['cache-control'], url).toBe('no-cache');
    }
    expect((await get('/assets/index-Old00000.js')).statusCode).toBe(404);
    // The build's stamp (a dotfile) is not served: the address is just another app address.
    const stamp = await get('/.build-stamp.json');
    expect(stamp.headers['content-type']).toMatch(/^text\/html/);
    expect(stamp.body).not.toContain('"hash"');
  });

  it('answers robots.txt (nothing to index) and the favicon', async () => {
    const robots = await get('/robots.txt');
    expect(robots.statusCode).toBe(200);
    expect(robots.headers['content-type']).toMatch(/^text\/plain/);
    expect(robots.body).toBe('User-agent: *\nDisallow: /\n');
    const svg = await get('/favicon.svg');
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['cache-control']).toBe('public, max-age=86400');
    const ico = await get('/favicon.ico');
    expect(ico.statusCode).toBe(301);
    expect(ico.headers.location).toBe('/favicon.svg');
  });

  it('compresses API answers over 1 KB as accepted, and leaves small ones alone', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const br = await get('/api/plugins', { ...auth, 'accept-encoding': 'br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    const plugins = JSON.parse(brotliDecompressSync(br.rawPayload).toString());
    expect(plugins.plugins.map((p: { id: string }) => p.id)).toEqual(['registry-demo']);

    const gz = await get('/api/plugins', { ...auth, 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(plugins);

    expect((await get('/api/plugins', auth)).headers['content-encoding']).toBeUndefined();
    const health = await get('/api/health', { 'accept-encoding': 'br' });
    expect(health.body.length).toBeLessThan(1024);
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});
