// The pure half of the dry run (no database): the report from a verified pack and a registry of installed
// versions (a downgrade, an inactive installed version, a conflict), and the trust folder read at start-up.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dryRunReport } from '../../platform/packs/dry-run';
import { loadTrustedKeys } from '../../platform/packs/trusted-keys';
import { generatePackKeys, verifyPack } from '../../platform/packs';
import { PluginRegistry } from '../../platform/plugins/registry';
import type { PluginDefinition } from '../../platform/plugins/types';
import { demoTexts, packOf } from './pack-helpers';

const texts = await demoTexts();
const v11Texts = { ...texts, 'plugin.json': texts['plugin.json'].replace('"version": "1.0.0"', '"version": "1.1.0"') };

async function pluginOf(t: Record<string, string>): Promise<PluginDefinition> {
  const r = await verifyPack(packOf(t));
  if (!r.plugin) throw new Error(JSON.stringify(r.errors));
  return r.plugin;
}

describe('dryRunReport', () => {
  it('a pack older than the active version is a downgrade, diffed from the active one', async () => {
    const registry = new PluginRegistry();
    registry.register(await pluginOf(v11Texts));
    const report = dryRunReport(await verifyPack(packOf(texts)), registry);
    expect(report).toMatchObject({
      outcome: 'ready',
      change: 'downgrade',
      installed: { active: '1.1.0', versions: ['1.1.0'] },
      diff: { from: '1.1.0', to: '1.0.0' },
    });
  });

  it('an installed but inactive version is still "already installed", and other content for it a conflict', async () => {
    const registry = new PluginRegistry();
    registry.register(await pluginOf(texts));
    registry.register(await pluginOf(v11Texts));
    expect(dryRunReport(await verifyPack(packOf(texts)), registry)).toMatchObject({
      outcome: 'already-installed',
      installed: { active: '1.1.0', versions: ['1.0.0', '1.1.0'] },
    });
    const other = { ...texts, 'rules/household.json': texts['rules/household.json'].replace('"Household size"', '"Size"') };
    expect(other['rules/household.json']).not.toBe(texts['rules/household.json']);
    const report = dryRunReport(await verifyPack(packOf(other)), registry);
    expect(report.outcome).toBe('refused');
    expect(report.refusal?.code).toBe('PLUGIN_VERSION_CONFLICT');
    expect(report.refusal?.details[0].params).toMatchObject({
      installedSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      packSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});

describe('trusted keys (HEZUO_TRUSTED_KEYS)', () => {
  const dirs: string[] = [];
  const folder = async (files: Record<string, string>) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-trust-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    return dir;
  };
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('every .pem public key of the folder, as sorted fingerprints; other files are ignored', async () => {
    const a = generatePackKeys();
    const b = generatePackKeys();
    const dir = await folder({ 'a.public.pem': a.publicPem, 'b.public.pem': b.publicPem, 'README.txt': 'not a key' });
    expect(await loadTrustedKeys(dir)).toEqual([a.fingerprint, b.fingerprint].sort());
    expect(await loadTrustedKeys(null)).toEqual([]);
  });

  it('a private key or a file that is no ed25519 key stops the start, naming the file', async () => {
    const k = generatePackKeys();
    await expect(loadTrustedKeys(await folder({ 'office.private.pem': k.privatePem }))).rejects.toThrow(
      /office\.private\.pem: a private key/,
    );
    await expect(
      loadTrustedKeys(await folder({ 'broken.pem': '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n' })),
    ).rejects.toThrow(/broken\.pem: not an ed25519 public key/);
  });
});
