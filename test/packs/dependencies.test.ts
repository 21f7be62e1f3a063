// Dependencies between plugins, without a database: copies of the neutral test plugin as `shared-base` (what others
// build on, e.g. a working-day calendar) and `policy`, whose plugin.json declares shared-base ^2.0.0. A pack of
// policy carries the dependency in its manifest and is refused where shared-base is missing, uninstalled or at 1.x;
// a shared-base 3.0.0 pack, a rollback below 2.0.0 or an uninstall is refused while policy needs it.
import { describe, expect, it } from 'vitest';
import { dryRunReport } from '../../platform/packs/dry-run';
import { brokenDependents } from '../../platform/packs/dependencies';
import { verifyPack, writePack } from '../../platform/packs';
import { PluginRegistry } from '../../platform/plugins/registry';
import type { PluginDefinition } from '../../platform/plugins/types';
import { containerOf, demoTexts, packOf } from './pack-helpers';

const texts = await demoTexts();

function variant(id: string, version: string, dependencies?: { id: string; range: string }[]): Record<string, string> {
  const pj = JSON.parse(texts['plugin.json']);
  return { ...texts, 'plugin.json': JSON.stringify({ ...pj, id, version, ...(dependencies ? { dependencies } : {}) }, null, 2) };
}
async function pluginOf(t: Record<string, string>): Promise<PluginDefinition> {
  const r = await verifyPack(packOf(t));
  if (!r.plugin) throw new Error(JSON.stringify(r.errors));
  return r.plugin;
}
const policy = variant('policy', '1.0.0', [{ id: 'shared-base', range: '^2.0.0' }]);
const registryWith = async (...versions: string[]) => {
  const registry = new PluginRegistry();
  for (const v of versions) registry.register(await pluginOf(variant('shared-base', v)));
  return registry;
};

describe('a pack whose plugin depends on another', () => {
  it('carries plugin.json’s dependencies in its manifest; a manifest without them is refused', async () => {
    const c = containerOf(policy);
    expect(c.manifest.dependencies).toEqual([{ id: 'shared-base', range: '^2.0.0' }]);
    const stripped = { ...c, manifest: { ...c.manifest, dependencies: [] } };
    const r = await verifyPack(writePack(stripped));
    expect(r.code).toBe('PACK_INVALID');
    expect(r.errors).toContainEqual(expect.objectContaining({ code: 'MANIFEST_MISMATCH', pointer: '/manifest/dependencies' }));
  });

  it.each([
    ['not installed', [] as string[], false, null],
    ['at 1.x', ['1.4.0'], false, '1.4.0'],
    ['uninstalled', ['2.1.0'], true, '2.1.0'],
  ])('is refused where the dependency is %s, pointing at it', async (_, versions, disabled, installed) => {
    const registry = await registryWith(...versions);
    if (disabled) registry.setDisabled('shared-base', true);
    const report = dryRunReport(await verifyPack(packOf(policy)), registry);
    expect(report.outcome).toBe('refused');
    expect(report.refusal?.code).toBe('PACK_DEPENDENCY_UNMET');
    expect(report.refusal?.details).toEqual([
      expect.objectContaining({ pointer: '/manifest/dependencies/0', params: { id: 'shared-base', range: '^2.0.0', installed } }),
    ]);
  });

  it('is ready where the dependency is active in the range', async () => {
    const registry = await registryWith('2.1.0');
    expect(dryRunReport(await verifyPack(packOf(policy)), registry)).toMatchObject({ outcome: 'ready', change: 'new-plugin' });
  });
});

describe('a plugin others depend on', () => {
  it('cannot be upgraded out of their range, rolled back out of it, or uninstalled; within it, it can', async () => {
    const registry = await registryWith('1.4.0', '2.1.0');
    registry.register(await pluginOf(policy));
    const major = dryRunReport(await verifyPack(packOf(variant('shared-base', '3.0.0'))), registry);
    expect(major.refusal?.code).toBe('PLUGIN_DEPENDED_ON');
    expect(major.refusal?.details[0].params).toEqual({ dependent: 'policy', range: '^2.0.0' });
    expect(dryRunReport(await verifyPack(packOf(variant('shared-base', '2.2.0'))), registry).outcome).toBe('ready');
    expect(brokenDependents(registry, 'shared-base', '1.4.0')).toHaveLength(1);
    expect(brokenDependents(registry, 'shared-base', null)).toHaveLength(1);
    expect(brokenDependents(registry, 'shared-base', '2.0.5')).toEqual([]);
    // A dependent that is itself uninstalled holds nothing back.
    registry.setDisabled('policy', true);
    expect(brokenDependents(registry, 'shared-base', null)).toEqual([]);
  });

  it('refuses a dependency range that is not a range (in the manifest first), or a plugin naming itself', async () => {
    const bad = await verifyPack(packOf(variant('policy', '1.0.0', [{ id: 'shared-base', range: 'two' }])));
    expect(bad.code).toBe('PACK_INVALID');
    expect(bad.errors).toContainEqual(expect.objectContaining({ pointer: '/manifest/dependencies/0/range' }));
    const self = await verifyPack(packOf(variant('policy', '1.0.0', [{ id: 'policy', range: '^1.0.0' }])));
    expect(self.code).toBe('PLUGIN_INVALID');
    expect(self.errors).toContainEqual(expect.objectContaining({ file: 'plugin.json', pointer: '/dependencies/0/id' }));
  });
});
