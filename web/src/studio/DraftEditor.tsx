// #/admin/studio/:draftId: one draft. Left, the tabs that edit its files (form fields, rules, every file as JSON);
// right, the live preview of the chosen form. Every edit is a new map of file texts (use-draft.ts keeps the undo
// stack and autosaves it).
import { useMemo, useState } from 'react';
import { Alert, Col, Row, Select, Space, Tabs, Typography } from 'antd';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import { DraftActions } from './DraftActions';
import { FieldTree, type Catalogue, type SchemaChange } from './FieldTree';
import { FilesTab } from './FilesTab';
import { ReportsTab } from './ReportsTab';
import { ParametersTab } from './ParametersTab';
import { CodeListsTab } from './CodeListsTab';
import { WorkflowTab } from './WorkflowTab';
import { formWorkflowId } from './workflow-edit';
import { codeListPaths, readCodeList, type CodeList } from './codelist-edit';
import { withComputeRule } from './compute-field';
import type { RulesAccess } from './FieldComputed';
import { patchField } from './schema-edit';
import { TABLE_TEXTS } from './studio-tables-texts';
import { RulesTab } from './RulesTab';
import { StudioPreview } from './StudioPreview';
import { formatJson, formsOf, parseFiles, translationsPath } from './draft-files';
import { withPreviewCase, type PreviewCase } from './preview-case';
import { renameInCatalogue } from './catalogue-rename';
import { STUDIO_TEXTS } from './studio-texts';
import { useDraft } from './use-draft';
import { followMoves, type MoveNotice } from './follow-moves';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function DraftEditor({ draftId }: { draftId: string }) {
  const { t, lt } = useI18n();
  const tx = useTexts(STUDIO_TEXTS);
  const tt = useTexts(TABLE_TEXTS);
  const state = useDraft(draftId);
  const { draft, files, edit } = state;
  const parsed = useMemo(() => parseFiles(files), [files]);
  const forms = useMemo(() => formsOf(parsed.values), [parsed]);
  const [chosen, setChosen] = useState('');
  const [moveNotice, setMoveNotice] = useState<MoveNotice | null>(null);
  // What a new field may take its choices from or refer to.
  const draftChoices = useMemo(
    () => ({
      codeLists: codeListPaths(parsed.values)
        .map((p) => readCodeList(parsed.values[p]))
        .filter((l): l is CodeList => !!l),
      forms: forms.map((f) => f.id),
    }),
    [parsed, forms],
  );
  const form = forms.find((f) => f.id === chosen) ?? forms[0] ?? null;

  if (state.loadError) return <Alert type="error" role="alert" message={lt(state.loadError)} />;
  if (!draft) return <p>{t('loading')}</p>;

  const setFile = (path: string, text: string) => edit((latest) => ({ ...latest, [path]: text }));
  const schema =
    form?.schema && parsed.values[form.schema] && typeof parsed.values[form.schema] === 'object'
      ? (parsed.values[form.schema] as Record<string, any>)
      : null;
  const enPath = translationsPath(parsed.values, files);
  const enMap = enPath ? (parsed.values[enPath] as Record<string, string> | undefined) : undefined;
  const catalogue: Catalogue | null =
    enPath && enMap && typeof enMap === 'object'
      ? { map: enMap, set: (zh, en) => setFile(enPath, formatJson({ ...enMap, [zh]: en })) }
      : null;
  const uiPath = form?.uiSchema ?? null;
  const ui = uiPath && isObject(parsed.values[uiPath]) ? (parsed.values[uiPath] as Record<string, any>) : null;
  // The schema and, when its ui:order followed, the UI schema: one edit, one undo step.
  // A field moved to another level: what names it by its old path follows in the same edit, and the admin is told.
  const onSchema: SchemaChange = (s, nextUi, renamed, moved) =>
    edit((latest) => {
      let next = {
        ...latest,
        [form!.schema!]: formatJson(s),
        ...(uiPath && nextUi && nextUi !== ui ? { [uiPath]: formatJson(nextUi) } : {}),
      };
      if (moved?.length) {
        const followed = followMoves(next, form!.id, moved);
        next = followed.files;
        setMoveNotice(followed.notice);
      }
      return renamed && enPath ? renameInCatalogue(next, enPath, renamed.from, renamed.to) : next;
    });

  // A compute rule for a field and the field made read-only: one edit, one undo step.
  const rulesPath = form?.rules[0] ?? null;
  const rules: RulesAccess | null =
    rulesPath && schema
      ? {
          value: parsed.values[rulesPath],
          addCompute: (path, field) =>
            edit((latest) => ({
              ...latest,
              [rulesPath]: formatJson(withComputeRule(parsed.values[rulesPath], path, field).file),
              [form!.schema!]: formatJson(patchField(schema, path, { readOnly: true })),
            })),
        }
      : null;

  // The case goes into the files as they are now: one edit, one undo step, saved by the autosave like any other.
  const saveCase = (c: PreviewCase): string => {
    const title = typeof form?.title['zh-CN'] === 'string' ? form.title['zh-CN'] : form!.id;
    const next = withPreviewCase(files, parsed.values, { id: form!.id, title }, c);
    edit(next.files);
    return next.path;
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="draft-editor">
      <a href="#/admin/studio">{tx('back')}</a>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {tx('title')} · {lt(draft.title as never)} <Typography.Text type="secondary">{`${draft.plugin}@${draft.version}`}</Typography.Text>
      </Typography.Title>
      <DraftActions state={state} />
      {moveNotice && (
        <Alert
          type={moveNotice.shared.length ? 'warning' : 'info'}
          closable
          onClose={() => setMoveNotice(null)}
          data-testid="move-notice"
          message={lt(moveNotice.summary)}
          description={moveNotice.shared.length ? `${tx('sharedNotRenamed')}: ${moveNotice.shared.join(', ')}` : undefined}
        />
      )}
      {forms.length > 1 && (
        <Space>
          <label htmlFor="studio-form">{tx('form')}</label>
          <Select
            id="studio-form"
            value={form?.id}
            onChange={setChosen}
            options={forms.map((f) => ({ value: f.id, label: `${lt(f.title as never)} (${f.id})` }))}
            style={{ minWidth: 240 }}
          />
        </Space>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Tabs
            // Six tabs fit the column at 1280 px this way; antd's overflow menu button is not allowed in a tablist (axe).
            size="small"
            tabBarGutter={16}
            items={[
              {
                key: 'fields',
                label: tx('tabFields'),
                children: schema ? (
                  <FieldTree
                    key={form!.id}
                    schema={schema}
                    ui={ui}
                    onChange={onSchema}
                    catalogue={catalogue}
                    draft={draftChoices}
                    rules={rules}
                  />
                ) : (
                  <Alert type="warning" message={tx('noSchema')} />
                ),
              },
              {
                key: 'rules',
                label: tx('tabRules'),
                children: <RulesTab key={form?.id} files={files} rulePaths={form?.rules ?? []} schema={schema} onChange={setFile} />,
              },
              {
                key: 'params',
                label: tx('tabParams'),
                children: <ParametersTab files={files} values={parsed.values} onFiles={(next) => edit(next)} />,
              },
              {
                key: 'codelists',
                label: tt('tabCodeLists'),
                children: <CodeListsTab files={files} values={parsed.values} onFiles={(next) => edit(next)} />,
              },
              {
                key: 'workflow',
                label: tt('tabWorkflow'),
                children: (
                  <WorkflowTab
                    key={form?.id}
                    files={files}
                    values={parsed.values}
                    workflowId={formWorkflowId(parsed.values, form?.id)}
                    rulePaths={form?.rules ?? []}
                    onFiles={(next) => edit(next)}
                  />
                ),
              },
              {
                key: 'reports',
                label: tt('tabReports'),
                children: <ReportsTab draftId={draftId} files={files} onChange={setFile} flush={state.flush} />,
              },
              { key: 'files', label: tx('tabFiles'), children: <FilesTab files={files} onChange={setFile} /> },
            ]}
          />
        </Col>
        <Col xs={24} xl={14}>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {tx('preview')}
          </Typography.Title>
          {form ? (
            <StudioPreview key={form.id} parsed={parsed} formId={form.id} pluginId={draft.plugin} onSaveCase={saveCase} />
          ) : (
            <Alert type="warning" message={tx('noSchema')} />
          )}
        </Col>
      </Row>
    </Space>
  );
}
