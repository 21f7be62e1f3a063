// Loading in named steps — find, parse, validate, register — where one bad plugin becomes an error record and
// never stops the others from loading.
import path from 'node:path';
import type { ErrorDetail } from '../errors';
import { PLATFORM_VERSION } from '../version';
import { createMetaValidators, type MetaValidators } from './meta-schemas';
import { findPluginFolders, readPluginFolder, type PluginFiles } from './read-folder';
import { buildPlugin, type BuildResult } from './build-plugin';
import type { PluginDefinition } from './types';

export interface PluginFailure { source: string; pluginId?: string; errors: ErrorDetail[] }

export interface PluginLoader {
  fromFiles(files: PluginFiles): BuildResult;
  fromFolder(dir: string): Promise<BuildResult>;
  fromRoot(root: string): Promise<{ plugins: PluginDefinition[]; failures: PluginFailure[] }>;
}

export function createPluginLoader(opts: { meta?: MetaValidators; platformVersion?: string } = {}): PluginLoader {
  const meta = opts.meta ?? createMetaValidators();
  const platformVersion = opts.platformVersion ?? PLATFORM_VERSION;
  const fromFiles = (files: PluginFiles) => buildPlugin(files, meta, platformVersion);
  const fromFolder = async (dir: string): Promise<BuildResult> => {
    const { files, errors } = await readPluginFolder(dir);
    if (errors.length) return { errors };
    return fromFiles(files);
  };
  return {
    fromFiles,
    fromFolder,
    async fromRoot(root) {
      const plugins: PluginDefinition[] = [];
      const failures: PluginFailure[] = [];
      for (const dir of await findPluginFolders(root)) {
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
