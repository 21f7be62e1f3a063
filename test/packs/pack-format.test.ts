// A pack is one deterministic file: the same plugin gives the same bytes, signed or not; a changed byte of any
// file is "tampered"; a valid signature by a key not trusted is "unknown publisher"; and a pack of a bundled
// plugin loads into the same definition as its folder.
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../platform/boot/config';
import { createPluginLoader } from '../../platform/plugins';
import { runFixtures } from '../../platform/fixtures/run-fixtures';
import {
  buildPackFromFolder,
  canonicalJson,
  fingerprintOf,
  generatePackKeys,
  privateKeyFromPem,
  publicKeyFromPem,
  sha256Hex,
  verifyPack,
} from '../../platform/packs';
import { bundledLoader } from '../helpers/bundled-dependencies';
import { DEMO_DIR, clone, containerOf, demoTexts, gzipOf, packOf } from './pack-helpers';

const texts = await demoTexts();
const keys = generatePackKeys();
const privateKey = privateKeyFromPem(keys.privatePem);
const other = generatePackKeys();

describe('determinism', () => {
  it('builds the same bytes twice, unsigned and signed', async () => {
    const a = await buildPackFromFolder(DEMO_DIR);
    const b = await buildPackFromFolder(DEMO_DIR);
    expect('bytes' in a && 'bytes' in b).toBe(true);
    if (!('bytes' in a) || !('bytes' in b)) return;
    expect(Buffer.compare(a.bytes, b.bytes)).toBe(0);
    const s1 = await buildPackFromFolder(DEMO_DIR, { privateKey, publisherName: 'Test office' });
    const s2 = await buildPackFromFolder(DEMO_DIR, { privateKey, publisherName: 'Test office' });
    if (!('bytes' in s1) || !('bytes' in s2)) throw new Error('not built');
    expect(sha256Hex(s1.bytes)).toBe(sha256Hex(s2.bytes));
    expect(sha256Hex(s1.bytes)).not.toBe(sha256Hex(a.bytes));
  });

  it('has no time or name in the gzip header and holds canonical JSON in path order', async () => {
    const bytes = packOf(texts);
    expect([...bytes.subarray(3, 10)]).toEqual([0, 0, 0, 0, 0, 2, 3]); // FLG none, MTIME 0, XFL max, OS unix
    const text = gunzipSync(bytes).toString('utf8');
    expect(canonicalJson(JSON.parse(text))).toBe(text);
    const paths = (JSON.parse(text) as { files: { path: string }[] }).files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toContain('plugin.json');
  });

  it('lists each file with the sha256 of its bytes on disk and a content hash sha256sum agrees with', async () => {
    const c = containerOf(texts);
    const pj = c.manifest.files.find((f) => f.path === 'plugin.json')!;
    expect(pj.sha256).toBe(sha256Hex(Buffer.from(texts['plugin.json'], 'utf8')));
    const sums = c.manifest.files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
    expect(c.manifest.contentSha256).toBe(sha256Hex(sums));
    expect(c.manifest).toMatchObject({
      id: 'registry-demo',
      version: '1.0.0',
      platform: JSON.parse(texts['plugin.json']).platform,
      dependencies: [],
    });
  });
});

describe('signature states', () => {
  const trusted = [keys.fingerprint];

  it('unsigned, trusted, and unknown publisher for a key not trusted', async () => {
    expect((await verifyPack(packOf(texts))).signature).toBe('unsigned');
    const signed = packOf(texts, { privateKey, publisherName: 'Test office' });
    const ok = await verifyPack(signed, { trusted });
    expect(ok).toMatchObject({
      signature: 'trusted',
      errors: [],
      manifest: { publisher: { name: 'Test office', fingerprint: keys.fingerprint } },
    });
    expect(ok.plugin?.id).toBe('registry-demo');
    expect((await verifyPack(signed, { trusted: [other.fingerprint] })).signature).toBe('unknown-publisher');
    expect(fingerprintOf(publicKeyFromPem(keys.publicPem))).toBe(keys.fingerprint);
  });

  it('one changed byte in a file is tampered and refused, signed or not', async () => {
    for (const opts of [{}, { privateKey }]) {
      const c = clone(containerOf(texts, opts));
      const i = c.files.findIndex((f) => f.path === 'rules/cooperative.json');
      c.files[i].text = c.files[i].text.replace('"min-members"', '"min-memberz"');
      const r = await verifyPack(gzipOf(c), { trusted });
      expect(r).toMatchObject({ code: 'PACK_TAMPERED', signature: 'tampered' });
      expect(r.errors).toEqual([
        expect.objectContaining({ code: 'HASH_MISMATCH', pointer: `/files/${i}/text`, file: 'rules/cooperative.json' }),
      ]);
      expect(r.plugin).toBeUndefined();
    }
  });

  it('a manifest changed after signing (hashes made to agree) is tampered', async () => {
    const c = clone(containerOf(texts, { privateKey }));
    c.manifest.dependencies = [{ id: 'other', range: '^1.0.0' }];
    const r = await verifyPack(gzipOf(c), { trusted: [keys.fingerprint] });
    expect(r).toMatchObject({
      code: 'PACK_TAMPERED',
      signature: 'tampered',
      errors: [expect.objectContaining({ code: 'SIGNATURE_INVALID', pointer: '/signature/value' })],
    });
  });

  it('a signature stripped from a manifest that names its key is tampered; a key swapped for another is too', async () => {
    const stripped = clone(containerOf(texts, { privateKey }));
    delete stripped.signature;
    expect((await verifyPack(gzipOf(stripped))).errors).toEqual([expect.objectContaining({ code: 'SIGNATURE_MISSING' })]);
    const swapped = clone(containerOf(texts, { privateKey }));
    const otherSigned = containerOf(texts, { privateKey: privateKeyFromPem(other.privatePem) });
    swapped.manifest.publisher!.publicKey = otherSigned.manifest.publisher!.publicKey;
    expect((await verifyPack(gzipOf(swapped))).errors).toEqual([
      expect.objectContaining({ code: 'SIGNATURE_INVALID', pointer: '/manifest/publisher' }),
    ]);
  });

  it('a file removed from the pack, or a content hash changed, is tampered', async () => {
    const removed = clone(containerOf(texts));
    removed.files = removed.files.filter((f) => f.path !== 'workflows/review.json');
    expect((await verifyPack(gzipOf(removed))).errors).toEqual([
      expect.objectContaining({ code: 'FILE_MISSING', file: 'workflows/review.json' }),
    ]);
    const content = clone(containerOf(texts));
    content.manifest.contentSha256 = '0'.repeat(64);
    expect((await verifyPack(gzipOf(content))).errors).toEqual([expect.objectContaining({ code: 'CONTENT_HASH_MISMATCH' })]);
  });
});

describe('round trip of a bundled plugin', () => {
  it('a pack of plugins/beibei-pilot loads into the same definition as its folder, fixtures included', async () => {
    const dir = path.join(REPO_ROOT, 'plugins/beibei-pilot');
    const built = await buildPackFromFolder(dir, { privateKey, forkedFrom: { id: 'beibei-pilot', version: '0.9.0' } });
    if (!('bytes' in built)) throw new Error(JSON.stringify(built.errors));
    // Verified as a server with the calendar plugin it depends on installed.
    const fromPack = (await verifyPack(built.bytes, { trusted: [keys.fingerprint], loader: bundledLoader })).plugin!;
    const fromFolder = (await createPluginLoader().fromFolder(dir)).plugin!;
    expect(fromPack.files).toEqual(fromFolder.files);
    expect(fromPack.manifest).toEqual(fromFolder.manifest);
    expect([...fromPack.forms.keys()]).toEqual([...fromFolder.forms.keys()]);
    for (const [id, form] of fromFolder.forms) {
      expect(fromPack.forms.get(id)!.schema).toEqual(form.schema);
      expect(fromPack.forms.get(id)!.rules.map((r) => r.rule)).toEqual(form.rules.map((r) => r.rule));
    }
    expect([...fromPack.workflows.keys()]).toEqual([...fromFolder.workflows.keys()]);
    expect(fromPack.parameterDefaults).toEqual(fromFolder.parameterDefaults);
    const outcomes = runFixtures(fromPack);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.mismatches.length)).toEqual([]);
    expect(outcomes).toEqual(runFixtures(fromFolder));
  });
});
