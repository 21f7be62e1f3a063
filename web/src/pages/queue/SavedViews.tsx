// Saved filters of the queue, kept on the server per user (GET/POST/DELETE /api/me/saved-views): choosing one
// applies it; the current filter is saved under a name (the same name replaces that view); the chosen one can be
// deleted. Nobody else sees them.
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Select, Space } from 'antd';
import { ApiError, api } from '../../api';
import { useI18n } from '../../i18n';
import { useTexts } from '../../texts';
import { filtersOf, viewOf, type Filters, type ViewFilter } from './queue-filters';

interface SavedView {
  id: string;
  name: string;
  filter: ViewFilter;
}

const TEXTS = {
  views: ['已保存的筛选', 'Saved views'],
  name: ['筛选名称', 'View name'],
  save: ['保存当前筛选', 'Save current filter'],
  remove: ['删除所选', 'Delete chosen'],
  saved: ['已保存“{name}”', 'Saved "{name}"'],
} as const;

export function SavedViews({ current, onApply }: { current: Filters; onApply: (f: Filters) => void }) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const [views, setViews] = useState<SavedView[]>([]);
  const [chosen, setChosen] = useState<string | undefined>();
  const [name, setName] = useState('');
  const [note, setNote] = useState<{ type: 'success' | 'error'; text: string } | null>(null);

  const reload = () => api<{ views: SavedView[] }>('GET', '/api/me/saved-views').then((r) => setViews(r.views));
  useEffect(() => {
    reload().catch(() => setViews([]));
  }, []);

  const fail = (e: unknown) => setNote({ type: 'error', text: e instanceof ApiError ? lt(e.text) : String(e) });
  const save = async () => {
    try {
      const v = await api<SavedView>('POST', '/api/me/saved-views', { name: name.trim(), filter: viewOf(current) });
      await reload();
      setChosen(v.id);
      setNote({ type: 'success', text: tx('saved').replace('{name}', v.name) });
    } catch (e) {
      fail(e);
    }
  };
  const remove = async () => {
    if (!chosen) return;
    try {
      await api('DELETE', `/api/me/saved-views/${encodeURIComponent(chosen)}`);
      setChosen(undefined);
      setNote(null);
      await reload();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Space wrap align="end" data-testid="saved-views">
      <Form.Item label={tx('views')} htmlFor="queue-view" style={{ marginBottom: 0 }}>
        <Select
          id="queue-view"
          data-testid="view-select"
          value={chosen}
          style={{ width: 200 }}
          onChange={(id: string) => {
            setChosen(id);
            const v = views.find((x) => x.id === id);
            if (v) onApply(filtersOf(v.filter));
          }}
          options={views.map((v) => ({ value: v.id, label: v.name }))}
        />
      </Form.Item>
      <Button danger disabled={!chosen} onClick={remove} data-testid="delete-view">
        {tx('remove')}
      </Button>
      <Form.Item label={tx('name')} htmlFor="view-name" style={{ marginBottom: 0 }}>
        <Input id="view-name" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} style={{ width: 160 }} />
      </Form.Item>
      <Button disabled={!name.trim()} onClick={save} data-testid="save-view">
        {tx('save')}
      </Button>
      {note && (
        <Alert type={note.type} message={note.text} showIcon role={note.type === 'error' ? 'alert' : 'status'} data-testid="view-note" />
      )}
    </Space>
  );
}
