// An installed plugin whose policy has lost effect (plugin.json `effective.until`, or an earlier extension, is
// past): the tag 「已失效 (until)」 and 「延长」, which opens a small form — the new last day and the reason, both
// required — for POST /api/plugins/{plugin}/extension. The server's refusal shows at its field (/until, /reason);
// after success the parent reloads the list and the tag goes.
import { useState } from 'react';
import { Button, Form, Input, Space, Tag } from 'antd';
import { ApiError, api } from '../../api';
import { useI18n, type LocalText } from '../../i18n';
import { useTexts } from '../../texts';
import type { PolicyWindow } from '../../policy-window';
import { PACK_TEXTS as TEXTS } from './pack-texts';

type Field = 'until' | 'reason';

interface Props {
  plugin: string;
  policy: PolicyWindow | undefined;
  onExtended(policy: PolicyWindow): void;
  onError(e: unknown): void;
}

/** Lost effect: out of force, and not because it has yet to start. */
export const expired = (p: PolicyWindow | undefined): p is PolicyWindow => !!p && !p.inForce && !(p.from && p.day < p.from);

export function PolicyExtension({ plugin, policy, onExtended, onError }: Props) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const [open, setOpen] = useState(false);
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, LocalText | string>>>({});
  const [busy, setBusy] = useState(false);
  if (!expired(policy)) return null;
  const last = policy.extension?.until ?? policy.until ?? '-';

  async function submit() {
    const missing: Partial<Record<Field, string>> = {};
    if (!until.trim()) missing.until = tx('required');
    if (!reason.trim()) missing.reason = tx('required');
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      const r = await api<{ policy: PolicyWindow }>('POST', `/api/plugins/${encodeURIComponent(plugin)}/extension`, {
        until: until.trim(),
        reason: reason.trim(),
      });
      setOpen(false);
      onExtended(r.policy);
    } catch (e) {
      const atFields: Partial<Record<Field, LocalText>> = {};
      if (e instanceof ApiError)
        for (const d of e.details) {
          const field = d.pointer.replace(/^\//, '') as Field;
          if (field === 'until' || field === 'reason') atFields[field] ??= d.message;
        }
      if (Object.keys(atFields).length) setErrors(atFields);
      else onError(e);
    } finally {
      setBusy(false);
    }
  }

  const help = (f: Field) => {
    const e = errors[f];
    return e ? <span data-testid={`extend-error-${f}`}>{typeof e === 'string' ? e : lt(e)}</span> : undefined;
  };
  return (
    <div data-testid={`policy-${plugin}`} style={{ width: '100%' }}>
      <Space wrap>
        <Tag color="#a8071a" data-testid="policy-expired">
          {tx('expired').replace('{until}', last)}
        </Tag>
        {!open && (
          <Button size="small" autoInsertSpace={false} onClick={() => setOpen(true)} aria-label={`${tx('extend')} ${plugin}`}>
            {tx('extend')}
          </Button>
        )}
      </Space>
      {open && (
        <Form
          layout="vertical"
          component="div"
          style={{ marginTop: 8, maxWidth: 420 }}
          aria-label={tx('extendTitle').replace('{plugin}', plugin)}
        >
          <Form.Item
            label={tx('newUntil')}
            htmlFor={`extend-until-${plugin}`}
            required
            validateStatus={errors.until ? 'error' : undefined}
            help={help('until')}
          >
            <Input id={`extend-until-${plugin}`} type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
          </Form.Item>
          <Form.Item
            label={tx('extendReason')}
            htmlFor={`extend-reason-${plugin}`}
            required
            validateStatus={errors.reason ? 'error' : undefined}
            help={help('reason')}
          >
            <Input id={`extend-reason-${plugin}`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
          <Space>
            <Button type="primary" size="small" disabled={busy} onClick={() => void submit()} data-testid={`extend-save-${plugin}`}>
              {tx('save')}
            </Button>
            <Button size="small" onClick={() => setOpen(false)}>
              {tx('cancel')}
            </Button>
          </Space>
        </Form>
      )}
    </div>
  );
}
