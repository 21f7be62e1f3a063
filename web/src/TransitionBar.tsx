// The workflow steps a user may take on a record, with the comment box. A step that the server would refuse for
// what the officer can see (blocking checks failing, fields with errors, required fields empty) is disabled with
// the reason beside it, tied to the button by aria-describedby so keyboard and screen-reader users hear it.
import { Button, Card, Input, Space, Typography } from 'antd';
import { useI18n, type LocalText } from './i18n';

export interface StepInfo {
  id: string;
  title: unknown;
  commentRequired: boolean;
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
  onStep: (t: StepInfo) => void;
}

export function TransitionBar({ transitions, requireChecks, submitting, readiness, busy, comment, onComment, onStep }: Props) {
  const { t, lt } = useI18n();
  const reasonsOf = (id: string): string[] => {
    const out: string[] = [];
    if (requireChecks.has(id) && readiness.blocking > 0) out.push(`${readiness.blocking} ${t('blockedByChecks')}`);
    if (submitting && readiness.invalid > 0) out.push(`${readiness.invalid} ${t('fieldsInvalid')}`);
    if (submitting && readiness.missing > 0) out.push(`${readiness.missing} ${t('fieldsMissing')}`);
    return out;
  };
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('actions')}</h2>}>
      <label htmlFor="transition-comment">{t('comment')}</label>
      <Input.TextArea
        id="transition-comment"
        value={comment}
        onChange={(e) => onComment(e.target.value)}
        rows={3}
        style={{ margin: '8px 0' }}
      />
      <Space wrap align="start">
        {transitions.map((tr) => {
          const reasons = reasonsOf(tr.id);
          const why = `transition-reason-${tr.id}`;
          return (
            <Space key={tr.id} direction="vertical" size={2}>
              <Button
                data-transition={tr.id}
                onClick={() => onStep(tr)}
                disabled={busy || reasons.length > 0}
                aria-describedby={reasons.length ? why : undefined}
              >
                {lt(tr.title as LocalText)}
              </Button>
              {reasons.length > 0 && (
                <Typography.Text id={why} data-testid={why} type="danger">
                  {t('cannotStep')}：{reasons.join('；')}
                </Typography.Text>
              )}
            </Space>
          );
        })}
      </Space>
    </Card>
  );
}
