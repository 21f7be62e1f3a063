// Which steps to offer and when to ask first (issue 15, safe steps). Pure functions over the API's step offers, so
// the single-record bar and the bulk actions decide alike.
import type { LocalText } from '../i18n';
import type { RecordSummary } from '../api-types';

export type StepOffer = RecordSummary['transitions'][number];

/** A step over a selection: the records it applies to, and the union of what the workflow(s) say about it. */
export interface BulkOffer {
  id: string;
  title: LocalText;
  /** Destructive for at least one of the records (a red button, a dialog that does not focus the confirm button). */
  danger: boolean;
  commentRequired: boolean;
  /** The declared consequence texts and target state titles, each once (records of several forms may differ). */
  confirmTexts: LocalText[];
  toTitles: LocalText[];
  /** The selected records this step applies to, in selection order. */
  records: RecordSummary[];
}

/**
 * Whether a step is asked once more before it is taken: always when the workflow says so (destructive, declared,
 * into a final state); and when it needs a comment none is written yet, so the dialog asks for it instead of an
 * error after the click.
 */
export function needsDialog(step: Pick<StepOffer, 'confirm' | 'commentRequired'>, comment: string): boolean {
  return step.confirm || (step.commentRequired && !comment.trim());
}

const sameText = (a: LocalText, b: LocalText) => a['zh-CN'] === b['zh-CN'] && a.en === b.en;
const addOnce = (list: LocalText[], t: LocalText | undefined) => {
  if (t && !list.some((x) => sameText(x, t))) list.push(t);
};

/**
 * Every step that applies to some of the selected records, in the order they first appear, each with the records it
 * applies to. Steps are matched by id: a selection across forms may hold the same step of several workflows.
 */
export function bulkOffers(records: RecordSummary[]): BulkOffer[] {
  const byId = new Map<string, BulkOffer>();
  for (const r of records) {
    for (const s of r.transitions) {
      let o = byId.get(s.id);
      if (!o) {
        o = { id: s.id, title: s.title, danger: false, commentRequired: false, confirmTexts: [], toTitles: [], records: [] };
        byId.set(s.id, o);
      }
      o.danger ||= s.danger;
      o.commentRequired ||= s.commentRequired;
      addOnce(o.confirmTexts, s.confirmText);
      addOnce(o.toTitles, s.toTitle);
      o.records.push(r);
    }
  }
  return [...byId.values()];
}

/**
 * What the dialog focuses first: the comment box when a comment is needed; for a destructive step Cancel, so a
 * stray Enter takes nothing; else the confirm button.
 */
export function firstFocus(q: { danger: boolean; commentRequired: boolean }): 'comment' | 'cancel' | 'ok' {
  if (q.commentRequired) return 'comment';
  return q.danger ? 'cancel' : 'ok';
}

/** The name a person knows a record by: its subject's title, else its subject code, else its id. */
export const recordName = (r: Pick<RecordSummary, 'id' | 'subject' | 'subjectTitle'>): string => r.subjectTitle || r.subject || r.id;

/** At most `max` names are listed; the rest are counted ("等 n 条"). */
export function namesShown(names: string[], max = 10): { shown: string[]; more: number } {
  return { shown: names.slice(0, max), more: Math.max(0, names.length - max) };
}
