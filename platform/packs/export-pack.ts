// `pack export`: a pack built from a version the database holds. The database keeps a version's files parsed (the
// content a record's version means), not their original text, so each file is written as JSON with two-space
// indents and a final newline: the same stored version always gives the same bytes, and the pack's plugin has the
// very content (pluginContentHash) of the stored one, so installing it elsewhere installs that version and
// installing it here again is "already installed", never a conflict. A YAML file is written as JSON, which YAML
// reads the same.
import { HezuoError, detail } from '../errors';
import type { Executor } from '../store/schema';
import { packContainer, writePack, type PackOptions } from './write-pack';
import { sha256Hex } from './canonical-json';

/** The stored files as the texts a pack holds. */
export function textsOfStored(files: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([p, value]) => [p, JSON.stringify(value, null, 2) + '\n']));
}

export async function exportStoredPack(
  ex: Executor,
  id: string,
  version: string,
  opts: PackOptions = {},
): Promise<{ bytes: Buffer; sha256: string }> {
  const row = await ex
    .selectFrom('plugin_versions')
    .select('files')
    .where('plugin_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row)
    throw new HezuoError('NOT_FOUND', [detail('/plugin', `未安装插件 ${id}@${version}`, `Plugin ${id}@${version} is not installed`)]);
  const pj = row.files['plugin.json'] as { platform?: unknown; dependencies?: { id: string; range: string }[] } | undefined;
  const platform = typeof pj?.platform === 'string' ? pj.platform : '*';
  const dependencies = Array.isArray(pj?.dependencies) ? pj.dependencies : [];
  const bytes = writePack(packContainer(textsOfStored(row.files), { id, version, platform, dependencies }, opts));
  return { bytes, sha256: sha256Hex(bytes) };
}
