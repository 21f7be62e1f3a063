// A record's status from the records linking to it (a form's `links`, GET /api/records/:id/links), as of a day the
// user picks (today by default): computed by the server on every read, so it follows changes of linked records
// nobody made on this record. Nothing is shown for a form that declares no links. The raw counts stay in the API:
// their names are the plugin's identifiers, not words an officer reads.
import { useEffect, useState } from 'react';
import { Alert, Card, Input, Space, Tag } from 'antd';
import { ApiError, api } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';

interface Links {
  on: string;
  declared: boolean;
  counts: Record<string, number>;
  status: { id: string; title: LocalText } | null;
}

const TEXTS = {
  title: ['关联状态', 'Linked status'],
  asOf: ['截至', 'As of'],
} as const;

export function LinkedStatus({ recordId }: { recordId: string }) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const [on, setOn] = useState('');
  const [data, setData] = useState<Links | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    const query = on ? `?on=${encodeURIComponent(on)}` : '';
    api<Links>('GET', `/api/records/${encodeURIComponent(recordId)}/links${query}`).then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
        if (!on) setOn(d.on);
      },
      (e) => {
        if (live) setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [recordId, on]);

  if (!data?.declared) return null;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('title')}</h2>} data-testid="linked-status">
      <Space wrap>
        <label>
          {tx('asOf')}{' '}
          <Input
            type="date"
            value={on}
            onChange={(e) => e.target.value && setOn(e.target.value)}
            style={{ width: 160 }}
            data-testid="linked-status-on"
          />
        </label>
        {data.status && (
          <Tag color="blue" data-testid="linked-status-value" data-status={data.status.id}>
            {lt(data.status.title)}
          </Tag>
        )}
      </Space>
      {error !== null && (
        <Alert
          type="error"
          showIcon
          message={error instanceof ApiError ? [lt(error.text), ...error.details.map((d) => lt(d.message))].join(' — ') : String(error)}
          style={{ marginTop: 8 }}
        />
      )}
    </Card>
  );
}
