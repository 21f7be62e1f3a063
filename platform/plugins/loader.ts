// Loading in named steps — find, parse, validate, register — where one bad plugin becomes an error record and
// never stops the others from loading.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { detail, type ErrorDetail } from '../errors';
import { PLATFORM_VERSION } from '../version';
import { createMetaValidators, type MetaValidators } from './meta-schemas';
import { MANIFEST_FILE, findPluginFolders, folderSource, readPluginFiles, type PluginFileSource, type PluginFiles } from './read-folder';
import { buildPlugin, type BuildResult } from './build-plugin';
import type { PluginDefinition } from './types';

export interface PluginFailure { source: string; pluginId?: string; errors: ErrorDetail[] }

export interface PluginLoader {
  fromFiles(files: PluginFiles): BuildResult;
  fromFolder(dir: string): Promise<BuildResult>;
  /** Any file source, e.g. a pack's files in memory: the same steps as a folder, nothing written to disk. */
  fromSource(source: PluginFileSource): Promise<BuildResult>;
  fromRoot(root: string): Promise<{ plugins: PluginDefinition[]; failures: PluginFailure[] }>;
}

export function createPluginLoader(opts: { meta?: MetaValidators; platformVersion?: string } = {}): PluginLoader {
  const meta = opts.meta ?? createMetaValidators();
  const platformVersion = opts.platformVersion ?? PLATFORM_VERSION;
  const fromFiles = (files: PluginFiles) => buildPlugin(files, meta, platformVersion);
  const fromSource = async (source: PluginFileSource): Promise<BuildResult> => {
    const { files, errors } = await readPluginFiles(source);
    if (errors.length) return { errors };
    return fromFiles(files);
  };
  const fromFolder = (dir: string) => fromSource(folderSource(dir));
  return {
    fromFiles,
    fromFolder,
    fromSource,
    async fromRoot(root) {
      const plugins: PluginDefinition[] = [];
      const failures: PluginFailure[] = [];
      const info = await stat(root).catch(() => null);
      if (!info?.isDirectory()) {
        // A plugins folder that is not there is said, not skipped: a mistyped HEZUO_PLUGINS_DIR would otherwise
        // start a server without the plugins its admin expects.
        const why = detail('', `插件目录不存在或不是目录:${root}`, `The plugins folder does not exist or is not a folder: ${root}`, { code: 'FILE_MISSING' });
        return { plugins, failures: [{ source: root, errors: [why] }] };
      }
      // A folder that is itself a plugin (has plugin.json) is loaded as that one plugin, not searched for others.
      const isPlugin = await stat(path.join(root, MANIFEST_FILE)).then((s) => s.isFile(), () => false);
      for (const dir of isPlugin ? [root] : await findPluginFolders(root)) {
        let result: BuildResult;
        try {
          result = await fromFolder(dir);
        } catch (e) {
          // A plugin must never take the platform down: even an unforeseen fault becomes its error record.
          result = { errors: [{ pointer: '', message: { 'zh-CN': `插件加载失败:${String(e)}`, en: `Plugin failed to load: ${String(e)}` } }] };
        }
        if (result.plugin) plugins.push(result.plugin);
        else failures.push({ source: path.basename(dir), errors: result.errors });
      }
      return { plugins, failures };
    },
  };
}
