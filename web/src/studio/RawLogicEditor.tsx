// A part of a rule the structured editor cannot show, edited as JsonLogic text: what is typed is written only once
// it parses (until then the rule keeps its last good JSON, and the error says so), so a half-typed edit never
// replaces the rule.
import { useEffect, useState } from 'react';
import { Typography } from 'antd';
import { useTexts } from '../texts';
import { CodeEditor } from './CodeEditor';
import { LOGIC_TEXTS } from './logic-editor-texts';

const same = (text: string, logic: unknown) => {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(logic);
  } catch {
    return false;
  }
};

export function RawLogicEditor(props: { id: string; logic: unknown; label: string; onChange: (logic: unknown) => void }) {
  const { id, logic, label, onChange } = props;
  const tx = useTexts(LOGIC_TEXTS);
  const [text, setText] = useState(() => JSON.stringify(logic, null, 1));
  const [bad, setBad] = useState(false);
  // A change from elsewhere (undo, the rules text) replaces what is shown; our own writes already match it.
  useEffect(() => {
    setText((t) => (same(t, logic) ? t : JSON.stringify(logic, null, 1)));
  }, [logic]);

  const typed = (t: string) => {
    setText(t);
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch {
      setBad(true);
      return;
    }
    setBad(false);
    onChange(parsed);
  };
  return (
    <div data-testid={`${id}-text`}>
      <CodeEditor value={text} onChange={typed} label={label} minHeight={48} />
      {bad && (
        <Typography.Text type="danger" role="alert">
          {tx('textBad')}
        </Typography.Text>
      )}
    </div>
  );
}
