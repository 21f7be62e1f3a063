// The editor's toolbar: undo/redo (also Ctrl+Z / Ctrl+Shift+Z outside text inputs), the autosave state with a
// reload on a conflict, check, publish (confirmed; a reason when fixtures failed) and export. Publishing first saves
// what is pending, so what goes live is what the admin sees; the confirmation shows the pack dry run of that — the
// diff against the installed version and the impact on its open records, as the packs page shows for an import.
import { useEffect, useState } from 'react';
import { Alert, Button, Input, Modal, Space, Tag } from 'antd';
import { ApiError } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import { CheckReport } from './CheckReport';
import { STUDIO_TEXTS } from './studio-texts';
import { checkDraft, exportDraft, previewPublish, publishDraft, type CheckResult, type Published } from './studio-api';
import { ReportView } from '../pages/admin/PackReport';
import { PackImpact } from '../pages/admin/PackImpact';
import type { Report } from '../pages/admin/pack-request';
import type { DraftState } from './use-draft';

const editable = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || !!t.closest('.cm-editor'));

export function DraftActions({ state }: { state: DraftState }) {
  const { lt } = useI18n();
  const tx = useTexts(STUDIO_TEXTS);
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LocalText | string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [published, setPublished] = useState<Published | null>(null);
  const [preview, setPreview] = useState<Report | null>(null);
  const draft = state.draft!;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z' || editable(e.target)) return;
      e.preventDefault();
      if (e.shiftKey) state.redo();
      else state.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state]);

  const run = async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e instanceof ApiError ? e.text : String(e));
      return null;
    } finally {
      setBusy(false);
    }
  };
  const doCheck = () =>
    run(async () => {
      await state.flush();
      setCheck(await checkDraft(draft.id));
    });
  const doPublish = () =>
    run(async () => {
      const revision = await state.flush();
      if (revision === null) throw new Error(tx('conflict'));
      setPublished(await publishDraft(draft.id, revision, reason.trim() || undefined));
      setConfirming(false);
    });
  // The confirmation opens on what the draft as saved would do; a dry run that cannot run says why instead.
  const askPublish = () =>
    run(async () => {
      setPreview(null);
      setConfirming(true);
      await state.flush();
      setPreview(await previewPublish(draft.id));
    });
  const fixturesFailed = (check?.fixtures?.failed ?? 0) > 0 || (preview?.fixtures?.failed ?? 0) > 0;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button onClick={state.undo} disabled={!state.canUndo} aria-keyshortcuts="Control+Z" data-testid="undo">
          {tx('undo')}
        </Button>
        <Button onClick={state.redo} disabled={!state.canRedo} aria-keyshortcuts="Control+Shift+Z" data-testid="redo">
          {tx('redo')}
        </Button>
        <Button onClick={() => void doCheck()} loading={busy} data-testid="check-draft">
          {tx('check')}
        </Button>
        <Button type="primary" onClick={() => void askPublish()} disabled={state.save === 'conflict'} data-testid="publish-draft">
          {tx('publish')}
        </Button>
        <Button onClick={() => void run(() => exportDraft(draft))} data-testid="export-draft">
          {tx('export')}
        </Button>
        <Tag
          role="status"
          data-testid="save-state"
          color={state.save === 'saved' ? '#237804' : state.save === 'conflict' || state.save === 'failed' ? '#a8071a' : '#0958d9'}
        >
          {tx(state.save)}
        </Tag>
      </Space>
      {state.save === 'conflict' && (
        <Alert
          type="error"
          role="alert"
          data-testid="conflict"
          message={tx('conflict')}
          action={
            <Button size="small" onClick={state.reload} data-testid="reload-draft">
              {tx('reload')}
            </Button>
          }
        />
      )}
      {state.save === 'failed' && state.saveError && <Alert type="warning" message={lt(state.saveError)} />}
      {error && <Alert type="error" role="alert" message={lt(error)} data-testid="action-error" />}
      {published && (
        <Alert
          type="success"
          role="status"
          data-testid="notice"
          message={tx('published').replace('{plugin}', published.plugin).replace('{version}', published.version)}
        />
      )}
      {check && <CheckReport result={check} />}
      <Modal
        open={confirming}
        title={tx('publish')}
        okText={tx('publish')}
        cancelText={tx('cancel')}
        confirmLoading={busy}
        onOk={() => void doPublish()}
        onCancel={() => setConfirming(false)}
        // Disabled, not only loading, while the preview is fetched: a click then would be swallowed.
        okButtonProps={{ disabled: busy, ...({ 'data-testid': 'confirm-publish' } as object) }}
        width={720}
      >
        <p>{tx('publishConfirm')}</p>
        {preview && (
          <div data-testid="publish-preview">
            <ReportView report={preview} />
            {preview.outcome !== 'refused' && <PackImpact impact={preview.impact} />}
          </div>
        )}
        {(fixturesFailed || error) && (
          <>
            <label htmlFor="override-reason">{tx('overrideReason')}</label>
            <Input.TextArea id="override-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </>
        )}
        {error && <Alert type="error" role="alert" message={lt(error)} />}
      </Modal>
    </Space>
  );
}
