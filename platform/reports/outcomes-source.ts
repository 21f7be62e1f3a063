// The outcomes data set: one row per record × rule outcome (the failed checks by default), so a problem ledger is a
// report. Records store only the ids of their outcomes (evaluation/compact-results.ts); what a row says about its
// rule — code, category, message, title, pointer — is the plugin version's own words, compiled here once per
// version and bound into the statement (store/report-outcomes.ts), never read from the record.
import { text } from '../errors';
import type { CheckRule, FormDefinition } from '../plugins/types';
import { Refusal } from './translate-logic';
import type { Expr, OutcomeColumn, OutcomeDefinition, OutcomesSource } from './types';

const COLUMNS: Record<string, OutcomeColumn> = {
  'outcome.id': 'outcome.id',
  'outcome.kind': 'outcome.kind',
  'outcome.code': 'outcome.code',
  'outcome.category': 'outcome.category',
  'outcome.group': 'outcome.group',
  'outcome.severity': 'outcome.severity',
  'outcome.pointer': 'outcome.pointer',
  'outcome.reference': 'outcome.reference',
};

/** The check (and eligibility) rules of the form whose outcomes the source lists, in file order. */
export function outcomeDefinitions(form: FormDefinition, source: OutcomesSource): OutcomeDefinition[] {
  const kinds = new Set(source.kinds ?? ['check']);
  return form.rules
    .map((r) => r.rule)
    .filter((r): r is CheckRule => (r.kind === 'check' || r.kind === 'eligibility') && kinds.has(r.kind))
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      code: r.code ?? null,
      category: r.category ?? null,
      group: r.group ?? null,
      severity: r.severity,
      pointer: r.pointer ?? null,
      reference: r.reference ?? null,
      message: r.message,
      title: r.title,
    }));
}

/**
 * `outcome.…` in a report's logic: text columns, and the message and title as localized text (a report row shows
 * them in the user's language, report-labels.ts). Undefined for any other path.
 */
export function outcomeVar(path: string, pointer: string): Expr | undefined {
  if (!path.startsWith('outcome.')) return undefined;
  const column = COLUMNS[path];
  if (column) return { k: 'column', column, type: 'text' };
  if (path === 'outcome.message' || path === 'outcome.title') return { k: 'field', source: path, path: [], type: 'json', safe: false };
  throw new Refusal(
    pointer,
    text(
      `不能读取 ${path}:规则结果行只有 outcome.id、code、category、group、kind、severity、pointer、reference、message、title`,
      `Cannot read ${path}: an outcome row has outcome.id, code, category, group, kind, severity, pointer, reference, message and title`,
    ),
  );
}
