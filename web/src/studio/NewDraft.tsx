// Starting a draft: a blank plugin, a fork of an installed one (new id and title, optionally regions; the server
// records where it came from), or the next version of an installed one. Opens the editor on the new draft.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Radio, Select, Space } from 'antd';
import { ApiError } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import { loadSummaries, type PluginSummary } from '../plugin-summaries';
import { STUDIO_TEXTS } from './studio-texts';
import { createDraft, type NewDraft as Body } from './studio-api';

type Kind = 'blank' | 'fork' | 'edit';

export function NewDraft() {
  const { lt } = useI18n();
  const tx = useTexts(STUDIO_TEXTS);
  const [plugins, setPlugins] = useState<PluginSummary[]>([]);
  const [kind, setKind] = useState<Kind>('fork');
  const [source, setSource] = useState<string | undefined>(undefined);
  const [plugin, setPlugin] = useState('');
  const [title, setTitle] = useState('');
  const [regions, setRegions] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LocalText | string | null>(null);

  useEffect(() => {
    loadSummaries().then(
      (s) => setPlugins(s.plugins),
      (e) => setError(e instanceof ApiError ? e.text : String(e)),
    );
  }, []);

  const body = (): Body => {
    const t = { 'zh-CN': title.trim() };
    if (kind === 'blank') return { from: 'blank', plugin: plugin.trim(), title: t };
    if (kind === 'edit') return { from: 'edit', source: source ?? '' };
    const list = regions.split(/[,,\s]+/).filter(Boolean);
    return { from: 'fork', source: source ?? '', plugin: plugin.trim(), title: t, ...(list.length ? { regions: list } : {}) };
  };
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const d = await createDraft(body());
      window.location.hash = `#/admin/studio/${encodeURIComponent(d.id)}`;
    } catch (e) {
      setError(e instanceof ApiError ? e.text : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('newDraft')}</h2>} data-testid="new-draft">
      <Space direction="vertical" style={{ width: '100%', maxWidth: 520 }}>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} aria-label={tx('kind')}>
          <Radio value="blank">{tx('fromBlank')}</Radio>
          <Radio value="fork">{tx('fromFork')}</Radio>
          <Radio value="edit">{tx('fromEdit')}</Radio>
        </Radio.Group>
        {kind !== 'blank' && (
          <>
            <label htmlFor="draft-source">{tx('source')}</label>
            <Select
              id="draft-source"
              value={source}
              onChange={setSource}
              options={plugins.map((p) => ({ value: p.id, label: `${lt(p.title)} (${p.id}@${p.version})` }))}
              data-testid="draft-source"
            />
          </>
        )}
        {kind !== 'edit' && (
          <>
            <label htmlFor="draft-plugin">{tx('pluginId')}</label>
            <Input id="draft-plugin" value={plugin} onChange={(e) => setPlugin(e.target.value)} />
            <label htmlFor="draft-title">{tx('pluginTitle')}</label>
            <Input id="draft-title" value={title} onChange={(e) => setTitle(e.target.value)} />
          </>
        )}
        {kind === 'fork' && (
          <>
            <label htmlFor="draft-regions">{tx('regions')}</label>
            <Input id="draft-regions" value={regions} onChange={(e) => setRegions(e.target.value)} />
          </>
        )}
        {error && <Alert type="error" role="alert" message={lt(error)} data-testid="new-draft-error" />}
        <Button type="primary" loading={busy} onClick={() => void create()} data-testid="create-draft">
          {tx('create')}
        </Button>
      </Space>
    </Card>
  );
}
