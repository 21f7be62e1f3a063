// The draft's form as officers will see it: compiled in the browser from the draft's files by the platform's own
// builder (clientForm → buildClientForm), rendered by the record page's form (MemoForm) with the rule panel, the
// rules evaluated live as one types (parameters at their defaults), each outcome with its "why" (the rule tester). A form that does not compile shows the
// builder's errors instead. Desktop or 768 px wide.
import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Radio, Row, Space } from 'antd';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import { MemoForm } from '../MemoForm';
import { RulePanel } from '../RulePanel';
import { clientForm, evaluateWithData, today, translate, unclamp, type ClientForm, type PluginPayload } from '../plugin';
import { withAttachmentFields } from '../attachments/attachment-fields';
import { PreviewBoundary } from './PreviewBoundary';
import { STUDIO_TEXTS } from './studio-texts';
import type { ParsedFiles } from './draft-files';
import { previewCase, type PreviewCase } from './preview-case';
import { SaveCaseDialog } from './SaveCaseDialog';
import { useDependencyCalendars } from './use-dependency-calendars';

interface Compiled {
  form: ClientForm | null;
  errors: { file?: string; pointer: string; text: string | { 'zh-CN': string; en: string } }[];
}

const EMPTY = {};

interface Props {
  parsed: ParsedFiles;
  formId: string;
  pluginId: string;
  /** Writes the case into the draft's fixtures; gives the file it went to. */
  onSaveCase?: (c: PreviewCase) => string;
}

export function StudioPreview({ parsed, formId, pluginId, onSaveCase }: Props) {
  const { locale, lt } = useI18n();
  const tx = useTexts(STUDIO_TEXTS);
  const [width, setWidth] = useState<'desktop' | 'tablet'>('desktop');
  const [data, setData] = useState<Record<string, unknown>>({});
  const [casing, setCasing] = useState(false);
  const [savedTo, setSavedTo] = useState<string | null>(null);

  const shared = useDependencyCalendars(parsed.values);
  const compiled = useMemo((): Compiled => {
    if (parsed.broken.length) return { form: null, errors: parsed.broken.map((b) => ({ file: b.file, pointer: '', text: b.message })) };
    try {
      const payload: PluginPayload = {
        id: pluginId,
        version: '',
        title: { 'zh-CN': '', en: '' },
        forms: [],
        files: { ...parsed.values, ...shared },
      };
      return { form: clientForm(payload, formId), errors: [] };
    } catch (e) {
      const details = (e as { details?: { file?: string; pointer: string; message: { 'zh-CN': string; en: string } }[] }).details ?? [];
      const message = (e as { localMessage?: { 'zh-CN': string; en: string } }).localMessage;
      const errors = details.map((d) => ({ file: d.file, pointer: d.pointer, text: d.message }));
      return { form: null, errors: errors.length ? errors : [{ pointer: '', text: message ?? String(e) }] };
    }
  }, [parsed, formId, pluginId, shared]);

  const form = compiled.form;
  const shown = useMemo(() => {
    if (!form) return null;
    const s = unclamp(translate(form.schema, form.translations, locale), translate(form.uiSchema, form.translations, locale));
    return { schema: s.schema, uiSchema: withAttachmentFields(s.schema, s.uiSchema) };
  }, [form, locale]);
  const params = useMemo(() => defaultsOf(parsed.values), [parsed]);
  const evaluated = useMemo(() => {
    if (!form) return null;
    try {
      return evaluateWithData(form, { data, params, asOf: today(), record: {} });
    } catch {
      return null; // a half-built form may not evaluate: the preview never blocks on it
    }
  }, [form, data, params]);
  const results = evaluated?.results ?? null;
  // What 「存为测试用例」 would write: validity as the fixture runner judges it (the data with computed fields written).
  const caseDraft = useMemo(() => {
    if (!form || !evaluated || !casing) return null;
    const valid = form.validate(evaluated.data).length === 0;
    return previewCase(data, evaluated.results, valid, { description: '', asOf: today() });
  }, [form, evaluated, data, casing]);
  // The rule tester: "why" on any outcome runs that rule in trace mode on the case typed in the preview.
  const explain = useCallback(
    (ruleId: string) => (form ? form.explain({ data, params, asOf: today(), record: {} }, ruleId) : null),
    [form, data, params],
  );
  const context = useMemo(() => ({ plugin: pluginId, form: formId }), [pluginId, formId]);
  const children = useMemo(() => <></>, []);

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="studio-preview">
      <Radio.Group value={width} onChange={(e) => setWidth(e.target.value)} aria-label={tx('width')} optionType="button">
        <Radio.Button value="desktop">{tx('desktop')}</Radio.Button>
        <Radio.Button value="tablet">{tx('tablet')}</Radio.Button>
      </Radio.Group>
      {!form || !shown ? (
        <Alert
          type="error"
          role="alert"
          data-testid="compile-errors"
          message={tx('compileFailed')}
          description={
            <ul style={{ margin: 0 }}>
              {compiled.errors.map((e, i) => (
                <li key={i}>
                  {[e.file, e.pointer].filter(Boolean).join(' ')} {lt(e.text)}
                </li>
              ))}
            </ul>
          }
        />
      ) : (
        <div
          data-testid="preview-frame"
          data-width={width}
          style={{ width: width === 'tablet' ? 768 : '100%', maxWidth: '100%', overflowX: 'auto' }}
        >
          <Alert type="info" showIcon message={tx('previewNote')} style={{ marginBottom: 12 }} />
          <Row gutter={[16, 16]}>
            <Col span={width === 'tablet' ? 24 : 15}>
              <Card size="small" data-testid="preview-form">
                <PreviewBoundary key={String(boundaryKey(parsed))} title={tx('compileFailed')}>
                  <MemoForm
                    schema={shown.schema}
                    uiSchema={shown.uiSchema}
                    formData={data}
                    readonly={false}
                    disabled={false}
                    extraErrors={EMPTY}
                    formContext={context}
                    onChange={setData}
                    onSubmit={ignore}
                  >
                    {children}
                  </MemoForm>
                </PreviewBoundary>
              </Card>
            </Col>
            <Col span={width === 'tablet' ? 24 : 9}>
              <RulePanel
                results={results}
                title={tx('liveResults')}
                testId="preview-results"
                ruleTitles={form.ruleTitles}
                explain={explain}
                schema={shown.schema}
              />
              {onSaveCase && results && (
                <Button
                  style={{ marginTop: 12 }}
                  data-testid="save-case"
                  onClick={() => {
                    setSavedTo(null);
                    setCasing(true);
                  }}
                >
                  {tx('saveCase')}
                </Button>
              )}
              {savedTo && (
                <Alert type="success" role="status" style={{ marginTop: 8 }} message={tx('caseSaved').replace('{path}', savedTo)} />
              )}
            </Col>
          </Row>
        </div>
      )}
      <SaveCaseDialog
        open={casing}
        draft={caseDraft}
        onCancel={() => setCasing(false)}
        onSave={(c) => {
          setSavedTo(onSaveCase?.(c) ?? null);
          setCasing(false);
        }}
      />
    </Space>
  );
}

const ignore = () => {};

// One number per parsed file set: a new set (any edit) remounts the boundary, which then tries to render again.
const keys = new WeakMap<object, number>();
let nextKey = 0;
function boundaryKey(parsed: ParsedFiles): number {
  let k = keys.get(parsed);
  if (k === undefined) keys.set(parsed, (k = nextKey++));
  return k;
}

/** The parameters at their schema defaults: what a new install binds unless the admin sets them. */
function defaultsOf(values: Record<string, unknown>): Record<string, unknown> {
  const manifest = values['plugin.json'] as { parameters?: unknown } | undefined;
  const schema = typeof manifest?.parameters === 'string' ? (values[manifest.parameters] as { properties?: Record<string, any> }) : null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema?.properties ?? {})) if (v && typeof v === 'object' && 'default' in v) out[k] = v.default;
  return out;
}
