// An x-attachment field as an antd Upload: a drag area on wide screens, a button on narrow ones. The accepted types,
// size limit and number of files show before anything is chosen; a file that breaks them is refused here with a
// message at the field (the server checks again); an upload shows its progress in the list; the list gives each
// file's name (a download link), size and, while editable, a remove button. Reviewers see the list read-only, with
// no file input at all. The field's value stays what the schema says: an array of attachment ids.
import { useEffect, useState } from 'react';
import { Grid, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import { DeleteOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { getUiOptions, type FieldProps } from '@rjsf/utils';
import { formatBytes } from '../../../platform/attachments/media-types';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { acceptedLabel, refusalOf, type AttachmentSpec } from './attachment-checks';
import { AttachmentList } from './AttachmentList';
import { attachmentMetas, downloadAttachment, downloadUrl, uploadAttachment, type AttachmentMeta } from './upload';

export interface AttachmentContext {
  plugin: string;
  form: string;
  orgUnitId?: string | null;
}

// The trigger of the narrow layout looks like a button but is none: the Upload wraps it in its own role="button",
// and a real button inside would be a nested control.
const BUTTON_LOOK = {
  display: 'inline-flex',
  alignItems: 'center',
  gap: 8,
  padding: '4px 15px',
  border: '1px solid #d9d9d9',
  borderRadius: 6,
  background: '#fff',
  cursor: 'pointer',
} as const;

export function AttachmentField(props: FieldProps<string[], any, AttachmentContext>) {
  const { schema, uiSchema, formData, onChange, idSchema, readonly, disabled, formContext } = props;
  const { t, lt } = useI18n();
  const screens = Grid.useBreakpoint();
  const spec: AttachmentSpec = schema['x-attachment'] ?? {};
  const ids = Array.isArray(formData) ? formData.filter((x): x is string => typeof x === 'string') : [];
  const [metas, setMetas] = useState<Map<string, AttachmentMeta>>(new Map());
  const [uploading, setUploading] = useState<UploadFile | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const id = idSchema.$id;
  // The field's pointer in the data, put in its ui:options by withAttachmentFields.
  const field = String(getUiOptions(uiSchema).attachmentPointer ?? '');
  const editable = !readonly && !disabled;
  // Before the first measurement every breakpoint is unknown: the drag area is the default.
  const narrow = screens.md === false;

  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    if (ids.length)
      attachmentMetas(ids).then(
        (m) => live && setMetas(m),
        () => {},
      );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const full = spec.maxFiles !== undefined && ids.length >= spec.maxFiles;
  const say = (e: unknown) =>
    setProblem(e instanceof ApiError ? [lt(e.text), ...e.details.map((d) => lt(d.message))].filter(Boolean).join('：') : String(e));
  const download = (aid: string, name: string) => downloadAttachment(aid, name).catch(say);

  const fileList: UploadFile[] = ids.map((aid) => {
    const m = metas.get(aid);
    return {
      uid: aid,
      name: m?.name ?? aid,
      size: m?.size,
      status: 'done',
      url: downloadUrl(aid),
      linkProps: { download: m?.name ?? aid, 'data-attachment': aid },
    };
  });
  if (uploading) fileList.push(uploading);

  const uploadProps: UploadProps = {
    id,
    fileList,
    accept: (spec.accept ?? []).join(',') || undefined,
    multiple: false,
    // Not disabled when full: antd would hide the remove buttons too. A full field shows no trigger instead.
    disabled: uploading !== null,
    // antd's bar has no name of its own; axe asks for one.
    progress: { 'aria-label': t('attachUploading') } as UploadProps['progress'],
    showUploadList: {
      showRemoveIcon: true,
      // antd's icon names the button "delete" in any language; this names it in the user's, with the file.
      removeIcon: (file) => <DeleteOutlined aria-label={`${t('attachRemove')} ${file.name}`} />,
      showDownloadIcon: false,
      extra: (file) => (file.size !== undefined && file.status === 'done' ? ` · ${formatBytes(file.size)}` : null),
    },
    beforeUpload: async (file) => {
      setProblem(null);
      if (full) {
        setProblem(`${t('attachTooMany')}：${file.name}`);
        return Upload.LIST_IGNORE;
      }
      const refusal = await refusalOf(file, spec);
      if (!refusal) return true;
      setProblem(
        refusal.kind === 'size'
          ? `${t('attachTooLarge')}：${file.name}（${formatBytes(file.size)} > ${formatBytes(spec.maxSize!)}）`
          : `${t('attachWrongType')}：${file.name}（${t('attachAccept')}：${refusal.accepted}）`,
      );
      return Upload.LIST_IGNORE;
    },
    customRequest: ({ file }) => {
      const f = file as File;
      const item: UploadFile = { uid: `uploading-${f.name}`, name: f.name, status: 'uploading', percent: 0 };
      setUploading(item);
      uploadAttachment(
        { plugin: formContext?.plugin ?? '', form: formContext?.form ?? '', field, orgUnitId: formContext?.orgUnitId },
        f,
        (fraction) => setUploading({ ...item, percent: Math.round(fraction * 100) }),
      )
        .then((meta) => {
          setMetas((m) => new Map(m).set(meta.id, meta));
          onChange([...ids, meta.id]);
        }, say)
        .finally(() => setUploading(null));
    },
    onPreview: (file) => void download(file.uid, file.name),
    onRemove: (file) => {
      onChange(ids.filter((x) => x !== file.uid));
      return false; // the list is the field's value: antd need not remove anything itself
    },
  };

  // Given to the hidden file input (rc-upload passes aria-* on to it): the limits, and the refusal once there is one.
  const describedBy = `${id}__limits${problem ? ` ${id}__problem` : ''}`;
  const limits =
    `${t('attachAccept')}：${acceptedLabel(spec) || '—'}；${t('attachMaxSize')} ${spec.maxSize ? formatBytes(spec.maxSize) : '—'}` +
    (spec.maxFiles ? `；${t('attachMaxFiles')} ${spec.maxFiles}` : '');

  return (
    <div data-attachment-field={field} style={{ marginBottom: 8 }}>
      <div>
        <strong>{schema.title ?? props.name}</strong>
        {props.required ? (
          <span aria-hidden="true" style={{ color: '#cf1322' }}>
            {' '}
            *
          </span>
        ) : null}
      </div>
      <Typography.Text type="secondary" id={`${id}__limits`} data-testid="attachment-limits">
        {limits}
      </Typography.Text>
      {!editable ? (
        <AttachmentList ids={ids} metas={metas} onDownload={download} />
      ) : narrow || full ? (
        <div>
          {/* Without children antd hides the trigger and keeps the list (with its remove buttons). */}
          <Upload {...uploadProps} aria-describedby={describedBy}>
            {full ? null : (
              <span style={BUTTON_LOOK}>
                <UploadOutlined aria-hidden="true" />
                {t('attachChoose')}
              </span>
            )}
          </Upload>
        </div>
      ) : (
        <Upload.Dragger {...uploadProps} aria-describedby={describedBy}>
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden="true" />
          </p>
          <p className="ant-upload-text">{t('attachDrop')}</p>
        </Upload.Dragger>
      )}
      {editable && ids.length === 0 && !uploading && (
        <div>
          <Typography.Text type="secondary">{t('attachNone')}</Typography.Text>
        </div>
      )}
      {editable && full && <Typography.Text type="secondary">{t('attachTooMany')}</Typography.Text>}
      {problem && (
        <div>
          <Typography.Text type="danger" id={`${id}__problem`} role="alert" data-testid="attachment-problem">
            {problem}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}
