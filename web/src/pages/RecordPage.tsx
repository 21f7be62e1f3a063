// One record: the plugin's form rendered by rjsf, live rule results computed in the browser beside it, saving,
// workflow steps with a comment, and the history. The server's results replace the live ones after a save.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Input, List, Row, Space, Tag, Typography } from 'antd';
import Form from '@rjsf/antd';
import { ApiError, api } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { RulePanel } from '../RulePanel';
import { clientForm, defaultPeriod, evaluateLive, extraErrorsOf, loadPlugin, today, translate, unclamp, validator, type ClientForm } from '../plugin';
import type { HistoryEvent, Me, RecordView } from './HomePage';

interface Props { me: Me; recordId?: string; plugin?: string; form?: string }

const newId = () => (crypto.randomUUID ? crypto.randomUUID() : `r-${Date.now()}-${Math.random().toString(36).slice(2)}`);

export function RecordPage({ recordId, plugin: pluginId, form: formId }: Props) {
  const { t, lt, locale } = useI18n();
  const [record, setRecord] = useState<RecordView | null>(null);
  const [form, setForm] = useState<ClientForm | null>(null);
  const [params, setParams] = useState<Record<string, unknown>>({});
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [dirty, setDirty] = useState(false);
  const [orgUnitId, setOrgUnitId] = useState<string | null>(null);
  const [period, setPeriod] = useState('');
  const [history, setHistory] = useState<HistoryEvent[]>([]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ extraErrors: Record<string, any>; general: string[]; title: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [createId] = useState(newId);

  const loadHistory = async (id: string) => {
    const h = await api<{ events: HistoryEvent[] }>('GET', `/api/records/${encodeURIComponent(id)}/history`);
    setHistory(h.events);
  };

  useEffect(() => {
    let live = true;
    (async () => {
      if (recordId) {
        const r = await api<RecordView>('GET', `/api/records/${encodeURIComponent(recordId)}`);
        const pl = await loadPlugin(r.plugin.id, r.plugin.version);
        const p = await api<{ values: Record<string, unknown> }>('GET', `/api/plugins/${encodeURIComponent(r.plugin.id)}/parameters`);
        if (!live) return;
        setRecord(r);
        setFormData(r.data ?? {});
        setPeriod(r.period);
        setForm(clientForm(pl, r.form));
        setParams(p.values);
        await loadHistory(r.id);
      } else if (pluginId && formId) {
        const pl = await loadPlugin(pluginId);
        const p = await api<{ values: Record<string, unknown> }>('GET', `/api/plugins/${encodeURIComponent(pluginId)}/parameters`);
        const { forms } = await api<{ forms: { plugin: string; form: string; orgUnits: string[] }[] }>('GET', '/api/forms');
        if (!live) return;
        const f = clientForm(pl, formId);
        setForm(f);
        setParams(p.values);
        setPeriod(defaultPeriod(f.periodKind));
        setOrgUnitId(forms.find((x) => x.plugin === pluginId && x.form === formId)?.orgUnits[0] ?? null);
      }
    })().catch((e) => live && setErrors({ extraErrors: {}, general: [], title: e instanceof ApiError ? lt(e.text) : String(e) }));
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [recordId, pluginId, formId]);

  const editable = record ? record.editable : !!form;
  const shown = useMemo(() => (form ? unclamp(translate(form.schema, form.translations, locale), translate(form.uiSchema, form.translations, locale)) : null), [form, locale]);
  const schema = shown?.schema ?? null;
  const uiSchema = shown?.uiSchema ?? {};
  const live = useMemo(() => {
    if (!form || !editable) return null;
    return evaluateLive(form, {
      data: formData, params, asOf: today(),
      record: { id: record?.id, period, state: record?.state },
    });
  }, [form, editable, formData, params, period, record?.id, record?.state]);

  const showLive = editable && (dirty || !record);
  const results = showLive ? live : record?.results ?? null;

  const fail = (e: unknown) => {
    if (e instanceof ApiError) setErrors({ ...extraErrorsOf(e.details, locale, '/data'), title: lt(e.text) });
    else setErrors({ extraErrors: {}, general: [], title: String(e) });
  };

  const save = async (): Promise<RecordView | null> => {
    if (!form) return null;
    setBusy(true);
    setErrors(null);
    setNotice(null);
    try {
      const r = record
        ? await api<RecordView>('PUT', `/api/records/${encodeURIComponent(record.id)}`, { revision: record.revision, data: formData })
        : await api<RecordView>('POST', '/api/records', { id: createId, plugin: pluginId, form: formId, period, orgUnitId, data: formData });
      setRecord(r);
      setFormData(r.data ?? {});
      setDirty(false);
      setNotice(t('saved'));
      await loadHistory(r.id);
      if (!record) window.history.replaceState(null, '', `#/records/${encodeURIComponent(r.id)}`);
      return r;
    } catch (e) {
      fail(e);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const step = async (tr: RecordView['transitions'][number]) => {
    let r = record;
    if (!r) return;
    if (tr.commentRequired && !comment.trim()) {
      setErrors({ extraErrors: {}, general: [], title: t('commentRequired') });
      return;
    }
    if (r.editable && dirty) {
      r = await save();
      if (!r) return;
    }
    setBusy(true);
    setErrors(null);
    setNotice(null);
    try {
      const next = await api<RecordView>('POST', `/api/records/${encodeURIComponent(r.id)}/transitions`, { revision: r.revision, transition: tr.id, comment: comment.trim() || undefined });
      setRecord(next);
      setFormData(next.data ?? {});
      setComment('');
      setNotice(`${lt(tr.title)} · ${t('done')}`);
      await loadHistory(next.id);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  if (!form || !schema) {
    return errors ? <Alert type="error" message={errors.title} role="alert" /> : <p>{t('loading')}</p>;
  }

  const step_ = (id: string) => lt(form.steps[id]) || id;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <a href="#/">{t('back')}</a>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {lt(form.title)} {record && <Tag data-testid="state">{lt(record.stateTitle) || record.state}</Tag>}
      </Typography.Title>
      {notice && <Alert type="success" message={notice} data-testid="notice" role="status" />}
      {errors && (
        <Alert type="error" role="alert" data-testid="errors" message={errors.title}
          description={errors.general.length ? <ul>{errors.general.map((g, i) => <li key={i}>{g}</li>)}</ul> : undefined} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small">
            {!record && form.periodKind !== 'none' && (
              <div style={{ marginBottom: 12 }}>
                <label htmlFor="record-period">{t('period')}</label>
                <Input id="record-period" value={period} onChange={(e) => setPeriod(e.target.value)} style={{ maxWidth: 200, marginLeft: 8 }} />
              </div>
            )}
            <Form
              schema={schema}
              uiSchema={uiSchema}
              validator={validator}
              showErrorList={false}
              formData={formData}
              readonly={!editable}
              disabled={busy}
              noValidate
              extraErrors={errors?.extraErrors}
              onChange={(e) => { setFormData((e.formData ?? {}) as Record<string, unknown>); setDirty(true); }}
              onSubmit={() => { void save(); }}
            >
              {editable ? (
                <Button type="primary" htmlType="submit" loading={busy} data-testid="save">{t('save')}</Button>
              ) : <></>}
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <RulePanel results={results} title={showLive ? t('liveResults') : t('serverResults')} testId="rule-panel" />
        </Col>
      </Row>
      {record && record.transitions.length > 0 && (
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('actions')}</h2>}>
          <label htmlFor="transition-comment">{t('comment')}</label>
          <Input.TextArea id="transition-comment" value={comment} onChange={(e) => setComment(e.target.value)} rows={3} style={{ margin: '8px 0' }} />
          <Space wrap>
            {record.transitions.map((tr) => (
              <Button key={tr.id} data-transition={tr.id} onClick={() => void step(tr)} disabled={busy}>{lt(tr.title)}</Button>
            ))}
          </Space>
        </Card>
      )}
      {record && (
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('history')}</h2>}>
          <List size="small" data-testid="history" dataSource={history} renderItem={(h) => (
            <List.Item>
              <div>
                <div>{new Date(h.at).toLocaleString(locale)} · {h.actor?.name ?? '—'} · {h.transition ? step_(h.transition) : h.action}
                  {h.fromState !== h.toState && h.toState ? ` · ${h.fromState ? step_(h.fromState) : ''} → ${step_(h.toState)}` : ''}</div>
                {h.comment && <div><strong>{t('comment')}:</strong> {h.comment}</div>}
              </div>
            </List.Item>
          )} />
        </Card>
      )}
    </Space>
  );
}

export type { LocalText };
