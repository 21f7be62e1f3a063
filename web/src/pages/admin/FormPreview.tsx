// A live preview of a plugin form for the admin: rendered by @rjsf/antd from the plugin's files, with the rule
// results computed in the browser as one types. Nothing is ever sent: the form has no submit and its data lives
// only in this component's state.
import { useMemo, useState } from 'react';
import { Alert, Col, Row } from 'antd';
import Form from '@rjsf/antd';
import { useI18n } from '../../i18n';
import { useTexts } from '../../texts';
import { RulePanel } from '../../RulePanel';
import { clientForm, evaluateLive, today, translate, unclamp, validator, type PluginPayload } from '../../plugin';

const TEXTS = {
  note: ['预览:可以试填,输入的内容不会保存,也不会提交到服务器', 'Preview: type to try the form; nothing is saved or sent to the server'],
  live: ['预览中的规则结果', 'Rule results of the preview'],
} as const;

export function FormPreview({ plugin, formId, params }: { plugin: PluginPayload; formId: string; params: Record<string, unknown> }) {
  const { locale } = useI18n();
  const tx = useTexts(TEXTS);
  const form = useMemo(() => clientForm(plugin, formId), [plugin, formId]);
  const shown = useMemo(
    () => unclamp(translate(form.schema, form.translations, locale), translate(form.uiSchema, form.translations, locale)),
    [form, locale],
  );
  const [data, setData] = useState<Record<string, unknown>>({});
  const results = useMemo(() => {
    try {
      return evaluateLive(form, { data, params, asOf: today(), record: {} });
    } catch {
      return null; // a half-typed preview may not evaluate; the preview never blocks on it
    }
  }, [form, data, params]);

  return (
    <div data-testid="form-preview" data-form={formId}>
      <Alert type="info" showIcon message={tx('note')} style={{ marginBottom: 12 }} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Form
            schema={shown.schema}
            uiSchema={shown.uiSchema}
            validator={validator}
            formData={data}
            showErrorList={false}
            noValidate
            idPrefix={`preview_${formId}`}
            onChange={(e) => setData((e.formData ?? {}) as Record<string, unknown>)}
          >
            <></>
          </Form>
        </Col>
        <Col xs={24} lg={10}>
          <RulePanel results={results} title={tx('live')} testId="preview-results" />
        </Col>
      </Row>
    </div>
  );
}
