// Every bundled plugin opened in the studio (an edit draft) and exported is the same plugin: the draft's files
// parse to the folder's content with only the version bumped, and its pack verifies to that content. Also the
// next version handed out, and a fork's plugin.json.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readdirSync } from 'node:fs';
import { createPluginLoader } from '../../platform/plugins/loader';
import { pluginContentHash } from '../../platform/plugins/content-hash';
import { verifyPack } from '../../platform/packs/verify-pack';
import { draftPack } from '../../platform/studio/draft-pack';
import { editedFiles, forkedFiles, nextVersion } from '../../platform/studio/installed-files';
import { BUNDLED_PLUGINS } from '../helpers/paths';
import { bundledLoader } from '../helpers/bundled-dependencies';

const loader = createPluginLoader();
const bundled = readdirSync(BUNDLED_PLUGINS).filter((d) => !d.startsWith('.'));

describe('studio drafts of installed plugins', () => {
  it.each(bundled)('%s: an edit draft is the plugin with the next patch version, and its pack loads to that', async (dir) => {
    const built = await loader.fromFolder(path.join(BUNDLED_PLUGINS, dir));
    const plugin = built.plugin!;
    expect(built.errors).toEqual([]);
    const files = editedFiles(plugin, [plugin.version]);
    const parsed = Object.fromEntries(Object.entries(files).map(([p, text]) => [p, JSON.parse(text)]));
    const next = nextVersion([], plugin.version);
    expect(parsed).toEqual({ ...plugin.files, 'plugin.json': { ...(plugin.files['plugin.json'] as object), version: next } });

    const pack = await draftPack({ files, origin: { kind: 'edit', from: { plugin: plugin.id, version: plugin.version } } });
    if ('errors' in pack) throw new Error(JSON.stringify(pack.errors));
    const verified = await verifyPack(pack.bytes, { loader: bundledLoader }); // as a server with the bundled plugins
    expect(verified.errors).toEqual([]);
    expect(verified.signature).toBe('unsigned');
    expect(pluginContentHash(verified.plugin!.files)).toBe(pluginContentHash(parsed));
  });

  it('hands out the patch after the highest installed version, a rolled-back one included', () => {
    expect(nextVersion(['1.0.0'], '1.0.0')).toBe('1.0.1');
    expect(nextVersion(['1.0.0', '1.0.1', '1.2.0'], '1.0.0')).toBe('1.2.1');
    expect(nextVersion(['2.0.0-rc.1'], '1.9.0')).toBe('2.0.0');
  });

  it('a fork takes the new id, title and regions; an empty regions list drops them', async () => {
    const plugin = (await loader.fromFolder(path.join(BUNDLED_PLUGINS, bundled[0]))).plugin!;
    const title = { 'zh-CN': '副本', en: 'Copy' };
    const pj = (regions?: string[]) => JSON.parse(forkedFiles(plugin, 'a-copy', title, regions)['plugin.json']);
    expect(pj(['440106'])).toMatchObject({ id: 'a-copy', title, regions: ['440106'], version: plugin.version });
    expect(pj([])).not.toHaveProperty('regions');
    expect(pj().regions).toEqual((plugin.files['plugin.json'] as { regions?: string[] }).regions);
  });
});
