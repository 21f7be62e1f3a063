// The bar at the bottom of a long form, in view while it scrolls: how many fields are in error with a button that
// goes to the first, the save state ("已保存 hh:mm"), the save button, and what the last save said, beside it. On
// narrow screens the rule summary rides on top of it.
import type { ReactNode } from 'react';
import { Button, Space, Typography } from 'antd';
import { useTexts } from '../texts';
import { RECORD_TEXTS } from './record-texts';
import { hhmm } from './OfflineBanner';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saved'; at: number }
  | { kind: 'saving' }
  | { kind: 'unsaved' }
  | { kind: 'held' }
  | { kind: 'kept'; at: number };

interface Props {
  errorCount: number;
  onJump: () => void;
  saveState: SaveState;
  /** The save button (absent on a record the user may only read). */
  saveButton?: ReactNode;
  /** What the last save or step said (an Alert), shown beside the button. */
  message?: ReactNode;
  /** On narrow screens: the rule summary strip. */
  summary?: ReactNode;
}

export function ActionBar({ errorCount, onJump, saveState, saveButton, message, summary }: Props) {
  const tx = useTexts(RECORD_TEXTS);
  const stateText =
    saveState.kind === 'saved'
      ? `${tx('savedAt')} ${hhmm(saveState.at)}`
      : saveState.kind === 'saving'
        ? tx('saving')
        : saveState.kind === 'unsaved'
          ? tx('unsaved')
          : saveState.kind === 'held'
            ? tx('autosaveHeld')
            : saveState.kind === 'kept'
              ? `${tx('keptLocally')} (${hhmm(saveState.at)})`
              : '';
  return (
    <div
      data-testid="action-bar"
      style={{
        position: 'sticky',
        bottom: 0,
        zIndex: 10,
        background: '#fff',
        borderTop: '1px solid #d9d9d9',
        boxShadow: '0 -2px 8px rgba(0,0,0,0.06)',
        padding: '8px 12px',
        marginTop: 8,
      }}
    >
      {summary && <div style={{ paddingBottom: 6, marginBottom: 6, borderBottom: '1px solid #f0f0f0' }}>{summary}</div>}
      {message && <div style={{ marginBottom: 6 }}>{message}</div>}
      <Space wrap size={[12, 6]} style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space size={8} wrap>
          <Typography.Text data-testid="error-count" data-count={errorCount} style={{ color: errorCount > 0 ? '#cf1322' : undefined }}>
            {errorCount > 0 ? `${errorCount} ${tx('errorCount')}` : tx('noErrors')}
          </Typography.Text>
          {errorCount > 0 && (
            <Button size="small" onClick={onJump} data-testid="jump-first-error">
              {tx('jumpFirstError')}
            </Button>
          )}
        </Space>
        <Space size={8} wrap>
          <span data-testid="save-state" data-kind={saveState.kind} aria-live="polite">
            {stateText}
          </span>
          {saveButton}
        </Space>
      </Space>
    </div>
  );
}

/** Scrolls to the first field shown in error within `root` and puts the cursor in it. */
export function focusFirstError(root: HTMLElement | null): boolean {
  const item = root?.querySelector<HTMLElement>('.ant-form-item-has-error');
  if (!item) return false;
  item.scrollIntoView({ block: 'center' });
  const control = item.querySelector<HTMLElement>('input:not([type=hidden]), textarea, select, [role=combobox], button, [tabindex]');
  control?.focus({ preventScroll: true });
  return true;
}
