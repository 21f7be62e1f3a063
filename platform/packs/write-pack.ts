// Writing a pack: the manifest from the plugin's files as read, its signature when a key is given, and the
// container gzipped the same way every time (level 9, no file name, no time, a fixed OS byte), so the same
// files and options always give the same bytes.
import { gzipSync, constants } from 'node:zlib';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { byCodeUnit, canonicalJson, sha256Hex } from './canonical-json';
import { fingerprintOf, publicKeyBase64, signText } from './pack-keys';
import { PACK_FORMAT, type PackContainer, type PackFileHash, type PackManifest } from './pack-format';

export interface PackOptions {
  dependencies?: { id: string; range: string }[];
  publisherName?: string;
  privateKey?: KeyObject;
  forkedFrom?: { id: string; version: string };
}

/** The hash of the whole content: sha256 of what `sha256sum` prints for the files, in path order. */
export function contentSha256(files: readonly PackFileHash[]): string {
  return sha256Hex(files.map((f) => `${f.sha256}  ${f.path}\n`).join(''));
}

export function fileHashes(texts: Record<string, string>): PackFileHash[] {
  return Object.keys(texts)
    .sort(byCodeUnit)
    .map((path) => {
      const bytes = Buffer.from(texts[path], 'utf8');
      return { path, sha256: sha256Hex(bytes), bytes: bytes.length };
    });
}

/** plugin.json's dependencies and those given when building, by id (plugin.json's range wins), in id order. */
export function mergedDependencies(
  declared: readonly { id: string; range: string }[] = [],
  extra: readonly { id: string; range: string }[] = [],
) {
  const byId = new Map(extra.map((d) => [d.id, d.range]));
  for (const d of declared) byId.set(d.id, d.range);
  return [...byId].map(([id, range]) => ({ id, range })).sort((a, b) => byCodeUnit(a.id, b.id));
}

/** `plugin` is the parsed plugin.json (id, version, platform and declared dependencies come from it). */
export function packContainer(
  texts: Record<string, string>,
  plugin: { id: string; version: string; platform: string; dependencies?: { id: string; range: string }[] },
  opts: PackOptions = {},
): PackContainer {
  const files = fileHashes(texts);
  const publicKey = opts.privateKey ? createPublicKey(opts.privateKey) : undefined;
  const publisher = {
    ...(opts.publisherName ? { name: opts.publisherName } : {}),
    ...(publicKey ? { fingerprint: fingerprintOf(publicKey), publicKey: publicKeyBase64(publicKey) } : {}),
  };
  const manifest: PackManifest = {
    id: plugin.id,
    version: plugin.version,
    platform: plugin.platform,
    dependencies: mergedDependencies(plugin.dependencies, opts.dependencies),
    files,
    contentSha256: contentSha256(files),
    ...(Object.keys(publisher).length ? { publisher } : {}),
    ...(opts.forkedFrom ? { forkedFrom: opts.forkedFrom } : {}),
  };
  const signature = opts.privateKey
    ? { algorithm: 'ed25519' as const, fingerprint: publisher.fingerprint!, value: signText(canonicalJson(manifest), opts.privateKey) }
    : undefined;
  return {
    format: PACK_FORMAT,
    manifest,
    files: files.map((f) => ({ path: f.path, text: texts[f.path] })),
    ...(signature ? { signature } : {}),
  };
}

/** gzip header byte 9 names the OS that wrote it; fixed to Unix so a pack built on Windows is byte-identical. */
const GZIP_OS_BYTE = 9;
const GZIP_OS_UNIX = 3;

export function writePack(container: PackContainer): Buffer {
  const out = gzipSync(Buffer.from(canonicalJson(container), 'utf8'), { level: 9, strategy: constants.Z_DEFAULT_STRATEGY });
  out[GZIP_OS_BYTE] = GZIP_OS_UNIX;
  return out;
}
