// The English catalogue (i18n/en.json) is keyed by the zh-CN text. When a field's Chinese title changes, its English
// goes with it — to the new text, unless that text already has its own — and the old key is dropped once no file of
// the plugin still says it, so typing a title letter by letter neither loses the English nor leaves orphans behind.
import type { DraftFiles } from './studio-api';
import { formatJson } from './draft-files';

/** Whether any file other than the catalogue holds `text` as a JSON string (a title, a label, an enum name…). */
function stillSaid(files: DraftFiles, catalogue: string, text: string): boolean {
  const quoted = JSON.stringify(text);
  return Object.entries(files).some(([path, body]) => path !== catalogue && body.includes(quoted));
}

/** `files` (already holding the renamed schema) with the catalogue entry moved from `from` to `to`. */
export function renameInCatalogue(files: DraftFiles, catalogue: string, from: string, to: string): DraftFiles {
  // An emptied title keeps the entry: the admin is about to type the new one.
  if (from === to || !to || !(catalogue in files)) return files;
  let map: Record<string, string>;
  try {
    map = JSON.parse(files[catalogue]) as Record<string, string>;
  } catch {
    return files; // a catalogue that does not parse is the files tab's to fix; never rewrite it blind
  }
  if (!map || typeof map !== 'object' || Array.isArray(map) || !Object.prototype.hasOwnProperty.call(map, from)) return files;
  const next: Record<string, string> = { ...map };
  if (!Object.prototype.hasOwnProperty.call(next, to)) next[to] = map[from];
  if (!stillSaid(files, catalogue, from)) delete next[from];
  return { ...files, [catalogue]: formatJson(next) };
}
