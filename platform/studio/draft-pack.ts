// A draft as a pack: the same unsigned container `pack build` writes from a folder, with a fork's provenance in the
// manifest. Checking, publishing and exporting a draft all go through these bytes, so the studio refuses exactly
// what a pack dry run and install refuse. When plugin.json does not yet say id, version and platform there is no
// pack to build: the loader's own errors say what is missing.
import { HezuoError, detail, type ErrorDetail } from '../errors';
import { memorySource } from '../packs/memory-source';
import { packContainer, writePack } from '../packs/write-pack';
import { createPluginLoader } from '../plugins/loader';
import { readPluginFiles } from '../plugins/read-folder';
import type { StudioDraftRow } from '../store/studio-drafts-store';
import { draftManifest } from './draft-files';

export type DraftPack = { bytes: Buffer; id: string; version: string } | { errors: ErrorDetail[] };

/** Why no pack can be made of these files, as the loader says it (never empty). */
async function loadErrors(files: Record<string, string>): Promise<ErrorDetail[]> {
  const read = await readPluginFiles(memorySource(new Map(Object.entries(files))));
  const errors = read.errors.length ? read.errors : createPluginLoader().fromFiles(read.files).errors;
  return errors.length
    ? errors
    : [detail('/id', 'plugin.json 缺少 id、version 或 platform', 'plugin.json lacks id, version or platform', { file: 'plugin.json' })];
}

export async function draftPack(row: Pick<StudioDraftRow, 'files' | 'origin'>): Promise<DraftPack> {
  const m = draftManifest(row.files);
  if (!m.id || !m.version || !m.platform) return { errors: await loadErrors(row.files) };
  const forkedFrom =
    row.origin.kind === 'fork' && row.origin.from ? { id: row.origin.from.plugin, version: row.origin.from.version } : undefined;
  const container = packContainer(
    row.files,
    { id: m.id, version: m.version, platform: m.platform, dependencies: m.dependencies },
    {
      ...(forkedFrom ? { forkedFrom } : {}),
    },
  );
  return { bytes: writePack(container), id: m.id, version: m.version };
}

/** The pack, or PLUGIN_INVALID with the loader's errors. */
export async function draftPackOrThrow(
  row: Pick<StudioDraftRow, 'files' | 'origin'>,
): Promise<{ bytes: Buffer; id: string; version: string }> {
  const pack = await draftPack(row);
  if ('errors' in pack) throw new HezuoError('PLUGIN_INVALID', pack.errors);
  return pack;
}
