// One node of the structured rule editor and, for groups, its children: an and/or group (add a condition or a
// group, switch and/or), a "not", a condition, or a part kept as JsonLogic text. Each node can be nested in a group,
// negated or removed; every change is a function of the whole tree, applied by RuleLogicEditor.
import type { ReactNode } from 'react';
import { Button, Select, Space, Typography } from 'antd';
import { useTexts } from '../texts';
import { addChild, newCondition, newGroup, removeAt, replaceAt, unwrapAt, wrapAt, type LogicNode, type NodePath } from './logic-tree';
import type { NameChoice } from './logic-fields';
import { LOGIC_TEXTS } from './logic-editor-texts';
import { ConditionEditor } from './ConditionEditor';
import { RawLogicEditor } from './RawLogicEditor';

export interface TreeContext {
  /** Prefix of element ids: unique per rule. */
  idPrefix: string;
  names: NameChoice[];
  update: (fn: (root: LogicNode) => LogicNode) => void;
}

const box = { border: '1px solid #d9d9d9', borderRadius: 4, padding: 8 };

export function LogicNodeView({ node, path, ctx }: { node: LogicNode; path: NodePath; ctx: TreeContext }) {
  const tx = useTexts(LOGIC_TEXTS);
  const id = [ctx.idPrefix, ...path].join('-');
  const where = path.length ? path.map((i) => i + 1).join('.') : '';
  const act = (label: string, fn: (root: LogicNode) => LogicNode, danger = false) => (
    <Button size="small" type="link" danger={danger} aria-label={where ? `${label} ${where}` : label} onClick={() => ctx.update(fn)}>
      {label}
    </Button>
  );
  // Nesting and removing, common to every node; the root is replaced, never removed.
  const common = (
    <>
      {act(tx('nest'), (r) => wrapAt(r, path, 'and'))}
      {act(tx('negate'), (r) => wrapAt(r, path, 'not'))}
      {path.length > 0 && act(tx('remove'), (r) => removeAt(r, path), true)}
    </>
  );
  const children = (nodes: LogicNode[], at: (i: number) => NodePath): ReactNode => (
    <ul style={{ listStyle: 'none', margin: '4px 0 0 16px', padding: 0 }}>
      {nodes.map((c, i) => (
        <li key={i} style={{ marginBottom: 4 }}>
          <LogicNodeView node={c} path={at(i)} ctx={ctx} />
        </li>
      ))}
    </ul>
  );

  switch (node.kind) {
    case 'group':
      return (
        <div style={box} data-node={id} data-kind={node.op}>
          <Space wrap size={4}>
            <Select
              id={`${id}-group`}
              aria-label={where ? `${tx('groupOp')} ${where}` : tx('groupOp')}
              size="small"
              value={node.op}
              onChange={(op: 'and' | 'or') => ctx.update((r) => replaceAt(r, path, { ...node, op }))}
              options={[
                { value: 'and', label: tx('and') },
                { value: 'or', label: tx('or') },
              ]}
              style={{ width: 150 }}
            />
            {act(tx('addCondition'), (r) => addChild(r, path, newCondition()))}
            {act(tx('addGroup'), (r) => addChild(r, path, newGroup(node.op === 'and' ? 'or' : 'and')))}
            {node.children.length === 1 && act(tx('unwrap'), (r) => unwrapAt(r, path))}
            {common}
          </Space>
          {children(node.children, (i) => [...path, i])}
        </div>
      );
    case 'not':
      return (
        <div style={box} data-node={id} data-kind="not">
          <Space wrap size={4}>
            <Typography.Text strong>{tx('not')}</Typography.Text>
            {act(tx('unwrap'), (r) => unwrapAt(r, path))}
            {path.length > 0 && act(tx('remove'), (r) => removeAt(r, path), true)}
          </Space>
          {children([node.child], () => [...path, 0])}
        </div>
      );
    case 'condition':
      return (
        <Space wrap size={4} data-node={id} data-kind="condition">
          <ConditionEditor id={id} node={node} names={ctx.names} onChange={(n) => ctx.update((r) => replaceAt(r, path, n))} />
          {common}
        </Space>
      );
    case 'text':
      return (
        <div style={box} data-node={id} data-kind="text">
          <Typography.Text type="secondary">{path.length ? tx('asText') : tx('wholeAsText')}</Typography.Text>
          <RawLogicEditor
            id={id}
            logic={node.logic}
            label={`JsonLogic ${where || ctx.idPrefix}`}
            onChange={(logic) => ctx.update((r) => replaceAt(r, path, { kind: 'text', logic }))}
          />
          <Space wrap size={4}>
            {common}
          </Space>
        </div>
      );
  }
}
