// A record's history under its form: when, who, which step or action, the state it moved from and to, the comment.
import { Card, List } from 'antd';
import { useI18n, type LocalText } from '../i18n';
import type { HistoryEvent } from '../api-types';

export function RecordHistory({ events, steps }: { events: HistoryEvent[]; steps: Record<string, LocalText> }) {
  const { t, lt, locale } = useI18n();
  const step = (id: string) => lt(steps[id]) || id;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('history')}</h2>}>
      <List
        size="small"
        data-testid="history"
        dataSource={events}
        renderItem={(h) => (
          <List.Item>
            <div>
              <div>
                {new Date(h.at).toLocaleString(locale)} · {h.actor?.name ?? '—'} · {h.transition ? step(h.transition) : h.action}
                {h.fromState !== h.toState && h.toState ? ` · ${h.fromState ? step(h.fromState) : ''} → ${step(h.toState)}` : ''}
              </div>
              {h.comment && (
                <div>
                  <strong>{t('comment')}:</strong> {h.comment}
                </div>
              )}
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
