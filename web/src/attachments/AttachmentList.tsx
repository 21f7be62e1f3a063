// The read-only list of a record's attachments (a reviewer's view, or a record no longer editable): each file's name
// as a download link and its size, in the look of the Upload list beside it, with no file input and no buttons.
import { List, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { formatBytes } from '../../../platform/attachments/media-types';
import { useI18n } from '../i18n';
import { downloadUrl, type AttachmentMeta } from './upload';

export function AttachmentList(props: {
  ids: string[];
  metas: Map<string, AttachmentMeta>;
  onDownload: (id: string, name: string) => void;
}) {
  const { t } = useI18n();
  const { ids, metas, onDownload } = props;
  if (ids.length === 0)
    return (
      <div>
        <Typography.Text type="secondary">{t('attachNone')}</Typography.Text>
      </div>
    );
  return (
    <List
      size="small"
      dataSource={ids}
      renderItem={(aid) => {
        const m = metas.get(aid);
        const name = m?.name ?? aid;
        return (
          <List.Item>
            <span>
              <PaperClipOutlined aria-hidden="true" />{' '}
              <a
                href={downloadUrl(aid)}
                download={name}
                data-attachment={aid}
                onClick={(e) => {
                  // With the bearer token when the cookie alone would not do (upload.ts says why).
                  e.preventDefault();
                  onDownload(aid, name);
                }}
              >
                {name}
              </a>
              {m && <Typography.Text type="secondary"> · {formatBytes(m.size)}</Typography.Text>}
            </span>
          </List.Item>
        );
      }}
    />
  );
}
