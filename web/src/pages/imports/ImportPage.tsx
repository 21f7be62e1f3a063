// Import records from an .xlsx or .csv into a form the user may fill: choose the form, period, default org unit
// and mode, upload (with its progress), then follow the job's progress until it ends; rejected rows are listed
// with every error, and the error file can be downloaded; the job also says where the table was found, which rows
// were skipped as not records and which columns were not imported (ImportJobResult.tsx). Each form's import
// template can be downloaded beside its choice. An update import patches existing records only: its unmatched rows and the
// records whose classes changed are shown too. Once a file is chosen, its preview shows how each column maps to a
// field; the user fixes it there and the import is sent with those fixes (MappingTable.tsx). The default unit is
// picked as on the new-record page: a searchable list of the units the user may file the form at, their own first.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Progress, Radio, Space, Table, Typography } from 'antd';
import { ApiError, api, postMultipart } from '../../api';
import { useI18n, type LocalText } from '../../i18n';
import { useTexts } from '../../texts';
import { defaultPeriod } from '../../plugin';
import { downloadFile } from '../../download';
import type { OrgUnitRow } from '../../org-units';
import { UnitSelect } from '../../UnitSelect';
import { MappingTable, mappingOf, undecided } from './MappingTable';
import { useImportPreview } from './useImportPreview';
import { ImportJobResult, type ImportJob } from './ImportJobResult';

const TEXTS = {
  title: ['导入记录', 'Import records'],
  form: ['表单', 'Form'],
  chooseForm: ['请选择表单', 'Choose a form'],
  file: ['文件(.xlsx 或 .csv)', 'File (.xlsx or .csv)'],
  orgUnit: ['默认机构(文件没有机构列时使用)', 'Default org unit (when the file has no org-unit column)'],
  none: ['无', 'None'],
  mode: ['导入方式', 'Mode'],
  modeAll: ['全部通过才导入', 'All or nothing'],
  modeValid: ['只导入通过校验的行', 'Import the valid rows'],
  update: [
    '仅更新已有记录(按关键字段匹配,不新建;只改文件中有的列)',
    'Update existing records only (matched by key, none created; only the columns in the file)',
  ],
  classChanges: ['分类发生变化的记录', 'Records whose class changed'],
  row: ['行号', 'Row'],
  record: ['记录', 'Record'],
  template: ['下载导入模板', 'Download the import template'],
  templateHint: ['按模板填写的文件可直接导入', 'A file filled in from the template imports as it is'],
  change: ['变化', 'Change'],
  start: ['开始导入', 'Start import'],
  uploading: ['正在上传', 'Uploading'],
  errorFile: ['下载错误文件', 'Download the error file'],
  previewing: ['正在读取文件的列', 'Reading the columns of the file'],
} as const;

interface FillableForm {
  plugin: string;
  pluginTitle: LocalText;
  form: string;
  title: LocalText;
  period: { kind: string };
  orgUnits: string[];
}
interface Job extends ImportJob {
  classChanges?: {
    row: number;
    recordId: string;
    subject: string | null;
    subjectTitle: string | null;
    changes: { rule: string; before: unknown; after: unknown }[];
  }[];
}

export function ImportPage({ plugin, form }: { plugin?: string; form?: string }) {
  const { t, lt, locale } = useI18n();
  const tx = useTexts(TEXTS);
  const [forms, setForms] = useState<FillableForm[]>([]);
  const [units, setUnits] = useState<OrgUnitRow[]>([]);
  const [target, setTarget] = useState(plugin && form ? `${plugin}/${form}` : '');
  const [period, setPeriod] = useState('');
  /** The unit the user picked ('' for none); null: not picked, so the chosen form's own unit. */
  const [orgUnitPick, setOrgUnitPick] = useState<string | null>(null);
  const [mode, setMode] = useState<'all' | 'valid'>('all');
  const [update, setUpdate] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<{ title: string; details: string[] } | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const showError = (e: unknown) =>
    setError(
      e instanceof ApiError
        ? { title: lt(e.text), details: e.details.map((d) => `${d.pointer}: ${lt(d.message)}`) }
        : { title: String(e), details: [] },
    );

  useEffect(() => {
    Promise.all([api<{ forms: FillableForm[] }>('GET', '/api/forms'), api<{ units: OrgUnitRow[] }>('GET', '/api/org-units')]).then(
      ([f, u]) => {
        setForms(f.forms);
        setUnits(u.units);
      },
      (e) => setError({ title: e instanceof ApiError ? lt(e.text) : String(e), details: [] }),
    );
    return () => window.clearTimeout(timer.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const chosen = forms.find((f) => `${f.plugin}/${f.form}` === target);
  useEffect(() => {
    if (chosen && !period) setPeriod(defaultPeriod(chosen.period.kind));
  }, [chosen, period]);
  // The user's own units for the form (where they hold the role to create) and the units below them; all units
  // they see when they hold none there (an update import, which keeps each record's unit).
  const unitChoices = useMemo(() => {
    const ownPaths = units.filter((u) => chosen?.orgUnits.includes(u.id)).map((u) => u.path);
    return ownPaths.length ? units.filter((u) => ownPaths.some((p) => u.path.startsWith(p))) : units;
  }, [units, chosen]);
  const ownUnit = chosen?.orgUnits.find((id) => units.some((u) => u.id === id)) ?? '';
  const orgUnitId = orgUnitPick !== null && (orgUnitPick === '' || unitChoices.some((u) => u.id === orgUnitPick)) ? orgUnitPick : ownUnit;
  const mapping = useImportPreview(
    chosen && file && (period || chosen.period.kind === 'none')
      ? { plugin: chosen.plugin, form: chosen.form, period, orgUnitId, update, file }
      : null,
    showError,
  );
  const sentMapping = mapping.preview ? mappingOf(mapping.preview, mapping.choices) : undefined;
  const open = mapping.preview ? undecided(mapping.preview, mapping.choices, mapping.decided) : [];

  const follow = (id: string) => {
    api<Job>('GET', `/api/imports/${encodeURIComponent(id)}`).then(
      (j) => {
        setJob(j);
        if (j.status === 'queued' || j.status === 'running') timer.current = window.setTimeout(() => follow(id), 500);
      },
      (e) => setError({ title: e instanceof ApiError ? lt(e.text) : String(e), details: [] }),
    );
  };

  const start = async () => {
    if (!chosen || !file) return;
    setError(null);
    setJob(null);
    const body = new FormData();
    body.set('plugin', chosen.plugin);
    body.set('form', chosen.form);
    body.set('period', period);
    if (orgUnitId) body.set('orgUnitId', orgUnitId);
    body.set('mode', mode);
    if (update) body.set('update', 'true');
    if (sentMapping) body.set('mapping', JSON.stringify(sentMapping));
    body.set('file', file, file.name);
    setUploaded(0);
    try {
      const { id } = await postMultipart<{ id: string }>('/api/imports', body, (f) => setUploaded(Math.round(f * 100)));
      follow(id);
    } catch (e) {
      showError(e);
    } finally {
      setUploaded(null);
    }
  };

  // The template of the chosen form in the page's language (its titles and 填表说明 follow it).
  const downloadTemplate = (f: FillableForm) =>
    downloadFile(
      `/api/plugins/${encodeURIComponent(f.plugin)}/forms/${encodeURIComponent(f.form)}/import-template?lang=${locale}`,
      'import-template.xlsx',
    ).catch(showError);

  const busy = uploaded !== null || job?.status === 'queued' || job?.status === 'running';

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <a href="#/">{t('back')}</a>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {tx('title')}
      </Typography.Title>
      {error && (
        <Alert
          type="error"
          role="alert"
          data-testid="errors"
          message={error.title}
          description={
            error.details.length ? (
              <ul>
                {error.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Card size="small">
        <Form layout="vertical" onFinish={() => void start()} style={{ maxWidth: 560 }}>
          <Form.Item label={tx('form')} htmlFor="import-form" required>
            <select
              id="import-form"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              style={{ height: 32, borderRadius: 6, padding: '0 8px', width: '100%' }}
            >
              <option value="">{tx('chooseForm')}</option>
              {forms.map((f) => (
                <option key={`${f.plugin}/${f.form}`} value={`${f.plugin}/${f.form}`}>
                  {lt(f.pluginTitle)} · {lt(f.title)}
                </option>
              ))}
            </select>
            {chosen && (
              <Button
                type="link"
                style={{ paddingInline: 0 }}
                onClick={() => downloadTemplate(chosen)}
                data-testid="import-template"
                title={tx('templateHint')}
              >
                {tx('template')}
              </Button>
            )}
          </Form.Item>
          {chosen && chosen.period.kind !== 'none' && (
            <Form.Item label={t('period')} htmlFor="import-period" required>
              <Input id="import-period" value={period} onChange={(e) => setPeriod(e.target.value)} style={{ width: 160 }} />
            </Form.Item>
          )}
          <Form.Item label={tx('orgUnit')} htmlFor="import-org">
            <UnitSelect
              id="import-org"
              units={unitChoices}
              value={orgUnitId || undefined}
              onChange={(v) => setOrgUnitPick(v ?? '')}
              emptyLabel={tx('none')}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item label={tx('mode')}>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
              <Radio value="all">{tx('modeAll')}</Radio>
              <Radio value="valid">{tx('modeValid')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item>
            <Checkbox checked={update} onChange={(e) => setUpdate(e.target.checked)} data-testid="import-update">
              {tx('update')}
            </Checkbox>
          </Form.Item>
          <Form.Item label={tx('file')} htmlFor="import-file" required>
            <input
              id="import-file"
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              data-testid="import-file"
            />
          </Form.Item>
        </Form>
      </Card>
      {mapping.preview && (
        <Card size="small">
          <MappingTable
            preview={mapping.preview}
            choices={mapping.choices}
            decided={mapping.decided}
            showProblems={!mapping.changed}
            onChoose={mapping.choose}
          />
        </Card>
      )}
      <Space wrap>
        {mapping.loading && <Typography.Paragraph data-testid="mapping-loading">{tx('previewing')}</Typography.Paragraph>}
        <Button
          type="primary"
          onClick={() => void start()}
          disabled={!chosen || !file || busy || mapping.loading || open.length > 0}
          loading={busy}
          data-testid="start-import"
        >
          {tx('start')}
        </Button>
      </Space>
      {uploaded !== null && <Progress percent={uploaded} status="active" aria-label={tx('uploading')} />}
      {job && (
        <Card size="small" data-testid="import-job">
          <ImportJobResult job={job} />
          {(job.classChanges?.length ?? 0) > 0 && (
            <Table
              size="small"
              rowKey="recordId"
              dataSource={job.classChanges}
              pagination={false}
              title={() => tx('classChanges')}
              data-testid="import-class-changes"
              columns={[
                { key: 'row', title: tx('row'), dataIndex: 'row' },
                {
                  key: 'record',
                  title: tx('record'),
                  render: (_: unknown, c: NonNullable<Job['classChanges']>[number]) => (
                    <a href={`#/records/${encodeURIComponent(c.recordId)}`}>{c.subjectTitle ?? c.subject ?? c.recordId}</a>
                  ),
                },
                {
                  key: 'change',
                  title: tx('change'),
                  render: (_: unknown, c: NonNullable<Job['classChanges']>[number]) =>
                    c.changes.map((x) => `${x.rule}: ${String(x.before)} → ${String(x.after)}`).join('; '),
                },
              ]}
            />
          )}
          {job.status === 'done' && (job.counts?.rejected ?? 0) + (job.counts?.unmatched ?? 0) > 0 && (
            <Button
              onClick={() =>
                downloadFile(`/api/imports/${encodeURIComponent(job.id)}/errors`, 'errors.xlsx').catch((e) =>
                  setError({ title: e instanceof ApiError ? lt(e.text) : String(e), details: [] }),
                )
              }
              data-testid="download-errors"
            >
              {tx('errorFile')}
            </Button>
          )}
        </Card>
      )}
    </Space>
  );
}
