// One record: the plugin's form rendered by rjsf, live rule results and field errors computed in the browser beside
// it, attachments, saving, workflow steps with a comment, and the history. The server's results replace the live
// ones after a save. Everything handed to rjsf is memoised: a keystroke re-validates the data, it recompiles nothing.
// A keystroke re-renders the form once, and within it only the fields on the changed path (see MemoForm).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Input, List, Row, Space, Tag, Typography } from 'antd';
import { ApiError, api, type ErrorDetail } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { RulePanel } from '../RulePanel';
import { TransitionBar, type StepInfo } from '../TransitionBar';
import { withAttachmentFields, type AttachmentContext } from '../attachments/attachment-fields';
import { MemoForm } from '../MemoForm';
import { FollowUpList } from './FollowUpList';
import { liveErrors, maskedAsSent, sameOrNew, serverErrorsStill } from '../form-validation';
import { clientForm, defaultPeriod, evaluateWithData, loadForm, today, translate, unclamp, type ClientForm } from '../plugin';
import type { CreateRecordBody, HistoryEvent, Me, RecordView, TransitionBody, UpdateRecordBody } from '../api-types';

const EMPTY: Record<string, any> = {};
/** The form has no submit button; a submit event can only be the browser's implicit one (Enter in a field). */
const ignoreSubmit = () => {};

interface Props {
  me: Me;
  recordId?: string;
  plugin?: string;
  form?: string;
}

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
  const [errors, setErrors] = useState<{ general: string[]; title: string } | null>(null);
  /** The server's field errors of the last refused save, with the data it refused. */
  const [refusal, setRefusal] = useState<{ details: ErrorDetail[]; data: unknown } | null>(null);
  /** Required fields are pointed out only once the officer tries to submit: drafts may be incomplete. */
  const [showRequired, setShowRequired] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [createId] = useState(newId);

  const loadHistory = async (id: string) => {
    const h = await api<{ events: HistoryEvent[] }>('GET', `/api/records/${encodeURIComponent(id)}/history`);
    setHistory(h.events);
  };
  // A follow-up step re-evaluates the record (new revision, perhaps a new class): show the server's record again.
  const reloadAfterFollowUp = async (id: string) => {
    const r = await api<RecordView>('GET', `/api/records/${encodeURIComponent(id)}`);
    setRecord(r);
    setFormData(r.data ?? {});
    await loadHistory(id);
  };

  useEffect(() => {
    let live = true;
    (async () => {
      if (recordId) {
        const r = await api<RecordView>('GET', `/api/records/${encodeURIComponent(recordId)}`);
        const pl = await loadForm(r.plugin.id, r.form, r.plugin.version);
        const p = await api<{ values: Record<string, unknown> }>('GET', `/api/plugins/${encodeURIComponent(r.plugin.id)}/parameters`);
        if (!live) return;
        setRecord(r);
        setFormData(r.data ?? {});
        setPeriod(r.period);
        setForm(clientForm(pl, r.form));
        setParams(p.values);
        await loadHistory(r.id);
      } else if (pluginId && formId) {
        const pl = await loadForm(pluginId, formId);
        const p = await api<{ values: Record<string, unknown> }>('GET', `/api/plugins/${encodeURIComponent(pluginId)}/parameters`);
        const { forms } = await api<{ forms: { plugin: string; form: string; orgUnits: string[] }[] }>('GET', '/api/forms');
        if (!live) return;
        const f = clientForm(pl, formId);
        setForm(f);
        setParams(p.values);
        setPeriod(defaultPeriod(f.periodKind));
        setOrgUnitId(forms.find((x) => x.plugin === pluginId && x.form === formId)?.orgUnits[0] ?? null);
      }
    })().catch((e) => live && setErrors({ general: [], title: e instanceof ApiError ? lt(e.text) : String(e) }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [recordId, pluginId, formId]);

  const editable = record ? record.editable : !!form;
  const shown = useMemo(() => {
    if (!form) return null;
    const s = unclamp(translate(form.schema, form.translations, locale), translate(form.uiSchema, form.translations, locale));
    return { schema: s.schema, uiSchema: withAttachmentFields(s.schema, s.uiSchema) };
  }, [form, locale]);
  const schema = shown?.schema ?? null;
  const uiSchema = shown?.uiSchema ?? EMPTY;
  const live = useMemo(() => {
    if (!form || !editable) return null;
    return evaluateWithData(form, {
      data: formData,
      params,
      asOf: today(),
      record: { id: record?.id, period, state: record?.state },
    });
  }, [form, editable, formData, params, period, record?.id, record?.state]);

  // The server's validator on the data as the server would see it (computed fields written).
  // A sensitive field left as the mask the server sent keeps its stored value on save: not a field error here.
  const details = useMemo(
    () =>
      form && live
        ? form.validate(live.data).filter((d) => !maskedAsSent(form.definition.sensitive.fields, d.pointer, live.data, record?.data))
        : [],
    [form, live, record],
  );
  const fieldErrors = useMemo(() => liveErrors(details, locale, showRequired), [details, locale, showRequired]);
  const extraRef = useRef<{ key: string; value: Record<string, any> } | null>(null);
  const extraErrors = useMemo(() => {
    const out = structuredClone(fieldErrors.extraErrors);
    if (refusal) serverErrorsStill(refusal.details, refusal.data, formData, locale, out);
    extraRef.current = sameOrNew(extraRef.current, out);
    return extraRef.current.value;
  }, [fieldErrors, refusal, formData, locale]);

  const showLive = editable && (dirty || !record);
  const results = showLive ? (live?.results ?? null) : (record?.results ?? null);

  const fail = (e: unknown, sent?: unknown) => {
    if (e instanceof ApiError) {
      const general = e.details
        .filter((d) => !d.pointer.startsWith('/data/'))
        .map((d) => lt(d.message))
        .filter(Boolean);
      setErrors({ general, title: lt(e.text) });
      setRefusal({ details: e.details, data: sent ?? formData });
    } else setErrors({ general: [], title: String(e) });
  };

  const attachmentContext = useMemo<AttachmentContext>(
    () => ({
      plugin: record?.plugin.id ?? pluginId ?? '',
      form: record?.form ?? formId ?? '',
      orgUnitId: record?.orgUnit?.id ?? orgUnitId,
    }),
    [record?.plugin.id, record?.form, record?.orgUnit?.id, pluginId, formId, orgUnitId],
  );
  const onChange = useCallback((data: Record<string, unknown>) => {
    setFormData(data);
    setDirty(true);
  }, []);

  const save = async (): Promise<RecordView | null> => {
    if (!form) return null;
    setBusy(true);
    setErrors(null);
    setRefusal(null);
    setNotice(null);
    try {
      const r = record
        ? await api<RecordView>('PUT', `/api/records/${encodeURIComponent(record.id)}`, {
            revision: record.revision,
            data: formData,
          } satisfies UpdateRecordBody)
        : await api<RecordView>('POST', '/api/records', {
            id: createId,
            plugin: pluginId ?? '',
            form: formId ?? '',
            period,
            orgUnitId: orgUnitId ?? '',
            data: formData,
          } satisfies CreateRecordBody);
      setRecord(r);
      setFormData(r.data ?? {});
      setDirty(false);
      setNotice(t('saved'));
      await loadHistory(r.id);
      if (!record) window.history.replaceState(null, '', `#/records/${encodeURIComponent(r.id)}`);
      return r;
    } catch (e) {
      fail(e, formData);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const submitting = !!record && record.editable && record.state === form?.workflow.initial;
  const step = async (tr: StepInfo) => {
    let r = record;
    if (!r) return;
    if (tr.commentRequired && !comment.trim()) {
      setErrors({ general: [], title: t('commentRequired') });
      return;
    }
    if (submitting && fieldErrors.missing > 0) {
      // The officer tried to submit: now the empty required fields are marked, and the step waits for them.
      setShowRequired(true);
      setErrors({ general: [], title: t('requiredShown') });
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
      const next = await api<RecordView>('POST', `/api/records/${encodeURIComponent(r.id)}/transitions`, {
        revision: r.revision,
        transition: tr.id,
        comment: comment.trim() || undefined,
      } satisfies TransitionBody);
      setRefusal(null);
      setRecord(next);
      setFormData(next.data ?? {});
      setComment('');
      setNotice(`${lt(tr.title as LocalText)} · ${t('done')}`);
      await loadHistory(next.id);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const saveRef = useRef(save);
  saveRef.current = save;
  // Stable unless its own inputs change: a new element would re-render the whole form.
  const saveButton = useMemo(
    () =>
      editable ? (
        // A plain button, not the form's submit: with no submit button, Enter in a field (a date picker's text, a
        // number) submits nothing (issue 15: Enter in a date picker saved the form).
        <Button type="primary" htmlType="button" loading={busy} data-testid="save" onClick={() => void saveRef.current()}>
          {t('save')}
        </Button>
      ) : (
        <></>
      ),
    [editable, busy, t],
  );

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
        <Alert
          type="error"
          role="alert"
          data-testid="errors"
          message={errors.title}
          description={
            errors.general.length ? (
              <ul>
                {errors.general.map((g, i) => (
                  <li key={i}>{g}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small">
            {!record && form.periodKind !== 'none' && (
              <div style={{ marginBottom: 12 }}>
                <label htmlFor="record-period">{t('period')}</label>
                <Input
                  id="record-period"
                  value={period}
                  onChange={(e) => setPeriod(e.target.value)}
                  style={{ maxWidth: 200, marginLeft: 8 }}
                />
              </div>
            )}
            <MemoForm
              schema={schema}
              uiSchema={uiSchema}
              formData={formData}
              readonly={!editable}
              disabled={busy}
              extraErrors={extraErrors}
              formContext={attachmentContext}
              onChange={onChange}
              onSubmit={ignoreSubmit}
            >
              {saveButton}
            </MemoForm>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <RulePanel
            results={results}
            title={showLive ? t('liveResults') : t('serverResults')}
            testId="rule-panel"
            ruleTitles={form.ruleTitles}
          />
        </Col>
      </Row>
      {record && (
        <div>
          <Button href={`#/records/${encodeURIComponent(record.id)}/print`} data-testid="print-link">
            {lt({ 'zh-CN': '打印视图', en: 'Print view' })}
          </Button>
        </div>
      )}
      {record && record.transitions.length > 0 && (
        <TransitionBar
          transitions={record.transitions}
          requireChecks={form.workflow.requireChecks}
          submitting={submitting}
          readiness={{ blocking: results?.blocking ?? 0, invalid: fieldErrors.invalid, missing: showRequired ? fieldErrors.missing : 0 }}
          busy={busy}
          comment={comment}
          onComment={setComment}
          onStep={(tr) => void step(tr)}
        />
      )}
      {record && (
        <FollowUpList
          recordId={record.id}
          plugin={record.plugin.id}
          form={record.form}
          onChange={() => void reloadAfterFollowUp(record.id)}
        />
      )}
      {record && (
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('history')}</h2>}>
          <List
            size="small"
            data-testid="history"
            dataSource={history}
            renderItem={(h) => (
              <List.Item>
                <div>
                  <div>
                    {new Date(h.at).toLocaleString(locale)} · {h.actor?.name ?? '—'} · {h.transition ? step_(h.transition) : h.action}
                    {h.fromState !== h.toState && h.toState ? ` · ${h.fromState ? step_(h.fromState) : ''} → ${step_(h.toState)}` : ''}
                  </div>
                  {h.comment && (
                    <div>
                      <strong>{t('comment')}:</strong> {h.comment}
                    </div>
                  )}
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}

export type { LocalText };
