// One record: the plugin's form rendered by rjsf, live rule results and field errors computed in the browser beside
// it, attachments, saving, workflow steps with a comment, and the history. The server's results replace the live
// ones after a save. Everything handed to rjsf is memoised: a keystroke re-validates the data, it recompiles nothing.
// A keystroke re-renders the form once, and within it only the fields on the changed path (see MemoForm).
// A long form guides (web/src/record/): its sections as a navigation with counts, the rule summary and an action bar
// kept in view, drafts saved by themselves and kept in the browser when offline, a question before leaving unsaved.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Grid, Input, Row, Space, Tag, Typography } from 'antd';
import { ApiError, api, type ErrorDetail } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { RulePanel } from '../RulePanel';
import { useOverrideOffer } from '../rules/use-override-offer';
import { TransitionBar, type StepInfo } from '../TransitionBar';
import { withAttachmentFields, type AttachmentContext } from '../attachments/attachment-fields';
import { MemoForm } from '../MemoForm';
import { FollowUpList } from './FollowUpList';
import { RecordHistory } from '../record/RecordHistory';
import { liveErrors, maskedAsSent, sameOrNew, serverErrorsStill } from '../form-validation';
import { useLiveFacts } from '../record/use-live-facts';
import { clientForm, defaultPeriod, evaluateWithData, loadForm, today, translate, unclamp, type ClientForm } from '../plugin';
import type { HistoryEvent, Me, RecordView, TransitionBody } from '../api-types';
import type { EvaluationInput, Explanation } from '../../../platform/evaluation';
import { useTexts } from '../texts';
import { RECORD_TEXTS } from '../record/record-texts';
import { errorPointersOf, sectionStats, sectionsOf } from '../record/sections';
import { SectionNav } from '../record/SectionNav';
import { RuleSidebar, RuleSummaryStrip } from '../record/RuleSummary';
import { ActionBar, focusFirstError } from '../record/ActionBar';
import { useDraftSave } from '../record/use-draft-save';
import { useLeaveGuard } from '../record/use-leave-guard';

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

export function RecordPage({ me, recordId, plugin: pluginId, form: formId }: Props) {
  const { t, lt, locale } = useI18n();
  const tx = useTexts(RECORD_TEXTS);
  const screens = Grid.useBreakpoint();
  // Below 992 px the section list becomes a select at the top and the rule summary a bottom bar.
  const narrow = screens.lg === false;
  const [record, setRecordState] = useState<RecordView | null>(null);
  const [form, setForm] = useState<ClientForm | null>(null);
  const [params, setParams] = useState<Record<string, unknown>>({});
  const [formData, setFormDataState] = useState<Record<string, unknown>>({});
  const [dirty, setDirtyState] = useState(false);
  const [orgUnitId, setOrgUnitId] = useState<string | null>(null);
  const [period, setPeriod] = useState('');
  const [history, setHistory] = useState<HistoryEvent[]>([]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  /** What went wrong, and where to say it: beside the save button or beside the workflow steps. */
  const [errors, setErrors] = useState<{ general: string[]; title: string; at?: 'save' | 'step'; warning?: boolean } | null>(null);
  /** The server's field errors of the last refused save, with the data it refused. */
  const [refusal, setRefusal] = useState<{ details: ErrorDetail[]; data: unknown } | null>(null);
  /** Required fields are pointed out only once the officer tries to submit: drafts may be incomplete. */
  const [showRequired, setShowRequired] = useState(false);
  const [notice, setNotice] = useState<{ text: string; at: 'save' | 'step' } | null>(null);
  const [createId] = useState(newId);
  const formRef = useRef<HTMLDivElement>(null);

  // The latest values for saves that run later (autosave, retries): a closure's copy would be stale.
  const recordRef = useRef<RecordView | null>(null);
  const dataRef = useRef<Record<string, unknown>>({});
  const dirtyRef = useRef(false);
  const setRecord = (r: RecordView | null) => {
    recordRef.current = r;
    setRecordState(r);
  };
  const setFormData = (d: Record<string, unknown>) => {
    dataRef.current = d;
    setFormDataState(d);
  };
  const setDirty = (d: boolean) => {
    dirtyRef.current = d;
    setDirtyState(d);
  };

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
  const isDraft = !record || record.state === form?.workflow.initial;
  const shown = useMemo(() => {
    if (!form) return null;
    const s = unclamp(translate(form.schema, form.translations, locale), translate(form.uiSchema, form.translations, locale));
    return { schema: s.schema, uiSchema: withAttachmentFields(s.schema, s.uiSchema) };
  }, [form, locale]);
  const schema = shown?.schema ?? null;
  const uiSchema = shown?.uiSchema ?? EMPTY;
  // What the rules read of other records (the referenced ledger, earlier weeks), from the server while typing.
  const facts = useLiveFacts(editable ? form : null, formData, {
    plugin: record?.plugin.id ?? pluginId ?? '',
    version: record?.plugin.version,
    orgUnitId: record?.orgUnit?.id ?? orgUnitId,
    period,
  });
  const live = useMemo(() => {
    if (!form || !editable) return null;
    return evaluateWithData(form, {
      data: formData,
      params,
      asOf: today(),
      refs: facts.refs,
      earlier: facts.earlier,
      record: { id: record?.id, period, state: record?.state },
      // The record's overridden outcomes count live too, as on the server (the computed value shown beside).
      overrides: record?.results?.overrides,
    });
  }, [form, editable, formData, params, facts, period, record?.id, record?.state, record?.results?.overrides]);

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
  const errorPointers = useMemo(() => errorPointersOf(extraErrors), [extraErrors]);

  const sections = useMemo(() => (schema ? sectionsOf(schema, uiSchema) : []), [schema, uiSchema]);
  const shownData = live?.data ?? record?.data ?? formData;
  // The same counts keep the same array, so a keystroke that changes none re-renders no navigation.
  const statsRef = useRef<{ key: string; value: ReturnType<typeof sectionStats> } | null>(null);
  const stats = useMemo(() => {
    statsRef.current = sameOrNew(statsRef.current, schema ? sectionStats(sections, schema, uiSchema, shownData, errorPointers) : []);
    return statsRef.current.value;
  }, [sections, schema, uiSchema, shownData, errorPointers]);

  const showLive = editable && (dirty || !record);
  const results = showLive ? (live?.results ?? null) : (record?.results ?? null);

  const fail = (e: unknown, sent: unknown, at: 'save' | 'step') => {
    if (e instanceof ApiError && e.status !== 0) {
      const general = e.details
        .filter((d) => !d.pointer.startsWith('/data/'))
        .map((d) => lt(d.message))
        .filter(Boolean);
      setErrors({ general, title: lt(e.text), at });
      setRefusal({ details: e.details, data: sent ?? formData });
    } else if (e instanceof ApiError) setErrors({ general: [], title: lt(e.text), at });
    else setErrors({ general: [], title: String(e), at });
  };

  const attachmentContext = useMemo<AttachmentContext>(
    () => ({
      plugin: record?.plugin.id ?? pluginId ?? '',
      form: record?.form ?? formId ?? '',
      orgUnitId: record?.orgUnit?.id ?? orgUnitId,
    }),
    [record?.plugin.id, record?.form, record?.orgUnit?.id, pluginId, formId, orgUnitId],
  );
  const { save, saveState, conflict, edited } = useDraftSave(
    {
      form,
      userId: me.user.id,
      createId,
      target: { plugin: pluginId ?? '', form: formId ?? '', period, orgUnitId },
      recordRef,
      dataRef,
      dirtyRef,
      setRecord,
      setFormData,
      setDirty,
      setBusy,
      label: () => draftLabel(),
      starting: () => setNotice(null),
      saved: (r, manual) => {
        setErrors(null);
        setRefusal(null);
        if (manual) setNotice({ text: t('saved'), at: 'save' });
        void loadHistory(r.id).catch(() => {});
      },
      failed: (problem, status) =>
        setErrors(
          problem === 'offline'
            ? { general: [], title: tx('offline'), at: 'save', warning: true }
            : problem === 'server'
              ? { general: [], title: `${tx('serverFault')} (${status})`, at: 'save', warning: true }
              : { general: [], title: tx('conflict'), at: 'save' },
        ),
      refused: (e, sent) => fail(e, sent, 'save'),
      other: (message) => setErrors({ general: [], title: message, at: 'save' }),
    },
    {
      allowed: editable && isDraft && fieldErrors.invalid === 0 && (!!record || !!orgUnitId),
      data: formData,
      dirty,
      held: editable && isDraft && fieldErrors.invalid > 0,
    },
  );
  const onChange = useCallback(
    (data: Record<string, unknown>) => {
      dataRef.current = data;
      dirtyRef.current = true;
      setFormDataState(data);
      setDirtyState(true);
      edited();
    },
    [edited],
  );

  const draftLabel = () => {
    const name = dataRef.current.name;
    return typeof name === 'string' && name ? `${lt(form?.title)} · ${name}` : lt(form?.title);
  };
  useLeaveGuard(editable && dirty);

  const submitting = !!record && record.editable && record.state === form?.workflow.initial;
  const step = async (tr: StepInfo) => {
    let r = record;
    if (!r) return;
    if (tr.commentRequired && !comment.trim()) {
      setErrors({ general: [], title: t('commentRequired'), at: 'step' });
      return;
    }
    if (submitting && fieldErrors.missing > 0) {
      // The officer tried to submit: now the empty required fields are marked, and the step waits for them.
      setShowRequired(true);
      setErrors({ general: [], title: t('requiredShown'), at: 'step' });
      return;
    }
    if (r.editable && dirty) {
      r = await save(true);
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
      setNotice({ text: `${lt(tr.title as LocalText)} · ${t('done')}`, at: 'step' });
      await loadHistory(next.id);
    } catch (e) {
      fail(e, undefined, 'step');
    } finally {
      setBusy(false);
    }
  };

  // Stable unless its own inputs change: a new element would re-render the whole form.
  const saveButton = useMemo(
    () =>
      editable ? (
        // A plain button outside the form, not its submit: with no submit button, Enter in a field (a date picker's
        // text, a number) submits nothing (issue 15: Enter in a date picker saved the form).
        <Button type="primary" htmlType="button" loading={busy} data-testid="save" onClick={() => void save(true)}>
          {t('save')}
        </Button>
      ) : null,
    [editable, busy, t, save],
  );
  const formChildren = useMemo(() => <></>, []);
  const panelTitle = showLive ? t('liveResults') : t('serverResults');
  // "Why" runs the rule again in trace mode on what the panel shows: the live data here in the browser, or the stored
  // record on the server, over the facts it was decided on (referenced records, marks, follow-ups). Read through a
  // ref, so that a keystroke does not re-render the panel.
  const whyInput = useRef<{ live: boolean; id?: string; input: EvaluationInput } | null>(null);
  whyInput.current = {
    live: showLive,
    id: record?.id,
    input: {
      data: formData,
      params,
      asOf: today(),
      refs: facts.refs,
      earlier: facts.earlier,
      record: { id: record?.id, period, state: record?.state },
    },
  };
  const explain = useCallback(
    (ruleId: string) => {
      const w = whyInput.current;
      if (!form || !w) return null;
      if (w.live || !w.id) return form.explain(w.input, ruleId);
      return api<Explanation>('GET', `/api/records/${encodeURIComponent(w.id)}/explain?rule=${encodeURIComponent(ruleId)}`);
    },
    [form],
  );
  const override = useOverrideOffer(form, me, showLive ? null : record, (next) => {
    setRecord(next);
    setFormData(next.data ?? {});
    void loadHistory(next.id).catch(() => {});
  });
  const panel = useMemo(
    () => (
      <RulePanel
        results={results}
        title={panelTitle}
        testId="rule-panel"
        ruleTitles={form?.ruleTitles}
        explain={explain}
        schema={schema ?? undefined}
        override={override}
      />
    ),
    [results, panelTitle, form?.ruleTitles, explain, schema, override],
  );

  if (!form || !schema) {
    return errors ? <Alert type="error" message={errors.title} role="alert" /> : <p>{t('loading')}</p>;
  }

  const messageAt = (at: 'save' | 'step') => (
    <>
      {notice?.at === at && <Alert type="success" message={notice.text} data-testid="notice" role="status" />}
      {errors && (errors.at ?? 'save') === at && (
        <Alert
          type={errors.warning ? 'warning' : 'error'}
          role="alert"
          data-testid="errors"
          message={errors.title}
          action={
            conflict && at === 'save' ? (
              <Button size="small" onClick={() => window.location.reload()} data-testid="reload">
                {tx('reload')}
              </Button>
            ) : undefined
          }
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
    </>
  );
  const errorCount = errorPointers.length;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <a href="#/">{t('back')}</a>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {lt(form.title)} {record && <Tag data-testid="state">{lt(record.stateTitle) || record.state}</Tag>}
      </Typography.Title>
      {!editable && messageAt('save')}
      <Row gutter={[16, 16]}>
        {!narrow && (
          <Col lg={5} xl={4}>
            <SectionNav sections={sections} stats={stats} narrow={false} />
          </Col>
        )}
        <Col xs={24} lg={12} xl={13}>
          {/* In the form's column, whose height is the form's: a sticky element sticks within its parent. */}
          {narrow && <SectionNav sections={sections} stats={stats} narrow />}
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
            <div ref={formRef}>
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
                {formChildren}
              </MemoForm>
            </div>
          </Card>
          {(editable || narrow) && (
            <ActionBar
              errorCount={errorCount}
              onJump={() => focusFirstError(formRef.current)}
              saveState={saveState}
              saveButton={saveButton}
              message={editable ? messageAt('save') : undefined}
              summary={narrow ? <RuleSummaryStrip results={results} panel={panel} /> : undefined}
            />
          )}
        </Col>
        {!narrow && (
          <Col lg={7}>
            <RuleSidebar results={results} panel={panel} />
          </Col>
        )}
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
          onStep={step}
          subject={record.subjectTitle || record.subject || undefined}
        />
      )}
      {messageAt('step')}
      {record && (
        <FollowUpList
          recordId={record.id}
          plugin={record.plugin.id}
          form={record.form}
          onChange={() => void reloadAfterFollowUp(record.id)}
        />
      )}
      {record && <RecordHistory events={history} steps={form.steps} schema={schema} />}
    </Space>
  );
}

export type { LocalText };
