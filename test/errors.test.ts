// Every error code is documented, and every code the platform throws is in the catalogue.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ERRORS, HezuoError } from '../platform/errors';
import { REPO_ROOT } from '../platform/boot/config';

it('every code has a status, both messages and a description', () => {
  for (const [code, def] of Object.entries(ERRORS)) {
    expect(code).toMatch(/^[A-Z][A-Z_]+$/);
    expect(def.status, code).toBeGreaterThanOrEqual(400);
    expect(def.message['zh-CN'].length, code).toBeGreaterThan(0);
    expect(def.message.en.length, code).toBeGreaterThan(0);
    expect(def.description.length, code).toBeGreaterThan(10);
  }
});

it('every code thrown in platform/ is in the catalogue', () => {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => {
      const p = path.join(d, n);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
    });
  const used = new Set<string>();
  for (const f of walk(path.join(REPO_ROOT, 'platform'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/HezuoError\('([A-Z_]+)'/g)) used.add(m[1]);
  }
  expect(used.size).toBeGreaterThan(10);
  for (const code of used) expect(Object.keys(ERRORS), code).toContain(code);
});

it('a HezuoError serialises to the public shape', () => {
  const e = new HezuoError('STALE_REVISION', [{ pointer: '/revision', message: { 'zh-CN': 'x', en: 'y' } }]);
  expect(e.status).toBe(409);
  expect(e.toJSON()).toEqual({
    error: {
      code: 'STALE_REVISION',
      message: ERRORS.STALE_REVISION.message,
      details: [{ pointer: '/revision', message: { 'zh-CN': 'x', en: 'y' } }],
    },
  });
});
