// A folder chosen in the browser (<input webkitdirectory>) as the path → text the import takes: paths relative to
// the chosen folder (its own name cut off), only JSON and YAML files, hidden folders and node_modules left out —
// the server keeps just the files plugin.json names and refuses any path out of the folder.
const PLUGIN_FILE = /\.(json|ya?ml)$/;

export function relativePath(file: File): string {
  const full = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
  const parts = full.split('/');
  return parts.length > 1 ? parts.slice(1).join('/') : full;
}

export const wanted = (path: string) => PLUGIN_FILE.test(path) && !path.split('/').some((s) => s.startsWith('.') || s === 'node_modules');

export async function folderFiles(files: readonly File[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of files) {
    const path = relativePath(f);
    if (wanted(path)) out[path] = await f.text();
  }
  return out;
}
