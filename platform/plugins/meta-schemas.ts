// The loader's meta-schemas, read from schemas/*.schema.json (the checks themselves: meta-validators.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { META_FILES } from './file-kinds';
import { metaValidatorsOf, type MetaValidators } from './meta-validators';

export const SCHEMAS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas');
export { fileKinds, type FileKind } from './file-kinds';
export type { MetaValidators } from './meta-validators';

/** Reads and compiles the meta-schemas once; the result is immutable and shared by every load. */
export function createMetaValidators(schemasDir = SCHEMAS_DIR): MetaValidators {
  const read = (name: string) => JSON.parse(readFileSync(path.join(schemasDir, name), 'utf8'));
  const meta = metaValidatorsOf(read);
  // Compiled at once, as before: a broken meta-schema fails at startup, not at the first plugin of its kind.
  for (const kind of Object.keys(META_FILES) as (keyof typeof META_FILES)[]) meta.validate(kind, '', null);
  return meta;
}
