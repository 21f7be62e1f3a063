// The publishers this server trusts: every `.pem` file in one folder (HEZUO_TRUSTED_KEYS), each an ed25519 public
// key as `pack keygen` writes it. Read once at start-up; a file that is not such a key stops the start with its
// name, since a trust list that silently drops a key would make a county's own packs look foreign.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fingerprintOf, publicKeyFromPem } from './pack-keys';

/** Fingerprints (`sha256:…`) of the keys in `dir`, sorted; [] when no folder is configured. */
export async function loadTrustedKeys(dir: string | null | undefined): Promise<string[]> {
  if (!dir) return [];
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith('.pem'))
    .map((e) => e.name)
    .sort();
  const out = new Set<string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const pem = await readFile(file, 'utf8');
    if (pem.includes('PRIVATE KEY')) throw new Error(`${file}: a private key; trust needs the publisher's public key only`);
    try {
      out.add(fingerprintOf(publicKeyFromPem(pem)));
    } catch (e) {
      throw new Error(`${file}: not an ed25519 public key (${(e as Error).message})`, { cause: e });
    }
  }
  return [...out].sort();
}
