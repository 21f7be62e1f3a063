// The files of an imported folder or pack, checked before any draft is made of them: every path safe and inside
// the plugin (the pack's own sub-codes: PATH_TRAVERSAL, PATH_ABSOLUTE …), no more than a pack may hold, plugin.json
// and every file it names present and parsing (file and line, as the loader reports them). Files plugin.json does
// not name (a README.json, an editor's settings) are left out and listed, as a pack would not carry them. What
// only the whole plugin can say (a rule reading an unknown field …) does not refuse an import: the studio's check
// shows it, so a half-finished plugin can be imported to be finished.
import { HezuoError, detail, type ErrorDetail } from '../errors';
import { memorySource } from '../packs/memory-source';
import { pathProblem } from '../packs/read-pack';
import { readPluginFiles } from '../plugins/read-folder';
import { MANIFEST_FILE } from '../plugins/types';
import { checkDraftFiles, type DraftFiles } from './draft-files';

const at = (path: string) => `/files/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`;

export interface ImportFiles {
  files: DraftFiles;
  /** Parsed plugin.json (an object: readPluginFiles checked it parses). */
  manifest: Record<string, unknown>;
  /** Paths given but not named by plugin.json, left out. */
  skipped: string[];
}

export async function importFiles(given: DraftFiles): Promise<ImportFiles> {
  const unsafe: ErrorDetail[] = [];
  for (const path of Object.keys(given)) {
    const problem = pathProblem(path);
    if (problem) unsafe.push(detail(at(path), `${problem.zh}:${path}`, `${problem.en}: ${path}`, { code: problem.sub, file: path }));
    if (unsafe.length >= 50) break;
  }
  if (unsafe.length) throw new HezuoError('STUDIO_FILES_INVALID', unsafe);
  // Budgets (count, per file, in all) and plugin.json present, on what was given: a huge folder is refused whole.
  checkDraftFiles(given);
  const read = await readPluginFiles(memorySource(new Map(Object.entries(given))));
  if (read.errors.length) throw new HezuoError('PLUGIN_INVALID', read.errors.slice(0, 50));
  const files: DraftFiles = {};
  for (const path of Object.keys(read.texts).sort()) files[path] = given[path];
  const skipped = Object.keys(given)
    .filter((p) => !(p in files))
    .sort();
  return { files, manifest: read.files[MANIFEST_FILE] as Record<string, unknown>, skipped };
}
