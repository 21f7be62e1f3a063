// "Import a pack or folder" on the studio's draft list: a .hzpack (checked by the server as its dry run checks it)
// or a plugin folder chosen whole (<input webkitdirectory>, read here as path → text). The server makes a draft
// of the plugin's next version when it is installed, else of a new plugin, and the editor opens on it; a refusal
// shows each detail with its file and pointer, and nothing was created.
import { useState } from 'react';
import { Alert, Button, Card, Space, Typography, Upload } from 'antd';
import type { RcFile } from 'antd/es/upload';
import { ApiError, type ErrorDetail } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import { DetailList } from '../pages/admin/PackReport';
import { folderFiles } from './folder-files';
import { IMPORT_TEXTS } from './import-texts';
import { importFolder, importPack, type Imported } from './studio-api';

type Refusal = { text: LocalText | string; details: ErrorDetail[] };

export function ImportDraft() {
  const { lt } = useI18n();
  const tx = useTexts(IMPORT_TEXTS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Refusal | null>(null);

  const run = async (send: () => Promise<Imported>) => {
    setBusy(true);
    setError(null);
    try {
      const out = await send();
      window.location.hash = `#/admin/studio/${encodeURIComponent(out.draft.id)}`;
    } catch (e) {
      setError(e instanceof ApiError ? { text: e.text, details: e.details } : { text: String(e), details: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('importTitle')}</h2>} data-testid="import-draft">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{tx('importNote')}</Typography.Text>
        <Space wrap>
          <Upload
            accept=".hzpack"
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file: RcFile) => {
              void run(() => importPack(file));
              return false;
            }}
          >
            <Button loading={busy} data-testid="import-pack">
              {tx('importPack')}
            </Button>
          </Upload>
          <Upload
            directory
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file: RcFile, list: RcFile[]) => {
              // Called once per file of the folder: the whole folder is sent once, with its first file.
              if (file === list[0]) void run(async () => importFolder(await folderFiles(list)));
              return false;
            }}
          >
            <Button loading={busy} data-testid="import-folder">
              {tx('importFolder')}
            </Button>
          </Upload>
        </Space>
        {busy && <Typography.Text>{tx('importing')}</Typography.Text>}
        {error && (
          <Alert
            type="error"
            role="alert"
            data-testid="import-error"
            message={`${tx('importRefused')}: ${lt(error.text)}`}
            description={error.details.length > 0 && <DetailList details={error.details as never} />}
          />
        )}
      </Space>
    </Card>
  );
}
