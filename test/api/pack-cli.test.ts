// `hezuo pack install --server` against a listening server (the CLI logs in and uses the HTTP API), and
// `hezuo pack export` from the database: the same stored version gives the same bytes, and its pack is that very
// version (a dry run of it on the server says already installed). The neutral test plugin, renamed pack-cli.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { installCommand, exportCommand } from '../../platform/cli/pack-server-commands';
import { exportStoredPack } from '../../platform/packs/export-pack';
import { canonicalJson, verifyPack } from '../../platform/packs';
import { pluginContentHash } from '../../platform/plugins/content-hash';
import { demoTexts, packOf } from '../packs/pack-helpers';

let t: TestPlatform;
let url: string;
let dir: string;
let packFile: string;

beforeAll(async () => {
  t = await startTestPlatform();
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-pack-cli-'));
  const texts = await demoTexts();
  packFile = path.join(dir, 'pack-cli.hzpack');
  await writeFile(packFile, packOf({ ...texts, 'plugin.json': texts['plugin.json'].replace('"id": "registry-demo"', '"id": "pack-cli"') }));
}, 120_000);
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(command: typeof installCommand, args: string[]) {
  const lines: string[] = [];
  const code = await command(args, (l) => lines.push(l), 'en', {});
  return { code, lines };
}

describe(`hezuo pack install / export (${testBackend()})`, () => {
  it('--dry-run reports and installs nothing', async () => {
    const r = await run(installCommand, [packFile, '--server', url, '--user', 'admin', '--password', PASSWORD, '--dry-run']);
    expect(r.lines).toContain('dry run: ready pack-cli@1.0.0 (new-plugin)');
    expect(r.lines).toContain('fixtures: 5 passed, 0 failed');
    expect(r.code).toBe(0);
    expect(t.platform.ctx.registry.find('pack-cli')).toBeUndefined();
  });

  it('installs through the API: live at once, audited as the admin who logged in', async () => {
    const r = await run(installCommand, [packFile, '--server', url, '--user', 'admin', '--password', PASSWORD]);
    expect(r.lines[0]).toBe('installed: pack-cli@1.0.0');
    expect(r.lines[1]).toMatch(/^pack sha256 [0-9a-f]{64}, signature unsigned$/);
    expect(r.code).toBe(0);
    expect(t.platform.ctx.registry.find('pack-cli')?.version).toBe('1.0.0');
    const h = await t.call('GET', '/api/packs/history?plugin=pack-cli', await t.login('admin'));
    expect(h.body.events[0]).toMatchObject({ action: 'plugin.install', actor: { username: 'admin' }, version: '1.0.0' });
  });

  it('a wrong password and a tampered pack are refused with their codes (exit 1); usage mistakes exit 2', async () => {
    const wrong = await run(installCommand, [packFile, '--server', url, '--user', 'admin', '--password', 'not-the-password']);
    expect(wrong).toMatchObject({ code: 1, lines: [expect.stringMatching(/^LOGIN_FAILED: /)] });
    const container = JSON.parse(gunzipSync(await readFile(packFile)).toString('utf8')) as { files: { path: string; text: string }[] };
    container.files[0].text += ' ';
    const tampered = path.join(dir, 'tampered.hzpack');
    await writeFile(tampered, gzipSync(canonicalJson(container)));
    const r = await run(installCommand, [tampered, '--server', url, '--password', PASSWORD]);
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatch(/^PACK_TAMPERED: /);
    expect((await run(installCommand, [packFile, '--password', PASSWORD])).code).toBe(2);
    expect((await run(installCommand, [packFile, '--server', url])).code).toBe(2);
  });

  it('export gives the same bytes each time, and the pack is the stored version itself', async () => {
    const a = await exportStoredPack(t.platform.ctx.db, 'pack-cli', '1.0.0');
    const b = await exportStoredPack(t.platform.ctx.db, 'pack-cli', '1.0.0');
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const verified = await verifyPack(a.bytes);
    expect(verified.errors).toEqual([]);
    expect(pluginContentHash(verified.plugin!.files)).toBe(pluginContentHash(t.platform.ctx.registry.get('pack-cli', '1.0.0').files));
    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/packs/dry-run',
      headers: { authorization: `Bearer ${await t.login('admin')}`, 'content-type': 'application/octet-stream' },
      payload: a.bytes,
    });
    expect(dry.json()).toMatchObject({ outcome: 'already-installed', refusal: null });
  });

  it('hezuo pack export writes the file from DATABASE_URL; an unknown version exits 1', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.databaseUrl;
    try {
      const file = path.join(dir, 'export.hzpack');
      const r = await run(exportCommand, ['pack-cli@1.0.0', '-o', file]);
      expect(r.code).toBe(0);
      expect((await readFile(file)).equals((await exportStoredPack(t.platform.ctx.db, 'pack-cli', '1.0.0')).bytes)).toBe(true);
      const missing = await run(exportCommand, ['pack-cli@9.9.9', '-o', file]);
      expect(missing).toMatchObject({ code: 1, lines: ['NOT_FOUND: Plugin pack-cli@9.9.9 is not installed'] });
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});
