// The notice over a new record's form whose draft was put back from this browser: when it was kept, and a way to
// throw it away and start over.
import { Alert, Button } from 'antd';
import { useTexts } from '../texts';
import { RECORD_TEXTS } from './record-texts';
import { hhmm } from './OfflineBanner';

export function DraftRestored({ keptAt, onDiscard }: { keptAt: number; onDiscard: () => void }) {
  const tx = useTexts(RECORD_TEXTS);
  return (
    <Alert
      type="info"
      showIcon
      role="status"
      data-testid="draft-restored"
      style={{ marginBottom: 12 }}
      message={tx('draftRestored')}
      description={`${tx('keptAt')} ${hhmm(keptAt)}`}
      action={
        <Button size="small" danger onClick={onDiscard} data-testid="discard-draft">
          {tx('discardDraft')}
        </Button>
      }
    />
  );
}
