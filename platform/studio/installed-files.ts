// An installed plugin's files as draft texts. The registry keeps a version's files parsed (what the database
// stores and a record's version means), so each is written back as formatted JSON — the same texts
// `pack export` writes, which YAML reads the same — and loads to the very same content.
import semver from 'semver';
import { HezuoError, detail, type LocalText } from '../errors';
import type { PluginDefinition } from '../plugins/types';
import type { PluginRegistry } from '../plugins/registry';
import { textsOfStored } from '../packs/export-pack';
import { MANIFEST_FILE } from '../plugins/types';
import { jsonText, type DraftFiles } from './draft-files';

/** The active version of an installed plugin, or STUDIO_SOURCE_UNKNOWN at /source. */
export function installedSource(registry: Pick<PluginRegistry, 'find'>, source: string): PluginDefinition {
  const plugin = registry.find(source);
  if (!plugin)
    throw new HezuoError('STUDIO_SOURCE_UNKNOWN', [
      detail('/source', `未安装插件 ${source}`, `No plugin ${source} is installed`, { params: { source } }),
    ]);
  return plugin;
}

/** A fork: the files under a new id, title and (when given) regions. Provenance stays in the draft's origin and
 *  the pack's manifest (forkedFrom): plugin.json has no field for it. */
export function forkedFiles(source: PluginDefinition, id: string, title: LocalText, regions?: string[]): DraftFiles {
  const texts = textsOfStored(source.files as Record<string, unknown>);
  const manifest: Record<string, unknown> = { ...(source.files[MANIFEST_FILE] as Record<string, unknown>), id, title };
  if (regions) {
    if (regions.length) manifest.regions = regions;
    else delete manifest.regions;
  }
  return { ...texts, [MANIFEST_FILE]: jsonText(manifest) };
}

/** The next patch version above every installed one (a rolled-back 1.0.1 is not handed out twice). */
export function nextVersion(installed: readonly string[], active: string): string {
  const highest = [active, ...installed].filter((v) => semver.valid(v)).sort(semver.rcompare)[0] ?? active;
  return semver.inc(highest, 'patch') ?? highest;
}

/** An edit: the active version's files with the version bumped, so publishing makes a new version. */
export function editedFiles(source: PluginDefinition, installed: readonly string[]): DraftFiles {
  const texts = textsOfStored(source.files as Record<string, unknown>);
  const manifest = { ...(source.files[MANIFEST_FILE] as Record<string, unknown>), version: nextVersion(installed, source.version) };
  return { ...texts, [MANIFEST_FILE]: jsonText(manifest) };
}
