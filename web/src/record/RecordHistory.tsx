// A record's history under its form: when, who, which step or action, the state it moved from and to, the comment,
// and what each save changed, field by field, before → after in words. A first save lists what was filled, folded.
import { Card, List } from 'antd';
import { useI18n, type LocalText } from '../i18n';
import type { HistoryEvent } from '../api-types';
import { useTexts } from '../texts';
import { VALUE_TEXTS } from '../values/format-value';
import { RECORD_TEXTS } from './record-texts';
import { changeLines, type ChangeLine } from './history-changes';

/** Lines shown unfolded; the rest behind "all changes". */
const SHOWN = 8;

function Lines({ lines }: { lines: ChangeLine[] }) {
  return (
    <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
      {lines.map((l) => (
        <li key={l.pointer} data-testid="history-change" data-pointer={l.pointer}>
          {l.field}: {l.before} → {l.after}
        </li>
      ))}
    </ul>
  );
}

export function RecordHistory({
  events,
  steps,
  schema,
}: {
  events: HistoryEvent[];
  steps: Record<string, LocalText>;
  /** The form's schema as shown (translated): field titles and how values read. */
  schema: Record<string, unknown>;
}) {
  const { t, lt, locale } = useI18n();
  const tx = useTexts({ ...RECORD_TEXTS, ...VALUE_TEXTS });
  const words = { locale, yes: tx('yes'), no: tx('no'), none: tx('none') };
  const step = (id: string) => lt(steps[id]) || id;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('history')}</h2>}>
      <List
        size="small"
        data-testid="history"
        dataSource={events}
        renderItem={(h) => {
          const { lines, outcomes } = changeLines(h.action, h.changes, schema, words);
          const first = h.action === 'create';
          return (
            <List.Item>
              <div style={{ width: '100%' }}>
                <div>
                  {new Date(h.at).toLocaleString(locale)} · {h.actor?.name ?? '—'} · {h.transition ? step(h.transition) : h.action}
                  {h.fromState !== h.toState && h.toState ? ` · ${h.fromState ? step(h.fromState) : ''} → ${step(h.toState)}` : ''}
                </div>
                {h.comment && (
                  <div>
                    <strong>{t('comment')}:</strong> {h.comment}
                  </div>
                )}
                {lines.length > 0 && !first && <Lines lines={lines.slice(0, SHOWN)} />}
                {lines.length > (first ? 0 : SHOWN) && (
                  <details>
                    <summary>{first ? `${tx('filledFields')} ${lines.length}` : `${tx('allChanges')} (${lines.length})`}</summary>
                    <Lines lines={first ? lines : lines.slice(SHOWN)} />
                  </details>
                )}
                {outcomes > 0 && <div>{`${tx('outcomesChanged')}: ${outcomes}`}</div>}
              </div>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
