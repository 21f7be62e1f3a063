// One step over the selected records (issue 15, safe steps): every step that applies to some of the selection is
// offered with how many it applies to ("退回 (3/7)"); it is asked once more in StepConfirmDialog, which names those
// records and the consequence and takes the comment; it is then taken on those records only. Each selected record's
// outcome is listed after: its new state, why the server refused it (it decides item by item), or that the step did
// not apply to it.
import { useState } from 'react';
import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd';
import { ApiError, api } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import type { RecordSummary } from '../api-types';
import { StepConfirmDialog } from '../steps/StepConfirmDialog';
import { bulkOffers, recordName, type BulkOffer } from '../steps/step-offers';
import { useWorkCounts } from '../shell/work-counts';

const TEXTS = {
  title: ['批量处理', 'Bulk steps'],
  selected: ['已选择 {n} 条记录', '{n} records selected'],
  none: ['在下表中勾选记录后,可对其中适用的记录执行操作', 'Select records in the table below to take a step on those it applies to'],
  noSteps: ['所选记录没有您可执行的操作', 'You may take no step on the selected records'],
  applies: ['适用于所选 {total} 条中的 {n} 条', 'Applies to {n} of the {total} selected'],
  needsComment: ['需填写意见', 'needs a comment'],
  results: ['处理结果', 'Results'],
  ok: ['成功', 'Done'],
  refused: ['未处理', 'Refused'],
  skipped: ['不适用', 'Not applicable'],
  skippedWhy: ['该记录当前不能执行此操作,未处理', 'This step does not apply to this record now; left as it is'],
  summary: ['成功 {ok} 条,未处理 {failed} 条', '{ok} done, {failed} refused'],
  summarySkipped: [',不适用 {n} 条', ', {n} not applicable'],
} as const;

interface ItemResult {
  id: string;
  ok: boolean;
  state?: string;
  revision?: number;
  error?: { code: string; message: LocalText; details: { pointer: string; message: LocalText }[] };
}
interface Outcome {
  items: ItemResult[];
  skipped: string[];
  names: Record<string, string>;
  step: string;
}

export function BulkActions({
  records,
  onDone,
  stateTitle,
}: {
  records: RecordSummary[];
  onDone: () => void;
  stateTitle: (id: string) => string;
}) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const counts = useWorkCounts();
  const [comment, setComment] = useState('');
  const [asking, setAsking] = useState<BulkOffer | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const offers = bulkOffers(records);

  const take = async (o: BulkOffer) => {
    setBusy(true);
    setError(null);
    const names = Object.fromEntries(records.map((r) => [r.id, recordName(r)]));
    const skipped = records.filter((r) => !o.records.includes(r)).map((r) => r.id);
    try {
      const r = await api<{ results: ItemResult[] }>('POST', '/api/records/bulk-transitions', {
        transition: o.id,
        comment: comment.trim() || undefined,
        items: o.records.map((x) => ({ id: x.id, revision: x.revision })),
      });
      setOutcome({ items: r.results, skipped, names, step: lt(o.title) });
      setComment('');
      onDone();
      counts.refresh();
    } catch (e) {
      if (e instanceof ApiError) setError([lt(e.text), ...e.details.map((d) => lt(d.message))].join(':'));
      else setError(String(e));
    } finally {
      setBusy(false);
    }
  };

  const okCount = outcome?.items.filter((i) => i.ok).length ?? 0;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('title')}</h2>} data-testid="bulk-actions">
      {records.length === 0 ? (
        <Typography.Text>{tx('none')}</Typography.Text>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text data-testid="bulk-count">{tx('selected').replace('{n}', String(records.length))}</Typography.Text>
          {offers.length === 0 ? (
            <Typography.Text>{tx('noSteps')}</Typography.Text>
          ) : (
            <Space wrap align="start">
              {offers.map((o) => {
                const hint = `bulk-hint-${o.id}`;
                const applies = tx('applies').replace('{n}', String(o.records.length)).replace('{total}', String(records.length));
                return (
                  <Space key={o.id} direction="vertical" size={2}>
                    <Button
                      data-bulk-transition={o.id}
                      data-count={o.records.length}
                      danger={o.danger}
                      loading={busy}
                      onClick={() => setAsking(o)}
                      aria-describedby={hint}
                    >
                      {lt(o.title)} ({o.records.length}/{records.length})
                    </Button>
                    <Typography.Text id={hint} type="secondary" style={{ fontSize: 12 }}>
                      {applies}
                      {o.commentRequired ? `;${tx('needsComment')}` : ''}
                    </Typography.Text>
                  </Space>
                );
              })}
            </Space>
          )}
        </Space>
      )}
      <StepConfirmDialog
        question={
          asking && {
            title: asking.title,
            danger: asking.danger,
            commentRequired: asking.commentRequired,
            confirmTexts: asking.confirmTexts,
            toTitles: asking.toTitles,
            names: asking.records.map(recordName),
            skipped: records.length - asking.records.length,
          }
        }
        comment={comment}
        onComment={setComment}
        onCancel={() => setAsking(null)}
        onOk={() => {
          const o = asking;
          setAsking(null);
          if (o) void take(o);
        }}
      />
      {error && <Alert type="error" role="alert" message={error} style={{ marginTop: 12 }} />}
      {outcome && (
        <div data-testid="bulk-results" role="status" style={{ marginTop: 12 }}>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {tx('results')} · {outcome.step} ·{' '}
            {tx('summary')
              .replace('{ok}', String(okCount))
              .replace('{failed}', String(outcome.items.length - okCount))}
            {outcome.skipped.length > 0 && tx('summarySkipped').replace('{n}', String(outcome.skipped.length))}
          </Typography.Title>
          <List
            size="small"
            dataSource={[...outcome.items, ...outcome.skipped.map((id) => ({ id, skipped: true as const }))]}
            renderItem={(i) => (
              <List.Item data-record={i.id} data-ok={'skipped' in i ? 'skipped' : String(i.ok)}>
                <Space wrap>
                  {'skipped' in i ? (
                    <>
                      <Tag>{tx('skipped')}</Tag>
                      <a href={`#/records/${encodeURIComponent(i.id)}`}>{outcome.names[i.id] ?? i.id}</a>
                      <span>{tx('skippedWhy')}</span>
                    </>
                  ) : (
                    <>
                      <Tag color={i.ok ? '#237804' : '#a8071a'}>{i.ok ? tx('ok') : tx('refused')}</Tag>
                      <a href={`#/records/${encodeURIComponent(i.id)}`}>{outcome.names[i.id] ?? i.id}</a>
                      {i.ok ? (
                        <span data-testid="bulk-state">→ {stateTitle(i.state ?? '')}</span>
                      ) : (
                        <span>
                          {lt(i.error?.message)}
                          {i.error?.details?.length ? `:${i.error.details.map((d) => lt(d.message)).join(';')}` : ''}
                        </span>
                      )}
                    </>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </div>
      )}
    </Card>
  );
}
