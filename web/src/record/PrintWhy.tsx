// "Why" on the print view: beside each printed outcome (a condition, a score dimension), a button — hidden when
// printing — that asks the server to run the rule again in trace mode on the stored record and shows the values it
// read and the branch taken, as the record page's rule panel does.
import { useState } from 'react';
import { Button, Modal } from 'antd';
import type { Explanation } from '../../../platform/evaluation';
import { useTexts } from '../texts';
import { RuleWhy, WHY_TEXTS } from '../rules/RuleWhy';
import { explainStored } from './use-why';

interface Props {
  recordId: string;
  ruleId: string;
  /** The outcome's name, for the button's label and the dialog's title. */
  title: string;
  schema: Record<string, unknown>;
}

export function PrintWhy({ recordId, ruleId, title, schema }: Props) {
  const tx = useTexts(WHY_TEXTS);
  const [explanation, setExplanation] = useState<Explanation | null>(null);
  return (
    <>
      <Button
        type="link"
        size="small"
        className="no-print"
        data-testid="why"
        aria-label={`${tx('why')}: ${title}`}
        onClick={() =>
          explainStored(recordId, ruleId).then(
            (e) => setExplanation(e),
            () => setExplanation(null),
          )
        }
      >
        {tx('why')}
      </Button>
      <Modal
        open={explanation !== null}
        title={`${tx('whyTitle')}: ${title}`}
        onCancel={() => setExplanation(null)}
        footer={null}
        width={720}
        destroyOnClose
      >
        {explanation && <RuleWhy explanation={explanation} schema={schema} />}
      </Modal>
    </>
  );
}
