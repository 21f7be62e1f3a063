// One hash of a plugin version's content: sha256 of the canonical JSON of its parsed files. The same for a
// folder, a pack and the copy the database keeps (jsonb reorders keys and drops spacing; canonical JSON does too),
// so "same id and version, other content" is one comparison.
import { canonicalJson, sha256Hex } from '../packs/canonical-json';

export function pluginContentHash(files: Readonly<Record<string, unknown>>): string {
  return sha256Hex(canonicalJson(files));
}
