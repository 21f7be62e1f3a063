// An x-attachment field: the accepted types, size limit and number of files shown before anything is chosen; a
// file that breaks them is refused here with a message (the server checks again); an upload shows its progress;
// the files of the record are listed with download links and, while editable, a remove button. Reviewers see the
// list read-only. The field's value stays what the schema says: an array of attachment ids.
import { useEffect, useState } from 'react';
import { Button, List, Progress, Typography } from 'antd';
import { getUiOptions, type FieldProps } from '@rjsf/utils';
import { bytesMatchType, claimedType, formatBytes, isAccepted, typeLabel } from '../../../platform/attachments/media-types';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { attachmentMetas, downloadAttachment, downloadUrl, uploadAttachment, type AttachmentMeta } from './upload';

export interface AttachmentContext {
  plugin: string;
  form: string;
  orgUnitId?: string | null;
}

interface Spec {
  accept?: string[];
  maxSize?: number;
  maxFiles?: number;
}

export function AttachmentField(props: FieldProps<string[], any, AttachmentContext>) {
  const { schema, uiSchema, formData, onChange, idSchema, readonly, disabled, formContext } = props;
  const { t, lt, locale } = useI18n();
  const spec: Spec = schema['x-attachment'] ?? {};
  const ids = Array.isArray(formData) ? formData.filter((x): x is string => typeof x === 'string') : [];
  const [metas, setMetas] = useState<Map<string, AttachmentMeta>>(new Map());
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const id = idSchema.$id;
  // The field's pointer in the data, put in its ui:options by withAttachmentFields.
  const field = String(getUiOptions(uiSchema).attachmentPointer ?? '');
  const editable = !readonly && !disabled;

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

  const accepted = (spec.accept ?? []).map(typeLabel).join(', ');
  const full = spec.maxFiles !== undefined && ids.length >= spec.maxFiles;

  const choose = async (file: File) => {
    setProblem(null);
    const type = claimedType(file.type, file.name) ?? '';
    if (spec.maxSize !== undefined && file.size > spec.maxSize) {
      setProblem(`${t('attachTooLarge')}：${file.name}（${formatBytes(file.size)} > ${formatBytes(spec.maxSize)}）`);
      return;
    }
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    if (!isAccepted(type, spec.accept) || !bytesMatchType(head, type)) {
      setProblem(`${t('attachWrongType')}：${file.name}（${t('attachAccept')}：${accepted}）`);
      return;
    }
    setProgress(0);
    try {
      const meta = await uploadAttachment(
        { plugin: formContext?.plugin ?? '', form: formContext?.form ?? '', field, orgUnitId: formContext?.orgUnitId },
        file,
        setProgress,
      );
      setMetas((m) => new Map(m).set(meta.id, meta));
      onChange([...ids, meta.id]);
    } catch (e) {
      setProblem(e instanceof ApiError ? [lt(e.text), ...e.details.map((d) => lt(d.message))].filter(Boolean).join('：') : String(e));
    } finally {
      setProgress(null);
    }
  };

  const limits =
    `${t('attachAccept')}：${accepted || '—'}；${t('attachMaxSize')} ${spec.maxSize ? formatBytes(spec.maxSize) : '—'}` +
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
      {ids.length === 0 && (
        <div>
          <Typography.Text type="secondary">{t('attachNone')}</Typography.Text>
        </div>
      )}
      {ids.length > 0 && (
        <List
          size="small"
          dataSource={ids}
          renderItem={(aid) => {
            const m = metas.get(aid);
            return (
              <List.Item
                actions={
                  editable
                    ? [
                        <Button
                          key="rm"
                          size="small"
                          danger
                          // antd spaces two Chinese characters apart ("删 除"), and the name then no longer contains the text.
                          autoInsertSpace={false}
                          onClick={() => onChange(ids.filter((x) => x !== aid))}
                          aria-label={`${t('attachRemove')} ${m?.name ?? aid}`}
                        >
                          {t('attachRemove')}
                        </Button>,
                      ]
                    : []
                }
              >
                <a
                  href={downloadUrl(aid)}
                  download={m?.name}
                  data-attachment={aid}
                  onClick={(e) => {
                    e.preventDefault();
                    downloadAttachment(aid, m?.name ?? aid).catch((err) =>
                      setProblem(err instanceof ApiError ? lt(err.text) : String(err)),
                    );
                  }}
                >
                  {m?.name ?? aid}
                </a>
                {m && <Typography.Text type="secondary"> · {formatBytes(m.size)}</Typography.Text>}
              </List.Item>
            );
          }}
        />
      )}
      {editable && (
        <div>
          <label htmlFor={id}>{t('attachChoose')}</label>{' '}
          <input
            id={id}
            type="file"
            accept={(spec.accept ?? []).join(',') || undefined}
            disabled={full || progress !== null}
            aria-describedby={`${id}__limits${problem ? ` ${id}__problem` : ''}`}
            lang={locale}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void choose(f);
            }}
          />
          {full && <Typography.Text type="secondary"> {t('attachTooMany')}</Typography.Text>}
        </div>
      )}
      {progress !== null && (
        <Progress percent={Math.round(progress * 100)} size="small" aria-label={t('attachUploading')} data-testid="attachment-progress" />
      )}
      {problem && (
        <Typography.Text type="danger" id={`${id}__problem`} role="alert" data-testid="attachment-problem">
          {problem}
        </Typography.Text>
      )}
    </div>
  );
}
