// The dialog behind 「存为测试用例」: the admin names the case (and the clause it follows from) and reads the outcomes
// it will expect before they are written — a case is only as good as the person who checked it against the policy.
import { useState } from 'react';
import { Alert, Descriptions, Input, Modal } from 'antd';
import { useTexts } from '../texts';
import { STUDIO_TEXTS } from './studio-texts';
import type { PreviewCase } from './preview-case';

interface Props {
  open: boolean;
  /** The case with an empty description: what the preview stands for now. */
  draft: PreviewCase | null;
  onSave: (c: PreviewCase) => void;
  onCancel: () => void;
}

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

export function SaveCaseDialog({ open, draft, onSave, onCancel }: Props) {
  const tx = useTexts(STUDIO_TEXTS);
  const [description, setDescription] = useState('');
  const [reference, setReference] = useState('');
  const [missing, setMissing] = useState(false);
  const save = () => {
    if (!draft) return;
    if (!description.trim()) return setMissing(true);
    onSave({ ...draft, description: description.trim(), ...(reference.trim() ? { reference: reference.trim() } : {}) });
    setDescription('');
    setReference('');
    setMissing(false);
  };
  const e = draft?.expected;
  return (
    <Modal
      open={open}
      title={tx('saveCase')}
      okText={tx('saveCase')}
      cancelText={tx('cancel')}
      onOk={save}
      onCancel={onCancel}
      okButtonProps={{ 'data-testid': 'confirm-save-case' } as Record<string, string>}
    >
      <label htmlFor="case-description">{tx('caseDescription')}</label>
      <Input
        id="case-description"
        value={description}
        status={missing ? 'error' : undefined}
        aria-invalid={missing}
        aria-describedby={missing ? 'case-description-error' : undefined}
        onChange={(ev) => {
          setDescription(ev.target.value);
          setMissing(false);
        }}
      />
      {missing && (
        <div id="case-description-error" role="alert" style={{ color: '#a8071a' }}>
          {tx('caseDescriptionRequired')}
        </div>
      )}
      <label htmlFor="case-reference" style={{ display: 'block', marginTop: 8 }}>
        {tx('caseReference')}
      </label>
      <Input id="case-reference" value={reference} onChange={(ev) => setReference(ev.target.value)} />
      {e && (
        <>
          <Alert type="info" style={{ margin: '12px 0 8px' }} message={tx('caseExpectNote')} />
          <Descriptions size="small" column={1} bordered data-testid="case-expected">
            <Descriptions.Item label={tx('caseValid')}>{e.valid ? tx('yes') : tx('no')}</Descriptions.Item>
            <Descriptions.Item label={tx('caseFailed')}>{e.failed.length ? e.failed.join(', ') : '—'}</Descriptions.Item>
            {Object.entries(e.computed ?? {}).map(([id, v]) => (
              <Descriptions.Item key={`c-${id}`} label={id}>
                {show(v)}
              </Descriptions.Item>
            ))}
            {Object.entries(e.classes ?? {}).map(([id, v]) => (
              <Descriptions.Item key={`k-${id}`} label={id}>
                {show(v)}
              </Descriptions.Item>
            ))}
            {e.score && <Descriptions.Item label={tx('caseScore')}>{`${e.score.total} / ${e.score.max}`}</Descriptions.Item>}
          </Descriptions>
        </>
      )}
    </Modal>
  );
}
