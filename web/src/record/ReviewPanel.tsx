// The reviewer's side of a record: the comment box and the step buttons (TransitionBar), with what the last step
// said right under them. On a record under review it sits beside the record — at the head of the column that stays
// in view on wide screens, below the record on narrow ones — so the reviewer reads and decides without scrolling to
// the page's end.
import type { ReactNode } from 'react';

interface Props {
  /** The TransitionBar. */
  bar: ReactNode;
  /** What the last step said. */
  message: ReactNode;
  placement: 'side' | 'below';
}

export function ReviewPanel({ bar, message, placement }: Props) {
  return (
    <div data-testid="review-panel" data-placement={placement} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      {bar}
      {message}
    </div>
  );
}
