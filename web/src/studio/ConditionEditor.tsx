// One condition of the structured rule editor: a name the form has (picked, so never a typo), a comparison of the
// engine's table, and the value typed by that name. A name the form lacks (typed in the rules text) stays shown,
// marked, as the rules tab's RULE_UNKNOWN_FIELD check also says.
import { Select, Space } from 'antd';
import { useTexts } from '../texts';
import { COMPARISONS, operandFor, type Comparison, type LogicNode, type Operand } from './logic-tree';
import type { NameChoice } from './logic-fields';
import { LOGIC_TEXTS } from './logic-editor-texts';
import { OperandInput } from './OperandInput';

type Condition = Extract<LogicNode, { kind: 'condition' }>;

const OP_TEXT: Record<Comparison, keyof typeof LOGIC_TEXTS> = {
  '==': 'op_eq',
  '!=': 'op_ne',
  '<': 'op_lt',
  '<=': 'op_le',
  '>': 'op_gt',
  '>=': 'op_ge',
  in: 'op_in',
  '===': 'op_seq',
  '!==': 'op_sne',
};

/** Whether a value still fits after the name changed to one of `type` (else it starts empty). */
function keeps(value: Operand, before: NameChoice | undefined, after: NameChoice | undefined): boolean {
  return 'name' in value || (!!before && !!after && before.type === after.type && before.type !== 'choice');
}

export function ConditionEditor(props: { id: string; node: Condition; names: NameChoice[]; onChange: (node: Condition) => void }) {
  const { id, node, names, onChange } = props;
  const tx = useTexts(LOGIC_TEXTS);
  const target = names.find((n) => n.name === node.field);
  const fieldOptions = names.map((n) => ({ value: n.name, label: `${n.label} · ${n.name}` }));
  if (node.field && !target) fieldOptions.unshift({ value: node.field, label: `${node.field} (${tx('notKnown')})` });

  const pickField = (field: string) => {
    const after = names.find((n) => n.name === field);
    const value = keeps(node.value, target, after) ? node.value : node.op === 'in' ? { list: [] } : { literal: null };
    onChange({ ...node, field, value });
  };
  return (
    <Space wrap size={4} data-condition={id} data-unknown={node.field && !target ? 'true' : undefined}>
      <Select
        id={`${id}-field`}
        aria-label={tx('field')}
        showSearch
        optionFilterProp="label"
        status={node.field && !target ? 'error' : undefined}
        value={node.field || undefined}
        placeholder={tx('pickField')}
        options={fieldOptions}
        onChange={pickField}
        style={{ minWidth: 220 }}
      />
      <Select
        id={`${id}-op`}
        aria-label={tx('operator')}
        value={node.op}
        onChange={(op: Comparison) => onChange({ ...node, op, value: operandFor(op, node.value) })}
        options={COMPARISONS.map((op) => ({ value: op, label: `${op} ${tx(OP_TEXT[op])}` }))}
        style={{ width: 170 }}
      />
      <OperandInput
        id={`${id}-value`}
        op={node.op}
        value={node.value}
        target={target}
        names={names}
        onChange={(value) => onChange({ ...node, value })}
      />
    </Space>
  );
}
