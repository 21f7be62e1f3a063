// A rule's logic in the structured editor: the tree is rebuilt from the rule's JSON on every render, and each edit
// writes the whole logic back as JsonLogic (through the draft, so undo and autosave see it like any edit). What the
// tree cannot show is kept and edited as text in its place.
import { useMemo } from 'react';
import { Typography } from 'antd';
import { useTexts } from '../texts';
import { fromLogic, toLogic, type LogicNode } from './logic-tree';
import type { NameChoice } from './logic-fields';
import { LOGIC_TEXTS } from './logic-editor-texts';
import { LogicNodeView } from './LogicNodeView';

export function RuleLogicEditor(props: { ruleId: string; logic: unknown; names: NameChoice[]; onChange: (logic: unknown) => void }) {
  const { ruleId, logic, names, onChange } = props;
  const tx = useTexts(LOGIC_TEXTS);
  const tree = useMemo(() => fromLogic(logic), [logic]);
  const ctx = useMemo(
    () => ({
      idPrefix: `logic-${ruleId.replace(/[^A-Za-z0-9_-]/g, '_')}`,
      names,
      update: (fn: (root: LogicNode) => LogicNode) => onChange(toLogic(fn(tree))),
    }),
    [ruleId, names, tree, onChange],
  );
  return (
    <section aria-label={tx('editorOf').replace('{id}', ruleId)} data-testid={`logic-editor-${ruleId}`} style={{ margin: '8px 0' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {tx('editsLogic')}
      </Typography.Paragraph>
      <LogicNodeView node={tree} path={[]} ctx={ctx} />
    </section>
  );
}
