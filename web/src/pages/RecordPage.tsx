// One record: the plugin's form rendered by rjsf, live rule results and field errors computed in the browser beside
// it, attachments, saving, workflow steps with a comment, and the history. The server's results replace the live
// ones after a save. Everything handed to rjsf is memoised: a keystroke re-validates the data, it recompiles nothing.
// A keystroke re-renders the form once, and within it only the fields on the changed path (see MemoForm).
// A long form guides (web/src/record/): its sections as a navigation with counts, the rule summary and an action bar
// kept in view, drafts saved by themselves and kept in the browser when offline (and put back when the page opens
// again), a question before leaving unsaved, and the reviewer's comment and steps beside the record.
import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Grid, Input, Row, Space, Tag, Typography } from 'antd';
import { useI18n, type LocalText } from '../i18n';
import { RulePanel } from '../RulePanel';
import { useOverrideOffer } from '../rules/use-override-offer';
import { TransitionBar } from '../TransitionBar';
import { withAttachmentFields, type AttachmentContext } from '../attachments/attachment-fields';
import { MemoForm } from '../MemoForm';
import { FollowUpList } from './FollowUpList';
import { RecordHistory } from '../record/RecordHistory';
import { LinkedStatus } from '../record/LinkedStatus';
import { useLiveFacts } from '../record/use-live-facts';
import { useFieldDefaults } from '../record/use-field-defaults';
import { translate, unclamp } from '../plugin';
import type { Me, RecordView } from '../api-types';
import { SectionNav } from '../record/SectionNav';
import { RuleSidebar, RuleSummaryStrip } from '../record/RuleSummary';
import { ActionBar, focusFirstError } from '../record/ActionBar';
import { useRecordSave } from '../record/use-record-save';
import { useLeaveGuard } from '../record/use-leave-guard';
import { useRecordState } from '../record/use-record-state';
import { useRecordLoad } from '../record/use-record-load';
import { useLiveEvaluation } from '../record/use-live-evaluation';
import { useSectionStats } from '../record/use-section-stats';
import { useWhy } from '../record/use-why';
import { useRecordStep } from '../record/use-record-step';
import { RecordMessage, type MessagePlace } from '../record/RecordMessage';
import { usePageMessages } from '../record/use-page-messages';
import { ReviewPanel } from '../record/ReviewPanel';
import { DraftRestored } from '../record/DraftRestored';
import { UnitSelect } from '../UnitSelect';

const EMPTY: Record<string, any> = {};
/** The form has no submit button; a submit event can only be the browser's implicit one (Enter in a field). */
const ignoreSubmit = () => {};

interface Props {
  me: Me;
  recordId?: string;
  plugin?: string;
  form?: string;
}

export function RecordPage({ me, recordId, plugin: pluginId, form: formId }: Props) {
  const { t, lt, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  // Below 992 px the section list becomes a select at the top and the rule summary a bottom bar.
  const narrow = screens.lg === false;
  const state = useRecordState();
  const { record, formData, dirty, showRecord } = state;
  const [busy, setBusy] = useState(false);
  /** Required fields are pointed out only once the officer tries to submit: drafts may be incomplete. */
  const [showRequired, setShowRequired] = useState(false);
  const { errors, setErrors, notice, setNotice, refusal, setRefusal, fail: failWith } = usePageMessages();
  const [orgUnitOverride, setOrgUnitOverride] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  const loaded = useRecordLoad({ recordId, pluginId, formId }, state, (title) => setErrors({ general: [], title }));
  const { form, params, period, setPeriod, history, loadHistory, reload } = loaded;
  const orgUnitId = orgUnitOverride ?? loaded.orgUnitId;
  // An override answers with the record as it is now.
  const showAgain = (next: RecordView) => {
    showRecord(next);
    void loadHistory(next.id).catch(() => {});
  };

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
  const { liveInput, live, fieldErrors, extraErrors, errorPointers } = useLiveEvaluation({
    form,
    editable,
    record,
    formData,
    params,
    facts,
    period,
    refusal,
    showRequired,
  });
  const { sections, stats } = useSectionStats(schema, uiSchema, live?.data ?? record?.data ?? formData, errorPointers);

  const showLive = editable && (dirty || !record);
  const results = showLive ? (live?.results ?? null) : (record?.results ?? null);

  const fail = (e: unknown, sent: unknown, at: MessagePlace) => failWith(e, sent ?? formData, at);

  const attachmentContext = useMemo<AttachmentContext>(
    () => ({
      plugin: record?.plugin.id ?? pluginId ?? '',
      form: record?.form ?? formId ?? '',
      orgUnitId: record?.orgUnit?.id ?? orgUnitId,
    }),
    [record?.plugin.id, record?.form, record?.orgUnit?.id, pluginId, formId, orgUnitId],
  );
  const { save, saveState, conflict, onChange, restore } = useRecordSave({
    state,
    form,
    userId: me.user.id,
    newRecord: recordId ? undefined : { plugin: pluginId ?? '', form: formId ?? '' },
    period,
    setPeriod,
    orgUnitId,
    setOrgUnitId: setOrgUnitOverride,
    setBusy,
    messages: { setErrors, setNotice, setRefusal, fail: (e, sent) => fail(e, sent, 'save') },
    loadHistory,
    editing: editable && isDraft,
    invalid: fieldErrors.invalid,
  });
  useLeaveGuard(editable && dirty);
  // Repeated facts entered once: empty fields with an x-default are filled from their source while drafting.
  const onFormChange = useFieldDefaults(form, editable && isDraft, facts.defaults, state.dataRef, onChange, record?.data);

  const submitting = !!record && record.editable && record.state === form?.workflow.initial;
  const { comment, setComment, step } = useRecordStep({
    recordRef: state.recordRef,
    dirtyRef: state.dirtyRef,
    submitting,
    missing: fieldErrors.missing,
    save,
    setBusy,
    setErrors,
    setNotice,
    setShowRequired,
    stepped: async (next) => {
      setRefusal(null);
      showRecord(next);
      await loadHistory(next.id);
    },
    fail: (e) => fail(e, undefined, 'step'),
  });

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
  const explain = useWhy(form, showLive, record?.id, liveInput);
  const override = useOverrideOffer(form, me, showLive ? null : record, showAgain);
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

  const messageAt = (at: MessagePlace) => <RecordMessage at={at} notice={notice} errors={errors} conflict={conflict} />;
  // A record under review (steps to take, none of them the officer's submission): the comment and steps go beside it.
  const reviewing = !!record && record.transitions.length > 0 && !submitting;
  const steps = record && record.transitions.length > 0 && (
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
  );
  const review = reviewing ? <ReviewPanel bar={steps} message={messageAt('step')} placement={narrow ? 'below' : 'side'} /> : null;

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
          {restore.restored && !record && <DraftRestored keptAt={restore.restored.keptAt} onDiscard={() => void restore.discard()} />}
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
            {!record && loaded.unitChoices.length > 1 && (
              // Where the new record is filed: the officer's own unit unless they pick one below it.
              <div style={{ marginBottom: 12 }}>
                <label htmlFor="record-org">{lt({ 'zh-CN': '填报单位', en: 'Filing unit' })}</label>
                <UnitSelect
                  id="record-org"
                  units={loaded.unitChoices}
                  value={orgUnitId ?? undefined}
                  onChange={(v) => v && setOrgUnitOverride(v)}
                  style={{ marginLeft: 8, width: 240 }}
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
                onChange={onFormChange}
                onSubmit={ignoreSubmit}
              >
                {formChildren}
              </MemoForm>
            </div>
          </Card>
          {(editable || narrow) && (
            <ActionBar
              errorCount={errorPointers.length}
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
            <RuleSidebar results={results} panel={panel} head={review} />
          </Col>
        )}
      </Row>
      {narrow && review}
      {record && (
        <div>
          <Button href={`#/records/${encodeURIComponent(record.id)}/print`} data-testid="print-link">
            {lt({ 'zh-CN': '打印视图', en: 'Print view' })}
          </Button>
        </div>
      )}
      {!reviewing && steps}
      {!reviewing && messageAt('step')}
      {record && <LinkedStatus recordId={record.id} />}
      {record && <FollowUpList recordId={record.id} plugin={record.plugin.id} form={record.form} onChange={() => void reload(record.id)} />}
      {record && <RecordHistory events={history} steps={form.steps} schema={schema} />}
    </Space>
  );
}

export type { LocalText };
