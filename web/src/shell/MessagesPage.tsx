// 消息: what happened to the user's records — returned with a comment, or decided — newest first; unread ones stand
// out, and reading them (one, or all) clears the header bell.
import { useEffect, useState } from 'react';
import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import { ApiError, api } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import { useWorkCounts } from './work-counts';
import { ListItemMeta } from '../ListItemMeta';

const TEXTS = {
  title: ['消息', 'Messages'],
  none: ['暂无消息', 'No messages'],
  returned: ['已退回', 'Returned'],
  reached: ['有结果', 'Decided'],
  unread: ['未读', 'Unread'],
  markRead: ['标为已读', 'Mark read'],
  markAll: ['全部标为已读', 'Mark all read'],
  by: ['操作人', 'By'],
  comment: ['意见', 'Comment'],
  open: ['打开记录', 'Open the record'],
  more: ['更多', 'More'],
} as const;

interface Titled {
  id: string;
  title: LocalText | null;
}
interface Message {
  id: string;
  kind: 'returned' | 'reached';
  read: boolean;
  createdAt: string;
  comment: string | null;
  actor: string | null;
  record: { id: string; plugin: string; form: string; formTitle: LocalText | null; subject: string | null };
  transition: Titled;
  fromState: Titled;
  toState: Titled;
}

const PAGE = 20;

export function MessagesPage() {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const { refresh } = useWorkCounts();
  const [items, setItems] = useState<Message[]>([]);
  const [total, setTotal] = useState(0);
  const [unread, setUnread] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = async (offset: number) => {
    setLoading(true);
    try {
      const r = await api<{ items: Message[]; total: number; unread: number }>('GET', `/api/me/messages?limit=${PAGE}&offset=${offset}`);
      setItems((had) => (offset === 0 ? r.items : [...had, ...r.items]));
      setTotal(r.total);
      setUnread(r.unread);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? lt(e.text) : String(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const markRead = async (body: { ids: string[] } | { all: true }) => {
    try {
      const r = await api<{ unread: number }>('POST', '/api/me/messages/read', body);
      setItems((had) => had.map((m) => ('all' in body || body.ids.includes(m.id) ? { ...m, read: true } : m)));
      setUnread(r.unread);
      refresh();
    } catch (e) {
      setError(e instanceof ApiError ? lt(e.text) : String(e));
    }
  };

  const title = (t: Titled) => lt(t.title) || t.id;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="messages-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {tx('title')}
        </Typography.Title>
        <Button onClick={() => markRead({ all: true })} disabled={unread === 0} data-testid="mark-all-read">
          {tx('markAll')}
        </Button>
      </Space>
      {error && <Alert type="error" role="alert" message={error} />}
      <List<Message>
        bordered
        loading={loading && items.length === 0}
        dataSource={items}
        locale={{ emptyText: tx('none') }}
        style={{ background: '#fff' }}
        renderItem={(m) => (
          <List.Item
            data-testid="message"
            data-read={m.read ? 'yes' : 'no'}
            actions={[
              <a key="open" href={`#/records/${encodeURIComponent(m.record.id)}`} onClick={() => !m.read && void markRead({ ids: [m.id] })}>
                {tx('open')}
              </a>,
              ...(m.read
                ? []
                : [
                    <Button key="read" size="small" onClick={() => markRead({ ids: [m.id] })}>
                      {tx('markRead')}
                    </Button>,
                  ]),
            ]}
          >
            <ListItemMeta
              level={2}
              title={
                <Space wrap>
                  {!m.read && <Tag color="red">{tx('unread')}</Tag>}
                  <Tag>{tx(m.kind)}</Tag>
                  <span style={{ fontWeight: m.read ? 'normal' : 600 }}>
                    {m.record.subject ?? m.record.id} · {lt(m.record.formTitle) || m.record.form}: {title(m.transition)} →{' '}
                    {title(m.toState)}
                  </span>
                </Space>
              }
              description={
                <>
                  {m.comment && (
                    <div data-testid="message-comment">
                      {tx('comment')}: {m.comment}
                    </div>
                  )}
                  <div>
                    {m.actor ? `${tx('by')}: ${m.actor} · ` : ''}
                    {new Date(m.createdAt).toLocaleString()}
                  </div>
                </>
              }
            />
          </List.Item>
        )}
      />
      {items.length < total && (
        <Button onClick={() => load(items.length)} loading={loading}>
          {tx('more')}
        </Button>
      )}
    </Space>
  );
}
