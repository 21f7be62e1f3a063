// Report values over a record's follow-up items: `followUps.open`, `.rectified`, `.confirmed`, `.reopened`,
// `.overdue` (open or reopened, deadline before the run's day) and `.total` — numbers, so a ledger sums them by unit.
import { text } from '../errors';
import { Refusal } from './translate-logic';
import type { Expr, FollowUpCount } from './types';

const COUNTS: readonly FollowUpCount[] = ['total', 'open', 'rectified', 'confirmed', 'reopened', 'overdue'];

export function followUpVar(path: string, pointer: string): Expr {
  const count = path.slice('followUps.'.length) as FollowUpCount;
  if (!COUNTS.includes(count))
    throw new Refusal(
      pointer,
      text(`不能读取 ${path}:整改事项只提供 ${COUNTS.join('、')}`, `Cannot read ${path}: follow-ups offer ${COUNTS.join(', ')}`),
    );
  return { k: 'follow-ups', count };
}
