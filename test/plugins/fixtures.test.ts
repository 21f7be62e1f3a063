// The one generic fixture test: every plugin in plugins/ and test/plugins/ loads without error, and every case
// of its fixtures gives the results it states.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPluginLoader, findPluginFolders } from '../../platform/plugins';
import { runFixtureCase } from '../../platform/fixtures/run-fixtures';
import { REPO_ROOT } from '../../platform/boot/config';

const loader = createPluginLoader();
const folders = [
  ...(await findPluginFolders(path.join(REPO_ROOT, 'plugins'))),
  ...(await findPluginFolders(path.join(REPO_ROOT, 'test/plugins'))),
];

describe.each(folders.map((f) => [path.relative(REPO_ROOT, f), f]))('plugin %s', async (_name, dir) => {
  const result = await loader.fromFolder(dir);
  it('loads without errors', () => {
    expect(result.errors.map((e) => `${e.file} ${e.pointer}: ${e.message.en}`)).toEqual([]);
  });
  const plugin = result.plugin;
  if (!plugin) return;
  // A plugin of shared data only (no forms: calendars, code lists others depend on) has nothing to fill in.
  if (plugin.manifest.forms.length === 0)
    it('is shared data: no forms, and a calendar or code list', () => {
      expect(plugin.calendars.size + plugin.codeLists.size).toBeGreaterThan(0);
    });
  else
    it('has fixtures', () => {
      expect(plugin.fixtures.reduce((n, s) => n + s.cases.length, 0)).toBeGreaterThan(0);
    });
  for (const suite of plugin.fixtures) {
    describe(suite.file, () => {
      for (const c of suite.cases) {
        it(c.description, () => {
          expect(runFixtureCase(plugin, suite, c).mismatches).toEqual([]);
        });
      }
    });
  }
});

it('finds the bundled plugins', () => {
  expect(folders.length).toBeGreaterThanOrEqual(2);
});
