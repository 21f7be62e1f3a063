// `npx hezuo pack keygen|build|verify` as a user runs them, each a separate process in a temporary folder:
// keys with the private one 0600 and never overwritten, the same pack twice, the four signature states, and a
// plugin that `plugin validate` refuses (or a link in its folder) never becomes a pack.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../../platform/boot/config';
import { DEMO_DIR } from './pack-helpers';

const dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-pack-cli-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

function hezuo(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/hezuo.mjs'), ...args], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stdout += b));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout }));
  });
}

it('keygen, build twice to the same bytes, verify trusted / unknown publisher / unsigned / tampered', async () => {
  const keygen = await hezuo(['pack', 'keygen', '-o', 'office']);
  expect(keygen.code, keygen.stdout).toBe(0);
  expect(keygen.stdout).toMatch(/fingerprint: sha256:[0-9a-f]{64}/);
  expect((await stat(path.join(dir, 'office.private.pem'))).mode & 0o777).toBe(0o600);
  expect(await readFile(path.join(dir, 'office.public.pem'), 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
  const again = await hezuo(['pack', 'keygen', '-o', 'office']);
  expect(again.code).toBe(1); // an existing key is never overwritten
  await hezuo(['pack', 'keygen', '-o', 'stranger']);

  const build = (out: string, ...more: string[]) =>
    hezuo([
      'pack',
      'build',
      DEMO_DIR,
      '-o',
      out,
      '--key',
      'office.private.pem',
      '--publisher',
      'Test office',
      '--forked-from',
      'registry-demo@0.9.0',
      '--depends',
      'work-calendar@^1.0.0',
      ...more,
    ]);
  const a = await build('a.hzpack');
  expect(a.code, a.stdout).toBe(0);
  expect(a.stdout).toMatch(/wrote a\.hzpack: registry-demo@1\.0\.0, \d+ bytes, sha256 [0-9a-f]{64}/);
  expect((await build('b.hzpack')).code).toBe(0);
  expect(Buffer.compare(await readFile(path.join(dir, 'a.hzpack')), await readFile(path.join(dir, 'b.hzpack')))).toBe(0);

  const trusted = await hezuo(['pack', 'verify', 'a.hzpack', '--trust', 'office.public.pem']);
  expect(trusted.code, trusted.stdout).toBe(0);
  expect(trusted.stdout).toMatch(/plugin: registry-demo@1\.0\.0 \(platform [^)]+\), \d+ file\(s\)/);
  expect(trusted.stdout).toMatch(/publisher: Test office \(sha256:[0-9a-f]{64}\)/);
  expect(trusted.stdout).toMatch(/forked from: registry-demo@0\.9\.0/);
  expect(trusted.stdout).toMatch(/dependencies: work-calendar@\^1\.0\.0/);
  expect(trusted.stdout).toMatch(/structure: ok\nsignature: trusted/);

  const unknown = await hezuo(['pack', 'verify', 'a.hzpack', '--trust', 'stranger.public.pem']);
  expect(unknown.stdout).toMatch(/signature: unknown publisher/);

  expect((await hezuo(['pack', 'build', DEMO_DIR, '-o', 'plain.hzpack'])).code).toBe(0);
  expect((await hezuo(['pack', 'verify', 'plain.hzpack'])).stdout).toMatch(/signature: unsigned/);

  // One byte of one file changed, the pack re-gzipped: refused.
  const text = gunzipSync(await readFile(path.join(dir, 'a.hzpack'))).toString('utf8');
  const changed = text.replace('\\"minimum\\": 0', '\\"minimum\\": 1');
  expect(changed).not.toBe(text);
  await writeFile(path.join(dir, 'bad.hzpack'), gzipSync(changed));
  const tampered = await hezuo(['pack', 'verify', 'bad.hzpack', '--trust', 'office.public.pem', '--lang', 'zh-CN']);
  expect(tampered.code).toBe(1);
  expect(tampered.stdout).toMatch(
    /structure: PACK_TAMPERED — 1 error\(s\)\n {2}forms\/cooperative\.schema\.json \/files\/\d+\/text: 文件内容与清单的 sha256 不符/,
  );
  expect(tampered.stdout).toMatch(/signature: 已被篡改/);
}, 120_000);

it('refuses to build a plugin that does not validate, or one with a link in its folder, and writes nothing', async () => {
  const plugin = path.join(dir, 'plugin');
  await cp(DEMO_DIR, plugin, { recursive: true });
  const schema = path.join(plugin, 'forms/weekly.schema.json');
  const original = await readFile(schema, 'utf8');
  await writeFile(schema, original.replace('"type": "integer"', '"type": "integr"'));
  const invalid = await hezuo(['pack', 'build', plugin, '-o', 'invalid.hzpack']);
  expect(invalid.code).toBe(1);
  expect(invalid.stdout).toMatch(/forms\/weekly\.schema\.json \/properties\/visits\/type/);
  await expect(stat(path.join(dir, 'invalid.hzpack'))).rejects.toThrow();

  await unlink(schema);
  await writeFile(path.join(dir, 'outside.json'), original);
  await symlink(path.join(dir, 'outside.json'), schema);
  const linked = await hezuo(['pack', 'build', plugin, '-o', 'linked.hzpack']);
  expect(linked.code).toBe(1);
  expect(linked.stdout).toMatch(/forms\/weekly\.schema\.json: Plugin files cannot be symbolic links/);
  await expect(stat(path.join(dir, 'linked.hzpack'))).rejects.toThrow();

  expect((await hezuo(['pack', 'build', plugin])).code).toBe(2); // no -o: usage
}, 120_000);
