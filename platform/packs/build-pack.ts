// `pack build`: a plugin folder, validated exactly as `plugin validate` validates it (the same reader, so links and
// paths outside the folder are refused), into pack bytes. Only the files the plugin names go in (notes and
// drafts beside them stay out), as their text was on disk.
import type { ErrorDetail } from '../errors';
import { createPluginLoader, type PluginLoader } from '../plugins/loader';
import { folderSource, readPluginFiles } from '../plugins/read-folder';
import type { PluginDefinition } from '../plugins/types';
import { packContainer, writePack, type PackOptions } from './write-pack';

export async function buildPackFromFolder(
  dir: string,
  opts: PackOptions = {},
  loader: PluginLoader = createPluginLoader(),
): Promise<{ bytes: Buffer; plugin: PluginDefinition } | { errors: ErrorDetail[] }> {
  const { texts, errors } = await readPluginFiles(folderSource(dir));
  if (errors.length) return { errors };
  // Built from its folder, so the plugins it depends on resolve from folders beside it.
  const built = await loader.fromFolder(dir);
  if (!built.plugin) return { errors: built.errors };
  const { id, version, platform, dependencies } = built.plugin.manifest;
  return { bytes: writePack(packContainer(texts, { id, version, platform, dependencies }, opts)), plugin: built.plugin };
}
