// The workflow steps a user may take on a record, with the comment box. A step that the server would refuse for
// what the officer can see (blocking checks failing, fields with errors, required fields empty) is disabled with
// the reason beside it, tied to the button by aria-describedby so keyboard and screen-reader users hear it.
// Destructive steps are red; a step that needs a comment says so beside its button; a step the workflow wants
// confirmed (or a comment step with none written yet) opens StepConfirmDialog first (issue 15, safe steps).
import { useState } from 'react';
import { Button, Card, Input, Space, Typography } from 'antd';
import { useI18n, type LocalText } from './i18n';
import { useTexts } from './texts';
import { StepConfirmDialog } from './steps/StepConfirmDialog';
import { needsDialog } from './steps/step-offers';
import { useWorkCounts } from './shell/work-counts';

const TEXTS = {
  needsComment: ['需填写意见', 'Needs a comment'],
  commentFor: ['必填:', 'Required for:'],
  thisRecord: ['本记录', 'This record'],
} as const;

export interface StepInfo {
  id: string;
  title: unknown;
  commentRequired: boolean;
  danger?: boolean;
  confirm?: boolean;
  confirmText?: LocalText;
  toTitle?: LocalText;
}

export interface Readiness {
  /** Failing blocking checks of the results shown in the panel. */
  blocking: number;
  /** Schema errors other than required (only counted for a step that submits). */
  invalid: number;
  /** Required fields left empty, counted once the officer has tried to submit. */
  missing: number;
}

interface Props {
  transitions: StepInfo[];
  /** Steps that need every blocking check to pass (workflow requireChecks). */
  requireChecks: Set<string>;
  /** True when the record is in its workflow's first state and editable: a step now is a submission, validated in full. */
  submitting: boolean;
  readiness: Readiness;
  busy: boolean;
  comment: string;
  onComment: (c: string) => void;
  /** Takes the step (with the comment as it is now); the to-do counts are read again once it settles. */
  onStep: (t: StepInfo) => unknown;
  /** The record's name, for the confirmation. */
  subject?: string;
}

export function TransitionBar({ transitions, requireChecks, submitting, readiness, busy, comment, onComment, onStep, subject }: Props) {
  const { t, lt } = useI18n();
  const tx = useTexts(TEXTS);
  const counts = useWorkCounts();
  const [asking, setAsking] = useState<StepInfo | null>(null);
  const needing = transitions.filter((tr) => tr.commentRequired);
  const reasonsOf = (id: string): string[] => {
    const out: string[] = [];
    if (requireChecks.has(id) && readiness.blocking > 0) out.push(`${readiness.blocking} ${t('blockedByChecks')}`);
    if (submitting && readiness.invalid > 0) out.push(`${readiness.invalid} ${t('fieldsInvalid')}`);
    if (submitting && readiness.missing > 0) out.push(`${readiness.missing} ${t('fieldsMissing')}`);
    return out;
  };
  const take = async (tr: StepInfo) => {
    await onStep(tr);
    counts.refresh();
  };
  const click = (tr: StepInfo) => {
    if (needsDialog({ confirm: !!tr.confirm, commentRequired: tr.commentRequired }, comment)) setAsking(tr);
    else void take(tr);
  };
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('actions')}</h2>}>
      <label htmlFor="transition-comment">{t('comment')}</label>
      {/* Which steps want the comment, said at the box before any click. */}
      {needing.length > 0 && (
        <Typography.Text id="transition-comment-required" data-testid="comment-required" type="secondary" style={{ marginInlineStart: 8 }}>
          ({tx('commentFor')} {needing.map((tr) => lt(tr.title as LocalText)).join('、')})
        </Typography.Text>
      )}
      <Input.TextArea
        id="transition-comment"
        aria-describedby={needing.length > 0 ? 'transition-comment-required' : undefined}
        value={comment}
        onChange={(e) => onComment(e.target.value)}
        rows={3}
        style={{ margin: '8px 0' }}
      />
      <Space wrap align="start">
        {transitions.map((tr) => {
          const reasons = reasonsOf(tr.id);
          const why = `transition-reason-${tr.id}`;
          const hint = `transition-hint-${tr.id}`;
          const described = [reasons.length ? why : '', tr.commentRequired ? hint : ''].filter(Boolean).join(' ');
          return (
            <Space key={tr.id} direction="vertical" size={2}>
              <Button
                data-transition={tr.id}
                danger={!!tr.danger}
                onClick={() => click(tr)}
                disabled={busy || reasons.length > 0}
                aria-describedby={described || undefined}
              >
                {lt(tr.title as LocalText)}
              </Button>
              {tr.commentRequired && (
                <Typography.Text id={hint} data-testid={hint} type="secondary" style={{ fontSize: 12 }}>
                  {tx('needsComment')}
                </Typography.Text>
              )}
              {reasons.length > 0 && (
                <Typography.Text id={why} data-testid={why} type="danger">
                  {t('cannotStep')}：{reasons.join('；')}
                </Typography.Text>
              )}
            </Space>
          );
        })}
      </Space>
      <StepConfirmDialog
        question={
          asking && {
            title: asking.title as LocalText,
            danger: !!asking.danger,
            commentRequired: asking.commentRequired,
            confirmTexts: asking.confirmText ? [asking.confirmText] : [],
            toTitles: asking.toTitle ? [asking.toTitle] : [],
            names: [subject || tx('thisRecord')],
          }
        }
        comment={comment}
        onComment={onComment}
        onCancel={() => setAsking(null)}
        onOk={() => {
          const tr = asking;
          setAsking(null);
          if (tr) void take(tr);
        }}
      />
    </Card>
  );
}
