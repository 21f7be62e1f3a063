// A pack's files as a plugin file source: the loader reads them exactly as it reads a folder (same limits, same
// parse and validation), and nothing is written to disk on the way.
import { detail } from '../errors';
import { PLUGIN_FILE_LIMITS, tooLarge, type PluginFileSource } from '../plugins/read-folder';

export function memorySource(texts: ReadonlyMap<string, string>): PluginFileSource {
  return {
    async read(rel, budget) {
      const text = texts.get(rel);
      if (text === undefined)
        return { error: detail('', `找不到文件:${rel}`, `File not found: ${rel}`, { file: rel, code: 'FILE_MISSING' }) };
      const size = Buffer.byteLength(text, 'utf8');
      if (size > Math.min(PLUGIN_FILE_LIMITS.fileBytes, budget.bytes)) return { error: tooLarge(rel, size > PLUGIN_FILE_LIMITS.fileBytes) };
      budget.bytes -= size;
      return { text };
    },
  };
}
