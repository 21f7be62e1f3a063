// #/admin/studio: the drafts (plugin, version, where each came from, last saved), opened or deleted from here, and
// the form that starts a new one.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { ApiError } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import { ImportDraft } from './ImportDraft';
import { NewDraft } from './NewDraft';
import { STUDIO_TEXTS } from './studio-texts';
import { deleteDraft, listDrafts, type DraftSummary } from './studio-api';

export function DraftList() {
  const { t, lt } = useI18n();
  const tx = useTexts(STUDIO_TEXTS);
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null);
  const [error, setError] = useState<LocalText | string | null>(null);
  const fail = (e: unknown) => setError(e instanceof ApiError ? e.text : String(e));
  const load = useCallback(() => listDrafts().then(setDrafts, fail), []);
  useEffect(() => void load(), [load]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="studio">
      <a href="#/admin">{t('back')}</a>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {tx('title')}
      </Typography.Title>
      {error && <Alert type="error" role="alert" message={lt(error)} />}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('drafts')}</h2>}>
        <List
          data-testid="drafts"
          loading={drafts === null}
          locale={{ emptyText: <Typography.Text>{tx('noDrafts')}</Typography.Text> }}
          dataSource={drafts ?? []}
          renderItem={(d) => (
            <List.Item
              data-draft={d.id}
              actions={[
                <a key="open" href={`#/admin/studio/${encodeURIComponent(d.id)}`} aria-label={`${tx('open')} ${d.plugin}@${d.version}`}>
                  {tx('open')}
                </a>,
                <Popconfirm
                  key="delete"
                  title={tx('deleteConfirm')}
                  okText={tx('delete')}
                  cancelText={tx('cancel')}
                  onConfirm={() => deleteDraft(d.id, d.revision).then(load, fail)}
                >
                  {/* No space inserted into 删除: the accessible name must contain the visible text (axe). */}
                  <Button size="small" danger autoInsertSpace={false} aria-label={`${tx('delete')} ${d.plugin}@${d.version}`}>
                    {tx('delete')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={`${lt(d.title as never)} · ${d.plugin}@${d.version}`}
                description={
                  <Space wrap size={4}>
                    <Tag>
                      {tx('origin')}: {d.origin.kind}
                      {d.origin.from ? ` ← ${d.origin.from.plugin}@${d.origin.from.version}` : ''}
                    </Tag>
                    <span>
                      {tx('revision')} {d.revision} · {tx('updated')} {new Date(d.updatedAt).toLocaleString()}
                    </span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <NewDraft />
      <ImportDraft />
    </Space>
  );
}
