// The banner every signed-in page shows while drafts typed offline wait in this browser: how many, which, kept when,
// and the server's reason for any it refused (only the officer may throw one away). It also starts the outbox that
// sends them when the connection returns.
import { useEffect } from 'react';
import { Alert, Button, Space } from 'antd';
import { useTexts } from '../texts';
import { RECORD_TEXTS } from './record-texts';
import { flush, settle, startOutbox, useWaitingDrafts } from './outbox';

export const hhmm = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

export function OfflineBanner({ userId }: { userId: string }) {
  const tx = useTexts(RECORD_TEXTS);
  useEffect(() => startOutbox(userId), [userId]);
  const drafts = useWaitingDrafts(userId);
  if (drafts.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      data-testid="offline-drafts"
      style={{ marginBottom: 12 }}
      message={`${drafts.length} ${tx('waitingDrafts')}`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {drafts.map((d) => (
            <li key={d.key} data-draft={d.key}>
              {d.label} · {tx('keptAt')} {hhmm(d.keptAt)}
              {d.refused && (
                <Space size={4} style={{ marginInlineStart: 8 }}>
                  <span>
                    · {tx('refused')}: {d.refused}
                  </span>
                  <Button size="small" danger onClick={() => void settle(d.key)}>
                    {tx('discard')}
                  </Button>
                </Space>
              )}
            </li>
          ))}
        </ul>
      }
      action={
        <Button size="small" onClick={() => void flush()}>
          {tx('sendNow')}
        </Button>
      }
    />
  );
}
