// An outcome a user replaced (issue 11), as the rule panel shows it: a badge, the computed value struck beside the
// chosen one, the reason; and the 调整 button with its dialog (value + required reason) for the rule's roles.
import { Alert, Button, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OverriddenOutcome } from '../../../platform/evaluation';
import { useI18n } from '../i18n';
import { useTexts, type Texts } from '../texts';
import type { ErrorDetail } from '../api';

export const OVERRIDE_TEXTS = {
  overridden: ['已人工调整', 'Overridden'],
  computedWas: ['计算值', 'Computed'],
  reason: ['理由', 'Reason'],
  adjust: ['调整', 'Override'],
  adjustTitle: ['人工调整结果', 'Override the outcome'],
  value: ['调整后的值', 'Chosen value'],
  reasonRequired: ['请填写调整理由', 'Please give the reason'],
  valueRequired: ['请选择或填写调整后的值', 'Please give the chosen value'],
  ok: ['确定调整', 'Override'],
} satisfies Texts;

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** How the panel offers overrides: which rules the user may override, a class rule's choices, and the save. */
export interface OverrideOffer {
  allowed: (ruleId: string) => boolean;
  /** The codes a classify rule's value may take (its code list), with labels; undefined for free values. */
  options: (ruleId: string) => { value: string; label: string }[] | undefined;
  /** Saves the override; resolves to the server's refusal details, or null when it was saved. */
  submit: (ruleId: string, value: unknown, reason: string) => Promise<ErrorDetail[] | null>;
}

export function OverriddenNote({ o, label }: { o: OverriddenOutcome; label?: (v: unknown) => string }) {
  const tx = useTexts(OVERRIDE_TEXTS);
  const text = label ?? show;
  return (
    <div data-testid="overridden" style={{ fontSize: 12 }}>
      <Tag color="#ad4e00">{tx('overridden')}</Tag>
      <span>
        {tx('computedWas')}: <del data-testid="computed-value">{text(o.computed)}</del>
      </span>
      <div>
        {tx('reason')}: <span data-testid="override-reason">{o.reason}</span>
      </div>
    </div>
  );
}

export function OverrideButton({ ruleId, title, offer }: { ruleId: string; title: string; offer: OverrideOffer }) {
  const tx = useTexts(OVERRIDE_TEXTS);
  const { lt } = useI18n();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string>('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<{ value?: string; reason?: string; general?: string }>({});
  const [busy, setBusy] = useState(false);
  const options = offer.options(ruleId);
  const send = async () => {
    const local = { value: value.trim() ? undefined : tx('valueRequired'), reason: reason.trim() ? undefined : tx('reasonRequired') };
    if (local.value || local.reason) return setProblems(local);
    setBusy(true);
    try {
      // A free value that reads as a number is sent as one; a code list's codes are sent as written.
      const sent = !options && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
      const refused = await offer.submit(ruleId, sent, reason);
      if (!refused) {
        setOpen(false);
        setProblems({});
        return;
      }
      const at = (end: string) => refused.filter((d) => d.pointer.endsWith(end)).map((d) => lt(d.message))[0];
      const general = refused.filter((d) => !d.pointer.endsWith('/value') && !d.pointer.endsWith('/reason')).map((d) => lt(d.message));
      setProblems({ value: at('/value'), reason: at('/reason'), general: general.join(';') || undefined });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        autoInsertSpace={false}
        data-testid="override"
        aria-label={`${tx('adjust')}: ${title}`}
        onClick={() => setOpen(true)}
      >
        {tx('adjust')}
      </Button>
      <Modal
        open={open}
        title={`${tx('adjustTitle')}: ${title}`}
        onCancel={() => setOpen(false)}
        onOk={() => void send()}
        okText={tx('ok')}
        okButtonProps={{ loading: busy, ...({ 'data-testid': 'override-ok' } as Record<string, string>) }}
        destroyOnClose
      >
        <Form layout="vertical" data-testid="override-dialog">
          <Form.Item
            label={tx('value')}
            htmlFor="override-value"
            validateStatus={problems.value ? 'error' : undefined}
            help={problems.value}
          >
            {options ? (
              <Select id="override-value" value={value || undefined} options={options} onChange={(v: string) => setValue(v)} />
            ) : (
              <Input id="override-value" value={value} onChange={(e) => setValue(e.target.value)} />
            )}
          </Form.Item>
          <Form.Item
            label={tx('reason')}
            htmlFor="override-reason"
            required
            validateStatus={problems.reason ? 'error' : undefined}
            help={problems.reason}
          >
            <Input.TextArea id="override-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
          {problems.general && <Alert type="error" role="alert" message={problems.general} />}
          <Typography.Text type="secondary">{tx('reasonRequired')}</Typography.Text>
        </Form>
      </Modal>
    </>
  );
}
