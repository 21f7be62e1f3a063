// Plugin folders loaded in dependency order: a plugin another one depends on is built first, whichever folder or
// plugins directory it sits in, so a dependent's rules can name the dependency's calendars. The order is only
// for the check at load: at run time the dependent reads the dependency through `outer` (the registry) when given.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ErrorDetail } from '../errors';
import { findPluginFolders, folderSource, readPluginFiles, MANIFEST_FILE, type PluginFiles } from './read-folder';
import type { BuildResult } from './build-plugin';
import type { DependencyLookup } from './dependency-calendars';
import type { PluginDefinition } from './types';

export type Build = (files: PluginFiles, dependencies: DependencyLookup) => BuildResult;

interface Folder {
  dir: string;
  files: PluginFiles;
  readErrors: ErrorDetail[];
  id: string | null;
  needs: string[];
}

async function readFolder(dir: string): Promise<Folder> {
  const { files, errors } = await readPluginFiles(folderSource(dir));
  const m = files[MANIFEST_FILE] as { id?: unknown; dependencies?: unknown } | undefined;
  const deps = Array.isArray(m?.dependencies) ? (m.dependencies as { id?: unknown }[]) : [];
  return {
    dir,
    files,
    readErrors: errors,
    id: typeof m?.id === 'string' ? m.id : null,
    needs: deps.map((d) => d?.id).filter((id): id is string => typeof id === 'string'),
  };
}

/** Folders with each one's dependencies (among them) before it; a cycle is broken where it is met. */
function dependencyOrder(folders: Folder[]): Folder[] {
  const byId = new Map<string, Folder>();
  for (const f of folders) if (f.id && !byId.has(f.id)) byId.set(f.id, f);
  const done = new Set<Folder>();
  const out: Folder[] = [];
  const visit = (f: Folder, path: Set<Folder>) => {
    if (done.has(f) || path.has(f)) return;
    path.add(f);
    for (const id of f.needs) {
      const dep = byId.get(id);
      if (dep) visit(dep, path);
    }
    done.add(f);
    out.push(f);
  };
  for (const f of folders) visit(f, new Set());
  return out;
}

export interface LoadedFolder { dir: string; result: BuildResult }

/** Every folder built, dependencies first; `outer` (installed plugins) is asked before those built here. */
export async function loadFolders(dirs: string[], build: Build, outer?: DependencyLookup): Promise<LoadedFolder[]> {
  const folders = await Promise.all(dirs.map(readFolder));
  const built = new Map<string, PluginDefinition>();
  const lookup: DependencyLookup = (id) => outer?.(id) ?? built.get(id);
  const out: LoadedFolder[] = [];
  for (const f of dependencyOrder(folders)) {
    let result: BuildResult;
    try {
      result = f.readErrors.length ? { errors: f.readErrors } : build(f.files, lookup);
    } catch (e) {
      // A plugin must never take the platform down: even an unforeseen fault becomes its error record.
      result = { errors: [{ pointer: '', message: { 'zh-CN': `插件加载失败:${String(e)}`, en: `Plugin failed to load: ${String(e)}` } }] };
    }
    if (result.plugin && !built.has(result.plugin.id)) built.set(result.plugin.id, result.plugin);
    out.push({ dir: f.dir, result });
  }
  // Reported in the order the folders were given, as before dependencies had an order.
  return dirs.map((d) => out.find((o) => o.dir === d)!);
}

/**
 * One plugin folder with what it depends on: folders beside it (the same plugins directory) and under `withRoots`
 * are candidates, read only when `outer` does not already have a dependency. Only the folder and the folders it
 * needs (transitively) are built.
 */
export async function loadFolderWithDependencies(dir: string, build: Build, outer?: DependencyLookup, withRoots: string[] = []): Promise<BuildResult> {
  const own = await readFolder(dir);
  if (own.readErrors.length) return { errors: own.readErrors };
  if (own.needs.every((id) => outer?.(id))) return build(own.files, (id) => outer?.(id));
  const roots = [path.dirname(dir), ...withRoots];
  const candidates = (await Promise.all(roots.map(findPluginFolders))).flat().filter((d) => path.resolve(d) !== path.resolve(dir));
  // Plugin folders given directly with --with are candidates themselves.
  for (const r of withRoots) if (await stat(path.join(r, MANIFEST_FILE)).then((s) => s.isFile(), () => false)) candidates.push(r);
  const others = await Promise.all(candidates.map(readFolder));
  const byId = new Map<string, Folder>();
  for (const f of others) if (f.id && !byId.has(f.id)) byId.set(f.id, f);
  const needed = new Set<string>();
  const want = (ids: string[]) => {
    for (const id of ids) {
      const f = byId.get(id);
      if (f && !outer?.(id) && !needed.has(f.dir)) {
        needed.add(f.dir);
        want(f.needs);
      }
    }
  };
  want(own.needs);
  const loaded = await loadFolders([...needed, dir], build, outer);
  return loaded[loaded.length - 1].result;
}
