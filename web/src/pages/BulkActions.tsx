// One step over the selected records: only the steps every selected record allows are offered, each asked once more
// (n records, the step's name) before it is taken; each record's outcome (new state, or why it was refused) is listed
// after the step, since the server decides item by item.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { ApiError, api } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import type { RecordSummary } from '../api-types';

const TEXTS = {
  title: ['批量处理', 'Bulk steps'],
  selected: ['已选择 {n} 条记录', '{n} records selected'],
  none: ['在下表中勾选记录后,可对它们执行共同的操作', 'Select records in the table below to take a step they all allow'],
  noCommon: ['所选记录没有共同的可执行操作', 'The selected records have no step in common'],
  comment: ['意见(退回、不通过时必填)', 'Comment (required to return or reject)'],
  commentRequired: ['此操作需要填写意见', 'This step needs a comment'],
  results: ['处理结果', 'Results'],
  ok: ['成功', 'Done'],
  refused: ['未处理', 'Refused'],
  summary: ['成功 {ok} 条,未处理 {failed} 条', '{ok} done, {failed} refused'],
  confirm: ['确定对所选 {n} 条记录执行「{step}」?', 'Take the step "{step}" on the {n} selected records?'],
  yes: ['确定', 'Yes, take it'],
  no: ['取消', 'Cancel'],
} as const;

type Transition = RecordSummary['transitions'][number];
interface ItemResult {
  id: string;
  ok: boolean;
  state?: string;
  revision?: number;
  error?: { code: string; message: LocalText; details: { pointer: string; message: LocalText }[] };
}

/** The steps every record allows, in the order of the first record. */
export function commonTransitions(records: RecordSummary[]): Transition[] {
  if (records.length === 0) return [];
  return records[0].transitions.filter((t) => records.every((r) => r.transitions.some((x) => x.id === t.id)));
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
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ items: ItemResult[]; names: Record<string, string>; step: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const steps = commonTransitions(records);

  const take = async (t: Transition) => {
    if (t.commentRequired && !comment.trim()) {
      setCommentError(tx('commentRequired'));
      return;
    }
    setBusy(true);
    setCommentError(null);
    setError(null);
    const names = Object.fromEntries(records.map((r) => [r.id, r.subjectTitle || r.subject || r.id]));
    try {
      const r = await api<{ results: ItemResult[] }>('POST', '/api/records/bulk-transitions', {
        transition: t.id,
        comment: comment.trim() || undefined,
        items: records.map((x) => ({ id: x.id, revision: x.revision })),
      });
      setOutcome({ items: r.results, names, step: lt(t.title) });
      setComment('');
      onDone();
    } catch (e) {
      if (e instanceof ApiError) {
        const at = e.details.find((d) => d.pointer === '/comment');
        if (at) setCommentError(lt(at.message));
        else setError([lt(e.text), ...e.details.map((d) => lt(d.message))].join(':'));
      } else setError(String(e));
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
          <Form layout="vertical">
            <Form.Item
              label={tx('comment')}
              htmlFor="bulk-comment"
              validateStatus={commentError ? 'error' : undefined}
              help={commentError ?? undefined}
            >
              <Input.TextArea id="bulk-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
            </Form.Item>
          </Form>
          {steps.length === 0 ? (
            <Typography.Text>{tx('noCommon')}</Typography.Text>
          ) : (
            <Space wrap>
              {steps.map((t) => (
                <Popconfirm
                  key={t.id}
                  title={tx('confirm').replace('{n}', String(records.length)).replace('{step}', lt(t.title))}
                  okText={tx('yes')}
                  cancelText={tx('no')}
                  onConfirm={() => void take(t)}
                >
                  <Button data-bulk-transition={t.id} loading={busy}>
                    {lt(t.title)}
                  </Button>
                </Popconfirm>
              ))}
            </Space>
          )}
        </Space>
      )}
      {error && <Alert type="error" role="alert" message={error} style={{ marginTop: 12 }} />}
      {outcome && (
        <div data-testid="bulk-results" role="status" style={{ marginTop: 12 }}>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {tx('results')} · {outcome.step} ·{' '}
            {tx('summary')
              .replace('{ok}', String(okCount))
              .replace('{failed}', String(outcome.items.length - okCount))}
          </Typography.Title>
          <List
            size="small"
            dataSource={outcome.items}
            renderItem={(i) => (
              <List.Item data-record={i.id} data-ok={String(i.ok)}>
                <Space wrap>
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
                </Space>
              </List.Item>
            )}
          />
        </div>
      )}
    </Card>
  );
}
