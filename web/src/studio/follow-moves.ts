// The field tree's moves (one field dragged or sent to a section, or several gathered into a new one) applied to
// what names them, in turn, with one notice for the admin of what changed (rename-field-paths.ts).
import type { LocalText } from '../i18n';
import type { DraftFiles } from './studio-api';
import { renameFieldPaths, renameSummary, type PathRename, type RefKind } from './rename-field-paths';

export interface MoveNotice {
  /** "已更新 3 条规则、1 个报表中的引用", or that nothing named the fields. */
  summary: LocalText;
  /** Rule files another form shares, left as they were. */
  shared: string[];
}

const NOTHING: LocalText = { 'zh-CN': '没有其他文件引用被移动的字段', en: 'No other file named the moved field(s)' };

export function followMoves(
  files: DraftFiles,
  formId: string,
  moves: { from: string[]; to: string[] }[],
): { files: DraftFiles; notice: MoveNotice | null } {
  const real = moves.filter((m) => m.from.join('.') !== m.to.join('.')); // a reorder within a level renames nothing
  if (!real.length) return { files, notice: null };
  let out = files;
  const units: Partial<Record<RefKind, Set<string>>> = {};
  const shared = new Set<string>();
  for (const { from, to } of real) {
    const r = renameFieldPaths(out, formId, from, to);
    out = r.files;
    // A rule naming two of the moved fields is one rule changed.
    for (const [k, names] of Object.entries(r.units) as [RefKind, string[]][]) names.forEach((n) => (units[k] ??= new Set()).add(n));
    r.shared.forEach((s) => shared.add(s));
  }
  const changed: PathRename['changed'] = {};
  for (const [k, set] of Object.entries(units) as [RefKind, Set<string>][]) if (set.size) changed[k] = set.size;
  const notice: MoveNotice = { summary: renameSummary(changed) ?? NOTHING, shared: [...shared] };
  return { files: out, notice };
}
