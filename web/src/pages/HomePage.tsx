import { useEffect, useState } from 'react';
import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd';
import { ApiError, api } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { WorkLinks } from './WorkLinks';
import { policyNote, type PolicyWindow } from '../policy-window';

export type { Me, RecordView, RecordSummary, HistoryEvent } from '../api-types';
import type { HistoryEvent, Me, RecordPage, RecordSummary } from '../api-types';
import { ListItemMeta } from '../ListItemMeta';

interface FormEntry {
  plugin: string;
  pluginTitle: LocalText;
  form: string;
  title: LocalText;
  orgUnits: string[];
  policy?: PolicyWindow;
}

/** The last comment of a step that sent the record back to the state it is in now (a return). */
export function returnComment(events: HistoryEvent[], state: string): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.toState === state && e.fromState && e.fromState !== state) return e.comment || null;
  }
  return null;
}

function RecordList({ items, comments, testId }: { items: RecordSummary[]; comments?: Record<string, string | null>; testId: string }) {
  const { t, lt } = useI18n();
  return (
    <List
      data-testid={testId}
      dataSource={items}
      renderItem={(r) => (
        <List.Item
          actions={[
            <a key="open" href={`#/records/${encodeURIComponent(r.id)}`}>
              {t('open')}
            </a>,
          ]}
        >
          <ListItemMeta
            level={3}
            title={
              <a href={`#/records/${encodeURIComponent(r.id)}`}>
                {r.subjectTitle || r.subject || r.form} <Tag>{lt(r.stateTitle) || r.state}</Tag>
              </a>
            }
            description={
              <>
                <span>
                  {lt(r.orgUnit?.name)} · {r.period || '—'} · {new Date(r.updatedAt).toLocaleString()}
                </span>
                {comments?.[r.id] && (
                  <div data-testid="return-comment">
                    <strong>{t('reviewerComment')}:</strong> {comments[r.id]}
                  </div>
                )}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

export function HomePage({ me }: { me: Me }) {
  const { t, lt, locale } = useI18n();
  const roles = new Set(me.roles.map((r) => r.role));
  const [forms, setForms] = useState<FormEntry[]>([]);
  const [drafts, setDrafts] = useState<RecordSummary[]>([]);
  const [comments, setComments] = useState<Record<string, string | null>>({});
  const [queue, setQueue] = useState<RecordSummary[]>([]);
  const [plugins, setPlugins] = useState<{ id: string; title: LocalText }[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const { forms } = await api<{ forms: FormEntry[] }>('GET', '/api/forms');
      const { plugins } = await api<{
        plugins: { id: string; title: LocalText; workflows: { initial: string; states: { id: string }[] }[] }[];
      }>('GET', '/api/plugins');
      if (!live) return;
      setForms(forms);
      setPlugins(plugins);
      const initial = new Set(plugins.flatMap((p) => p.workflows.map((w) => w.initial)));
      const later = [...new Set(plugins.flatMap((p) => p.workflows.flatMap((w) => w.states.map((s) => s.id))))].filter(
        (s) => !initial.has(s),
      );
      if (forms.length) {
        const r = await api<RecordPage>('GET', `/api/records?state=${encodeURIComponent([...initial].join(','))}&limit=100&columns=`);
        const mine = r.items.filter((x) => x.editable);
        const found: Record<string, string | null> = {};
        await Promise.all(
          mine.map(async (x) => {
            const h = await api<{ events: HistoryEvent[] }>('GET', `/api/records/${encodeURIComponent(x.id)}/history`);
            found[x.id] = returnComment(h.events, x.state);
          }),
        );
        if (!live) return;
        setDrafts(mine);
        setComments(found);
      }
      if ((roles.has('reviewer') || roles.has('admin')) && later.length) {
        const r = await api<RecordPage>('GET', `/api/records?state=${encodeURIComponent(later.join(','))}&limit=100&columns=`);
        if (live) setQueue([...r.items].sort((a, b) => b.transitions.length - a.transitions.length));
      }
    })().catch((e) => live && setError(e instanceof ApiError ? lt(e.text) : String(e)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const returned = drafts.filter((d) => comments[d.id]);
  const plain = drafts.filter((d) => !comments[d.id]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('home')}
      </Typography.Title>
      {error && <Alert type="error" message={error} role="alert" />}
      <WorkLinks me={me} />
      {forms.length > 0 && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('formsToFill')}</h2>}>
          <List
            data-testid="forms"
            dataSource={forms}
            renderItem={(f) => {
              // A policy out of force is listed with why, its button disabled (the server refuses the record too).
              const note = policyNote(f.policy, locale);
              return (
                <List.Item
                  actions={[
                    note ? (
                      <Button key="new" disabled>
                        {t('newRecord')} · {lt(f.title)}
                      </Button>
                    ) : (
                      <Button key="new" type="primary" href={`#/new/${encodeURIComponent(f.plugin)}/${encodeURIComponent(f.form)}`}>
                        {t('newRecord')} · {lt(f.title)}
                      </Button>
                    ),
                  ]}
                >
                  <ListItemMeta
                    level={3}
                    title={lt(f.title)}
                    description={
                      <>
                        {lt(f.pluginTitle)}
                        {note && (
                          <div data-testid="policy-note">
                            <Typography.Text type="warning">{note}</Typography.Text>
                          </div>
                        )}
                      </>
                    }
                  />
                </List.Item>
              );
            }}
          />
        </Card>
      )}
      {returned.length > 0 && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('returned')}</h2>}>
          <RecordList items={returned} comments={comments} testId="returned" />
        </Card>
      )}
      {forms.length > 0 && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('myDrafts')}</h2>}>
          <RecordList items={plain} testId="drafts" />
        </Card>
      )}
      {(roles.has('reviewer') || roles.has('admin')) && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('queue')}</h2>}>
          <RecordList items={queue} testId="queue" />
        </Card>
      )}
      {roles.has('admin') && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('parameters')}</h2>}>
          <List
            data-testid="plugins"
            dataSource={plugins}
            renderItem={(p) => (
              <List.Item
                actions={[
                  <a key="p" href={`#/parameters/${encodeURIComponent(p.id)}`}>
                    {t('parameters')}
                  </a>,
                ]}
              >
                <ListItemMeta level={3} title={lt(p.title)} description={p.id} />
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
