// A record's follow-up items (problems to rectify): status, deadline and overdue, and the steps the user may take —
// mark rectified (date, note, evidence files), confirm, reopen with a comment. The server decides; a refusal is shown.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import { ApiError, api } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import { uploadAttachment } from '../attachments/upload';

interface Item {
  id: string;
  rule: string;
  title: LocalText | null;
  message: LocalText | null;
  status: 'open' | 'rectified' | 'confirmed' | 'reopened';
  deadline: string;
  overdue: boolean;
  rectifiedOn: string | null;
  note: string | null;
  evidence: string[];
  comment: string | null;
  revision: number;
}
interface FollowUps {
  declared: boolean;
  today: string;
  summary: { total: number; open: number; rectified: number; confirmed: number; reopened: number; overdue: number };
  may: { mark: boolean; confirm: boolean };
  evidence: { field: string; accept?: string[]; maxFiles?: number; required?: boolean } | null;
  items: Item[];
}

const TEXTS = {
  title: ['问题整改', 'Follow-ups'],
  deadline: ['整改期限', 'Deadline'],
  overdue: ['已逾期', 'Overdue'],
  open: ['待整改', 'Open'],
  rectified: ['已整改待确认', 'Rectified'],
  confirmed: ['已确认', 'Confirmed'],
  reopened: ['重新打开', 'Reopened'],
  rectify: ['标记已整改', 'Mark rectified'],
  confirm: ['确认整改', 'Confirm'],
  reopen: ['重新打开', 'Reopen'],
  rectifiedOn: ['整改完成日期', 'Rectified on'],
  note: ['整改说明', 'Note'],
  evidence: ['证明材料', 'Evidence'],
  comment: ['意见', 'Comment'],
  send: ['提交', 'Send'],
  cancel: ['取消', 'Cancel'],
  summary: [
    '共 {total} 项:待整改 {open},已整改 {rectified},已确认 {confirmed},逾期 {overdue}',
    '{total} items: {open} open, {rectified} rectified, {confirmed} confirmed, {overdue} overdue',
  ],
} as const;
const STATUS_COLOR = { open: 'orange', rectified: 'blue', confirmed: 'green', reopened: 'red' } as const;

export function FollowUpList({
  recordId,
  plugin,
  form,
  onChange,
}: {
  recordId: string;
  plugin: string;
  form: string;
  onChange?: () => void;
}) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const [data, setData] = useState<FollowUps | null>(null);
  const [editing, setEditing] = useState<{ id: string; action: 'rectify' | 'reopen' } | null>(null);
  const [rectifiedOn, setRectifiedOn] = useState('');
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setData(await api<FollowUps>('GET', `/api/records/${encodeURIComponent(recordId)}/follow-ups`));
  }, [recordId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!data || !data.declared || data.items.length === 0) return null;

  const run = async (item: Item, action: 'rectify' | 'confirm' | 'reopen') => {
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { revision: item.revision };
      if (action === 'rectify') {
        const evidence = [];
        for (const f of files)
          evidence.push((await uploadAttachment({ plugin, form, field: data.evidence?.field ?? '#followUp' }, f, () => {})).id);
        Object.assign(body, { rectifiedOn, note, evidence });
      }
      if (action === 'reopen') body.comment = note;
      await api('POST', `/api/records/${encodeURIComponent(recordId)}/follow-ups/${encodeURIComponent(item.id)}/${action}`, body);
      setEditing(null);
      setNote('');
      setFiles([]);
      await load();
      onChange?.();
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      setError(err ? [lt(err.text), ...err.details.map((d) => lt(d.message))].join(' — ') : String(e));
    } finally {
      setBusy(false);
    }
  };

  const s = data.summary;
  const summary = tx('summary').replace(/\{(\w+)\}/g, (_, k: keyof typeof s) => String(s[k] ?? ''));
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('title')}</h2>} data-testid="follow-ups">
      <Typography.Paragraph>{summary}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      <List
        size="small"
        dataSource={data.items}
        renderItem={(item) => (
          <List.Item data-testid={`follow-up-${item.rule}`}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <strong>{lt(item.title) || item.rule}</strong>
                <Tag color={STATUS_COLOR[item.status]}>{tx(item.status)}</Tag>
                <span>
                  {tx('deadline')}: {item.deadline}
                </span>
                {item.overdue && <Tag color="red">{tx('overdue')}</Tag>}
              </Space>
              {item.message && <span>{lt(item.message)}</span>}
              {item.rectifiedOn && (
                <span>
                  {tx('rectifiedOn')}: {item.rectifiedOn}
                  {item.note ? ` · ${item.note}` : ''}
                  {item.evidence.length ? ` · ${tx('evidence')} ${item.evidence.length}` : ''}
                </span>
              )}
              {item.comment && item.status === 'reopened' && (
                <span>
                  {tx('comment')}: {item.comment}
                </span>
              )}
              {editing?.id === item.id ? (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {editing.action === 'rectify' && (
                    <>
                      <label>
                        {tx('rectifiedOn')}{' '}
                        <input type="date" max={data.today} value={rectifiedOn} onChange={(e) => setRectifiedOn(e.target.value)} />
                      </label>
                      {data.evidence && (
                        <label>
                          {tx('evidence')}{' '}
                          <input
                            type="file"
                            multiple
                            accept={data.evidence.accept?.join(',')}
                            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
                          />
                        </label>
                      )}
                    </>
                  )}
                  <Input.TextArea
                    aria-label={editing.action === 'rectify' ? tx('note') : tx('comment')}
                    placeholder={editing.action === 'rectify' ? tx('note') : tx('comment')}
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                  />
                  <Space>
                    <Button type="primary" loading={busy} onClick={() => void run(item, editing.action)}>
                      {tx('send')}
                    </Button>
                    <Button onClick={() => setEditing(null)}>{tx('cancel')}</Button>
                  </Space>
                </Space>
              ) : (
                <Space>
                  {data.may.mark && (item.status === 'open' || item.status === 'reopened') && (
                    <Button
                      size="small"
                      onClick={() => {
                        setEditing({ id: item.id, action: 'rectify' });
                        setRectifiedOn(data.today);
                        setNote('');
                      }}
                    >
                      {tx('rectify')}
                    </Button>
                  )}
                  {data.may.confirm && item.status === 'rectified' && (
                    <Button size="small" type="primary" loading={busy} onClick={() => void run(item, 'confirm')}>
                      {tx('confirm')}
                    </Button>
                  )}
                  {data.may.confirm && (item.status === 'rectified' || item.status === 'confirmed') && (
                    <Button size="small" danger onClick={() => setEditing({ id: item.id, action: 'reopen' })}>
                      {tx('reopen')}
                    </Button>
                  )}
                </Space>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
