// Reading a pack end to end, in memory: inflate (capped), the container's structure, every file's hash and the
// content hash, the signature, then the plugin itself through the same loader as a folder. The report says what
// holds; `openPack` throws the refusal as a catalogue error for callers that install.
import { HezuoError, detail, type ErrorDetail } from '../errors';
import { createPluginLoader, type PluginLoader } from '../plugins/loader';
import { readPluginFiles } from '../plugins/read-folder';
import type { PluginDefinition } from '../plugins/types';
import { canonicalJson, sha256Hex } from './canonical-json';
import { inflatePack } from './inflate-pack';
import { fingerprintOf, publicKeyFromBase64, verifyText } from './pack-keys';
import type { PackContainer, PackManifest, SignatureState } from './pack-format';
import { packDetail, refusal, type PackErrorCode, type PackRefusal } from './pack-refusal';
import { readPackText } from './read-pack';
import { contentSha256, fileHashes } from './write-pack';
import { memorySource } from './memory-source';

export interface PackReport {
  /** sha256 of the pack file's bytes: what an audit log records. */
  packSha256: string;
  manifest?: PackManifest;
  signature: SignatureState | null;
  plugin?: PluginDefinition;
  /** path → text of the pack's files, once its structure, hashes and signature hold (the plugin may still be refused). */
  texts?: Record<string, string>;
  /** Set when the pack is refused. */
  code?: PackErrorCode;
  errors: ErrorDetail[];
}

export interface VerifyOptions {
  /** Fingerprints (`sha256:…`) of the publishers this server trusts. */
  trusted?: readonly string[];
  loader?: PluginLoader;
}

/** Files and content hash against the manifest: any difference means the pack changed after it was built. */
function checkHashes(c: PackContainer): ErrorDetail[] {
  const texts = Object.fromEntries(c.files.map((f) => [f.path, f.text]));
  const actual = fileHashes(texts);
  const listed = c.manifest.files;
  const errors: ErrorDetail[] = [];
  const inManifest = new Map(listed.map((f, i) => [f.path, { f, i }]));
  actual.forEach((a, i) => {
    const m = inManifest.get(a.path);
    if (!m)
      errors.push(
        packDetail(
          'FILE_NOT_IN_MANIFEST',
          `/files/${i}/path`,
          `清单中没有此文件:${a.path}`,
          `The manifest does not list this file: ${a.path}`,
          a.path,
        ),
      );
    else if (m.f.sha256 !== a.sha256 || m.f.bytes !== a.bytes) {
      errors.push(
        packDetail(
          'HASH_MISMATCH',
          `/files/${i}/text`,
          `文件内容与清单的 sha256 不符:${a.path}`,
          `The file does not match its sha256 in the manifest: ${a.path}`,
          a.path,
        ),
      );
    }
  });
  const present = new Set(actual.map((a) => a.path));
  listed.forEach((f, i) => {
    if (!present.has(f.path))
      errors.push(
        packDetail(
          'FILE_MISSING',
          `/manifest/files/${i}`,
          `清单所列文件不在包中:${f.path}`,
          `A file the manifest lists is not in the pack: ${f.path}`,
          f.path,
        ),
      );
  });
  if (contentSha256(listed) !== c.manifest.contentSha256) {
    errors.push(
      packDetail(
        'CONTENT_HASH_MISMATCH',
        '/manifest/contentSha256',
        '内容总哈希与文件清单不符',
        'The content hash does not match the file list',
      ),
    );
  }
  return errors;
}

/** trusted / unknown-publisher / unsigned, or the reason the signature is refused. */
function checkSignature(c: PackContainer, trusted: ReadonlySet<string>): SignatureState | ErrorDetail {
  const publisher = c.manifest.publisher;
  if (!c.signature) {
    return publisher?.fingerprint
      ? packDetail(
          'SIGNATURE_MISSING',
          '/signature',
          '清单注明了签名公钥,但签名缺失',
          'The manifest names a signing key but the signature is missing',
        )
      : 'unsigned';
  }
  const key = publisher?.publicKey ? publicKeyFromBase64(publisher.publicKey) : null;
  if (!key || fingerprintOf(key) !== publisher?.fingerprint || c.signature.fingerprint !== publisher.fingerprint) {
    return packDetail('SIGNATURE_INVALID', '/manifest/publisher', '签名公钥与指纹不符', 'The signing key does not match its fingerprint');
  }
  if (!verifyText(canonicalJson(c.manifest), c.signature.value, key)) {
    return packDetail('SIGNATURE_INVALID', '/signature/value', '签名与清单不符', 'The signature does not match the manifest');
  }
  return trusted.has(publisher.fingerprint) ? 'trusted' : 'unknown-publisher';
}

export async function verifyPack(bytes: Uint8Array, opts: VerifyOptions = {}): Promise<PackReport> {
  const packSha256 = sha256Hex(bytes);
  const refused = (r: PackRefusal, more: Partial<PackReport> = {}): PackReport => ({
    packSha256,
    signature: null,
    ...more,
    code: r.code,
    errors: r.errors,
  });
  const inflated = await inflatePack(bytes);
  if ('code' in inflated) return refused(inflated);
  const read = readPackText(inflated.text);
  if ('code' in read) return refused(read);
  const c = read.container;
  const manifest = c.manifest;
  const hashErrors = checkHashes(c);
  if (hashErrors.length) return refused(refusal('PACK_TAMPERED', ...hashErrors), { manifest, signature: 'tampered' });
  const signature = checkSignature(c, new Set(opts.trusted ?? []));
  if (typeof signature !== 'string') return refused(refusal('PACK_TAMPERED', signature), { manifest, signature: 'tampered' });

  const texts = new Map(c.files.map((f) => [f.path, f.text]));
  const held = { texts: Object.fromEntries(texts) };
  const loader = opts.loader ?? createPluginLoader();
  const source = memorySource(texts);
  const { files, texts: named, errors: readErrors } = await readPluginFiles(source);
  if (readErrors.length) return refused(refusal('PLUGIN_INVALID', ...readErrors), { manifest, signature, ...held });
  // A pack holds exactly the files its plugin names: anything else would be carried along unchecked.
  const structure = c.files.flatMap((f, i) =>
    f.path in named
      ? []
      : [
          packDetail(
            'FILE_UNREFERENCED',
            `/files/${i}/path`,
            `插件未引用此文件:${f.path}`,
            `The plugin does not name this file: ${f.path}`,
            f.path,
          ),
        ],
  );
  const pj = files['plugin.json'] as Record<string, unknown> | undefined;
  for (const key of ['id', 'version', 'platform'] as const) {
    if (pj && pj[key] !== manifest[key]) {
      structure.push(
        packDetail(
          'MANIFEST_MISMATCH',
          `/manifest/${key}`,
          `清单的 ${key} 与 plugin.json 不符`,
          `The manifest's ${key} differs from plugin.json`,
          'plugin.json',
        ),
      );
    }
  }
  // What plugin.json declares must travel in the manifest, where the receiving server checks it before installing.
  const declared = Array.isArray(pj?.dependencies) ? (pj.dependencies as { id: string; range: string }[]) : [];
  if (declared.some((d) => !manifest.dependencies.some((m) => m.id === d.id && m.range === d.range))) {
    structure.push(
      packDetail(
        'MANIFEST_MISMATCH',
        '/manifest/dependencies',
        '清单的依赖与 plugin.json 不符',
        "The manifest's dependencies differ from plugin.json",
        'plugin.json',
      ),
    );
  }
  if (structure.length) return refused(refusal('PACK_INVALID', ...structure), { manifest, signature, ...held });
  const built = loader.fromFiles(files);
  if (!built.plugin) {
    const code = built.errors.some((e) => e.code === 'PLUGIN_INCOMPATIBLE') ? 'PLUGIN_INCOMPATIBLE' : 'PLUGIN_INVALID';
    return refused(refusal(code, ...built.errors), { manifest, signature, ...held });
  }
  return { packSha256, manifest, signature, plugin: built.plugin, ...held, errors: [] };
}

/** The plugin of a pack, or the refusal as a HezuoError (its catalogue code, zh-CN and en, pointers). */
export async function openPack(bytes: Uint8Array, opts: VerifyOptions = {}): Promise<PackReport & { plugin: PluginDefinition }> {
  const report = await verifyPack(bytes, opts);
  if (!report.plugin)
    throw new HezuoError(report.code ?? 'PACK_INVALID', report.errors.length ? report.errors : [detail('', '插件包无效', 'Invalid pack')]);
  return report as PackReport & { plugin: PluginDefinition };
}
