// Admin: the plugin's parameters as a form from their schema; refusals are shown at the field (422 details).
// A saved change is in force at once; the recompute of open records it starts is followed below the form.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Space, Typography } from 'antd';
import Form from '@rjsf/antd';
import { ApiError, api } from '../api';
import { useI18n } from '../i18n';
import { extraErrorsOf, loadPlugin, translate, unclamp, validator } from '../plugin';
import { JobProgress } from './JobProgress';

interface Params {
  values: Record<string, unknown>;
  revision: number;
  schema: Record<string, any>;
}

export function ParametersPage({ plugin }: { plugin: string }) {
  const { t, lt, locale } = useI18n();
  const [data, setData] = useState<Params | null>(null);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [translations, setTranslations] = useState<Record<string, string>>({});
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<{ extraErrors: Record<string, any>; general: string[]; title: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);

  useEffect(() => {
    (async () => {
      const [p, pl] = await Promise.all([api<Params>('GET', `/api/plugins/${encodeURIComponent(plugin)}/parameters`), loadPlugin(plugin)]);
      setData(p);
      setValues(p.values);
      setTitle(lt(pl.title));
      const en = pl.files['plugin.json']?.translations?.en;
      setTranslations((en && pl.files[en]) || {});
    })().catch((e) => setErrors({ extraErrors: {}, general: [], title: e instanceof ApiError ? lt(e.text) : String(e) }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plugin]);

  const shown = useMemo(() => (data ? unclamp(translate(data.schema, translations, locale), {}) : null), [data, translations, locale]);
  const schema = shown?.schema ?? null;
  const uiSchema = shown?.uiSchema ?? {};

  const save = async () => {
    if (!data) return;
    setBusy(true);
    setErrors(null);
    setNotice(null);
    try {
      const r = await api<Params & { jobId: string }>('PUT', `/api/plugins/${encodeURIComponent(plugin)}/parameters`, {
        revision: data.revision,
        values,
      });
      setData({ ...data, values: r.values, revision: r.revision });
      setValues(r.values);
      setNotice(t('saved'));
      setJobId(r.jobId);
    } catch (e) {
      if (e instanceof ApiError) setErrors({ ...extraErrorsOf(e.details, locale, '/values'), title: lt(e.text) });
      else setErrors({ extraErrors: {}, general: [], title: String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <a href="#/">{t('back')}</a>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('parameters')} · {title}
      </Typography.Title>
      {notice && <Alert type="success" message={notice} role="status" data-testid="notice" />}
      {jobId && <JobProgress key={jobId} id={jobId} />}
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
      {schema && (
        <Card size="small">
          <Form
            schema={schema}
            uiSchema={uiSchema}
            validator={validator}
            showErrorList={false}
            formData={values}
            noValidate
            disabled={busy}
            extraErrors={errors?.extraErrors}
            onChange={(e) => setValues((e.formData ?? {}) as Record<string, unknown>)}
            onSubmit={() => void save()}
          >
            <Button type="primary" htmlType="submit" loading={busy} data-testid="save-parameters">
              {t('saveParameters')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
