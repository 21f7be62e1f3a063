// A computed value: the compute rules of the form's rules file that write this field, and a button that adds one
// (its logic a first constant to write in the rules tab) and marks the field read-only, in one edit.
import { Button, Space, Typography } from 'antd';
import { useTexts } from '../texts';
import { computable, computeRulesFor, fieldPointer } from './compute-field';
import type { TreeNode } from './schema-edit';
import { STUDIO_TEXTS } from './studio-texts';

type Schema = Record<string, any>;

/** The form's (first) rules file as the field editor reads it, and the edit that adds a compute rule for a field. */
export interface RulesAccess {
  value: unknown;
  addCompute: (path: string[], field: Schema) => void;
}

export function FieldComputed({ schema, node, rules }: { schema: Schema; node: TreeNode; rules: RulesAccess | null }) {
  const tx = useTexts(STUDIO_TEXTS);
  if (!computable(schema, node.path)) return null;
  const ids = rules ? computeRulesFor(rules.value, fieldPointer(node.path)) : [];
  return (
    <Space direction="vertical" size={4} data-testid="field-computed">
      <Typography.Text strong>{tx('computed')}</Typography.Text>
      {ids.length > 0 ? (
        <Typography.Text>{tx('computedBy').replace('{ids}', ids.join(', '))}</Typography.Text>
      ) : rules ? (
        <Button size="small" onClick={() => rules.addCompute(node.path, node.schema)} data-testid="add-compute">
          {tx('addCompute')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{tx('noRules')}</Typography.Text>
      )}
    </Space>
  );
}
