// The one question asked before a step that cannot simply be taken back (issue 15, safe steps): it names the records
// (ten at most, then how many in all) and the consequence (the workflow's own words, else the state they go to), and
// asks for the comment when the step needs one. antd's Modal traps the focus and cancels on Escape; for a destructive
// step the first focus is Cancel (or the comment box), never the confirm button, so a stray Enter takes nothing.
import { useRef } from 'react';
import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import { firstFocus, namesShown } from './step-offers';

const TEXTS = {
  title: ['确认执行「{step}」', 'Take the step "{step}"?'],
  records: ['将对以下 {n} 条记录执行:', 'It will be taken on these {n} records:'],
  record: ['将对以下记录执行:', 'It will be taken on this record:'],
  more: ['等 {n} 条', '… {n} in all'],
  skipped: [
    '另有 {n} 条所选记录不能执行此操作,不会处理。',
    '{n} other selected records do not allow this step; they are left as they are.',
  ],
  goesTo: ['执行后,记录将转为「{state}」。', 'Afterwards the record is "{state}".'],
  goesToMany: ['执行后,记录将转为:{states}。', 'Afterwards the records are: {states}.'],
  danger: [
    '此操作具有破坏性,执行后不能简单撤回,请核对后再确认。',
    'This step is destructive and cannot simply be undone: check before you confirm.',
  ],
  comment: ['意见', 'Comment'],
  commentNeeded: ['此操作必须填写意见', 'This step needs a comment'],
  commentOptional: ['可填写意见(选填)', 'You may add a comment'],
  ok: ['确认{step}', 'Confirm: {step}'],
  cancel: ['取消', 'Cancel'],
} as const;

export interface StepQuestion {
  title: LocalText;
  danger: boolean;
  commentRequired: boolean;
  confirmTexts: LocalText[];
  toTitles: LocalText[];
  /** The records the step will be taken on. */
  names: string[];
  /** Selected records the step does not apply to (bulk only): left out, and said so. */
  skipped?: number;
}

interface Props {
  question: StepQuestion | null;
  comment: string;
  onComment: (c: string) => void;
  onOk: () => void;
  onCancel: () => void;
}

export function StepConfirmDialog({ question, comment, onComment, onOk, onCancel }: Props) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const okRef = useRef<HTMLButtonElement>(null);
  const commentRef = useRef<TextAreaRef>(null);
  const q = question;
  const step = q ? lt(q.title) : '';
  const missing = !!q?.commentRequired && !comment.trim();

  const focusFirst = () => {
    if (!q) return;
    const first = firstFocus(q);
    if (first === 'comment') commentRef.current?.focus();
    else (first === 'cancel' ? cancelRef : okRef).current?.focus();
  };

  const consequence = () => {
    if (!q) return '';
    if (q.confirmTexts.length) return q.confirmTexts.map((t) => lt(t)).join(' ');
    if (q.toTitles.length === 1) return tx('goesTo').replace('{state}', lt(q.toTitles[0]));
    return tx('goesToMany').replace('{states}', q.toTitles.map((t) => `「${lt(t)}」`).join('、'));
  };
  const { shown, more } = namesShown(q?.names ?? []);

  return (
    <Modal
      open={!!q}
      title={tx('title').replace('{step}', step)}
      onCancel={onCancel}
      afterOpenChange={(open) => open && focusFirst()}
      destroyOnHidden
      data-testid="step-dialog"
      footer={[
        <Button key="cancel" ref={cancelRef} onClick={onCancel} data-testid="step-dialog-cancel">
          {tx('cancel')}
        </Button>,
        <Button key="ok" ref={okRef} type="primary" danger={q?.danger} disabled={missing} onClick={onOk} data-testid="step-dialog-ok">
          {tx('ok').replace('{step}', step)}
        </Button>,
      ]}
    >
      {q && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="step-dialog-body">
          <Typography.Text>{q.names.length === 1 ? tx('record') : tx('records').replace('{n}', String(q.names.length))}</Typography.Text>
          <ul data-testid="step-dialog-records" style={{ margin: 0, paddingInlineStart: 20 }}>
            {shown.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
          {more > 0 && (
            <Typography.Text data-testid="step-dialog-more">{tx('more').replace('{n}', String(q.names.length))}</Typography.Text>
          )}
          {!!q.skipped && (
            <Typography.Text data-testid="step-dialog-skipped">{tx('skipped').replace('{n}', String(q.skipped))}</Typography.Text>
          )}
          <Alert
            type={q.danger ? 'error' : 'info'}
            showIcon
            data-testid="step-dialog-consequence"
            message={consequence()}
            description={q.danger ? tx('danger') : undefined}
          />
          <div>
            <label htmlFor="step-dialog-comment">
              {tx('comment')}
              {q.commentRequired && (
                <span aria-hidden="true" style={{ color: '#a8071a' }}>
                  {' '}
                  *
                </span>
              )}
            </label>
            <Input.TextArea
              id="step-dialog-comment"
              ref={commentRef}
              rows={3}
              value={comment}
              onChange={(e) => onComment(e.target.value)}
              aria-required={q.commentRequired}
              aria-describedby="step-dialog-comment-hint"
              style={{ marginTop: 4 }}
            />
            <Typography.Text id="step-dialog-comment-hint" type="secondary">
              {q.commentRequired ? tx('commentNeeded') : tx('commentOptional')}
            </Typography.Text>
          </div>
        </Space>
      )}
    </Modal>
  );
}
