// Start-up hardening: a plugins folder entry that is itself a plugin is loaded; the same id and version with other
// content than the database recorded is refused with a message (the recorded copy stays in use); a plugins
// folder that does not exist is reported, not skipped.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { configFromEnv } from '../../platform/boot/config';
import { openPlatform } from '../../platform/boot/open-platform';
import { createTestDatabase, testBackend } from '../helpers/database';
import { TEST_PLUGINS } from '../helpers/paths';

const root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-startup-'));
const database = await createTestDatabase('startup');
afterAll(async () => {
  await database.drop();
  await rm(root, { recursive: true, force: true });
});

async function start(pluginsDirs: string[]) {
  const platform = await openPlatform({ ...configFromEnv({}), databaseUrl: database.connectionString, pluginsDirs, seedFile: null });
  const result = {
    failures: platform.failures,
    active: platform.ctx.registry.active().map((p) => `${p.id}@${p.version}`),
    minMembersMessage: (() => {
      const rules = platform.ctx.registry.find('registry-demo')?.files['rules/cooperative.json'] as
        { rules: { id: string; message?: { en: string } }[] } | undefined;
      return rules?.rules.find((r) => r.id === 'min-members')?.message?.en;
    })(),
  };
  await platform.close();
  return result;
}

it(`loads a plugin folder named directly, refuses changed content under the same version, reports a missing folder (${testBackend()})`, async () => {
  const plugin = path.join(root, 'registry-demo');
  await cp(path.join(TEST_PLUGINS, 'registry-demo'), plugin, { recursive: true });

  // The entry is the plugin folder itself, not a folder of plugin folders.
  const first = await start([plugin]);
  expect(first.failures).toEqual([]);
  expect(first.active).toEqual(['registry-demo@1.0.0']);
  expect(first.minMembersMessage).toBe('Members must be at least minMembers');

  // Unchanged again: fine.
  expect((await start([plugin])).failures).toEqual([]);

  // One message changed, version kept: refused, and the recorded 1.0.0 stays in use.
  const rules = path.join(plugin, 'rules/cooperative.json');
  await writeFile(rules, (await readFile(rules, 'utf8')).replace('"Members must be at least minMembers"', '"Changed words"'));
  const second = await start([plugin]);
  expect(second.failures).toEqual([
    {
      source: 'registry-demo@1.0.0',
      pluginId: 'registry-demo',
      errors: [expect.objectContaining({ code: 'PLUGIN_VERSION_CONFLICT', file: 'plugin.json', pointer: '/version' })],
    },
  ]);
  expect(second.failures[0].errors[0].message.en).toMatch(/differs from the same version already installed/);
  expect(second.failures[0].errors[0].message['zh-CN']).toMatch(/新的版本号/);
  expect(second.active).toEqual(['registry-demo@1.0.0']);
  expect(second.minMembersMessage).toBe('Members must be at least minMembers');

  // Spacing alone is not a change of content.
  await cp(path.join(TEST_PLUGINS, 'registry-demo/rules/cooperative.json'), rules);
  const pj = path.join(plugin, 'plugin.json');
  await writeFile(pj, JSON.stringify(JSON.parse(await readFile(pj, 'utf8'))));
  expect((await start([plugin])).failures).toEqual([]);

  const missing = path.join(root, 'no-such-folder');
  const third = await start([plugin, missing]);
  expect(third.failures).toEqual([{ source: missing, errors: [expect.objectContaining({ code: 'FILE_MISSING' })] }]);
  expect(third.active).toEqual(['registry-demo@1.0.0']);
}, 120_000);
