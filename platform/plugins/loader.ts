// Loading in named steps — find, parse, validate, register — where one bad plugin becomes an error record and
// never stops the others from loading. Plugins that depend on others are built after them (load-folders.ts).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { detail, type ErrorDetail } from '../errors';
import { PLATFORM_VERSION } from '../version';
import { createMetaValidators, type MetaValidators } from './meta-schemas';
import { MANIFEST_FILE, findPluginFolders, readPluginFiles, type PluginFileSource, type PluginFiles } from './read-folder';
import { buildPlugin, type BuildResult } from './build-plugin';
import { loadFolderWithDependencies, loadFolders } from './load-folders';
import type { DependencyLookup } from './dependency-calendars';
import type { PluginDefinition } from './types';

export interface PluginFailure { source: string; pluginId?: string; errors: ErrorDetail[] }

export interface PluginLoader {
  fromFiles(files: PluginFiles): BuildResult;
  /** A folder; a dependency the loader's installed plugins lack is looked for beside it and under `withRoots`. */
  fromFolder(dir: string, withRoots?: string[]): Promise<BuildResult>;
  /** Any file source, e.g. a pack's files in memory: the same steps as a folder, nothing written to disk. */
  fromSource(source: PluginFileSource): Promise<BuildResult>;
  fromRoot(root: string): Promise<{ plugins: PluginDefinition[]; failures: PluginFailure[] }>;
  /** Several plugins directories at once: dependencies resolve across them, whatever their order. */
  fromRoots(roots: string[]): Promise<{ plugins: PluginDefinition[]; failures: PluginFailure[] }>;
}

/**
 * `dependencies` is how the loaded plugins find the installed ones they depend on (the running server's registry:
 * its active versions, read when a rule runs); without it only folders loaded together resolve.
 */
/** The loader a running server uses: dependencies are its registry's active versions. */
export function installedLoader(registry: { find(id: string): PluginDefinition | undefined }): PluginLoader {
  return createPluginLoader({ dependencies: (id) => registry.find(id) });
}

export function createPluginLoader(opts: { meta?: MetaValidators; platformVersion?: string; dependencies?: DependencyLookup } = {}): PluginLoader {
  const meta = opts.meta ?? createMetaValidators();
  const platformVersion = opts.platformVersion ?? PLATFORM_VERSION;
  const installed = opts.dependencies;
  const build = (files: PluginFiles, dependencies?: DependencyLookup) => buildPlugin(files, meta, platformVersion, dependencies);
  const fromFiles = (files: PluginFiles) => build(files, installed);
  const fromSource = async (source: PluginFileSource): Promise<BuildResult> => {
    const { files, errors } = await readPluginFiles(source);
    if (errors.length) return { errors };
    return fromFiles(files);
  };
  const fromRoots = async (roots: string[]) => {
    const plugins: PluginDefinition[] = [];
    const failures: PluginFailure[] = [];
    const dirs: string[] = [];
    for (const root of roots) {
      const info = await stat(root).catch(() => null);
      if (!info?.isDirectory()) {
        // A plugins folder that is not there is said, not skipped: a mistyped HEZUO_PLUGINS_DIR would otherwise
        // start a server without the plugins its admin expects.
        const why = detail('', `插件目录不存在或不是目录:${root}`, `The plugins folder does not exist or is not a folder: ${root}`, { code: 'FILE_MISSING' });
        failures.push({ source: root, errors: [why] });
        continue;
      }
      // A folder that is itself a plugin (has plugin.json) is loaded as that one plugin, not searched for others.
      const isPlugin = await stat(path.join(root, MANIFEST_FILE)).then((s) => s.isFile(), () => false);
      dirs.push(...(isPlugin ? [root] : await findPluginFolders(root)));
    }
    for (const { dir, result } of await loadFolders(dirs, build, installed)) {
      if (result.plugin) plugins.push(result.plugin);
      else failures.push({ source: path.basename(dir), errors: result.errors });
    }
    return { plugins, failures };
  };
  return {
    fromFiles,
    fromFolder: (dir, withRoots = []) => loadFolderWithDependencies(path.resolve(dir), build, installed, withRoots.map((r) => path.resolve(r))),
    fromSource,
    fromRoot: (root) => fromRoots([root]),
    fromRoots,
  };
}
