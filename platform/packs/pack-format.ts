// The .hzpack format: a gzip (level 9, no name, no time) of one canonical JSON container
// { format, manifest, files: [{ path, text }], signature? }. Plugin files are JSON and YAML text, so they are kept
// as text: readable with `gunzip -c`, hashed as the UTF-8 bytes they had on disk.
import { PLUGIN_FILE_LIMITS } from '../plugins/read-folder';

export const PACK_FORMAT = 1;
export const PACK_EXTENSION = '.hzpack';

/**
 * What reading a pack may cost. The file limits are a plugin folder's (a pack holds no more than a folder may);
 * inflated text may be twice their total (JSON escaping of quotes and newlines) and is capped while inflating, as
 * is the ratio (a real plugin compresses about 5–15×; a bomb compresses 1000×).
 */
export const PACK_LIMITS = Object.freeze({
  packBytes: 16 * 1024 * 1024,
  inflatedBytes: 2 * PLUGIN_FILE_LIMITS.totalBytes + 1024 * 1024,
  ratio: 200,
  /** Below this size the ratio is not held against a pack: tiny packs compress oddly. */
  ratioFloorBytes: 1024 * 1024,
  fileBytes: PLUGIN_FILE_LIMITS.fileBytes,
  totalBytes: PLUGIN_FILE_LIMITS.totalBytes,
  files: PLUGIN_FILE_LIMITS.files,
  dependencies: 50,
  textLength: 200,
});

export interface PackEntry {
  path: string;
  text: string;
}

export interface PackFileHash {
  path: string;
  sha256: string;
  bytes: number;
}

export interface PackManifest {
  id: string;
  version: string;
  /** The plugin's platform range (plugin.json `platform`), checked against platform/version.ts. */
  platform: string;
  dependencies: { id: string; range: string }[];
  files: PackFileHash[];
  /** sha256 of the lines `<sha256>  <path>\n` in path order (what `sha256sum` prints for the files). */
  contentSha256: string;
  /** Who built it: a name, and when signed the ed25519 public key (SPKI DER, base64) and its fingerprint. */
  publisher?: { name?: string; fingerprint?: string; publicKey?: string };
  /** Provenance: the pack this one was forked from. */
  forkedFrom?: { id: string; version: string };
}

export interface PackSignature {
  algorithm: 'ed25519';
  fingerprint: string;
  /** base64 of the ed25519 signature over the canonical JSON of the manifest. */
  value: string;
}

export interface PackContainer {
  format: typeof PACK_FORMAT;
  manifest: PackManifest;
  files: PackEntry[];
  signature?: PackSignature;
}

export type SignatureState = 'trusted' | 'unknown-publisher' | 'unsigned' | 'tampered';
