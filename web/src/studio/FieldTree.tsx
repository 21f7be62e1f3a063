// The selected form's fields as a tree (sections are object properties): move up/down and remove with buttons
// (reachable by keyboard), a field chosen to edit (FieldEditor) and a new field added (AddField). Each change is a
// new schema handed up; the editor writes it back into the schema file's text.
import { useState } from 'react';
import { Button, Space, Tag, Typography } from 'antd';
import { useTexts } from '../texts';
import { AddField } from './AddField';
import { FieldEditor } from './FieldEditor';
import { fieldTree, moveField, removeField, typeOf, type TreeNode } from './schema-edit';
import { STUDIO_TEXTS } from './studio-texts';

type Schema = Record<string, any>;

export interface Catalogue {
  map: Record<string, string>;
  set: (zh: string, en: string) => void;
}

export function FieldTree({ schema, onSchema, catalogue }: { schema: Schema; onSchema: (s: Schema) => void; catalogue: Catalogue | null }) {
  const tx = useTexts(STUDIO_TEXTS);
  const [selected, setSelected] = useState<string[] | null>(null);
  const tree = fieldTree(schema);
  const selectedNode = selected ? find(tree, selected) : null;

  const row = (node: TreeNode, siblings: number, index: number) => {
    const name = node.path.join('.');
    const title = typeof node.schema.title === 'string' ? node.schema.title : node.path[node.path.length - 1];
    const type = typeOf(node.schema);
    return (
      <li key={name} data-field={name} style={{ margin: '4px 0' }}>
        <Space wrap size={4}>
          <Button
            type={selectedNode === node ? 'primary' : 'link'}
            size="small"
            aria-pressed={selectedNode === node}
            onClick={() => setSelected(node.path)}
            data-testid={`field-${name}`}
          >
            {title} <Typography.Text type="secondary">({name})</Typography.Text>
          </Button>
          {type && <Tag>{tx(`t_${type}`)}</Tag>}
          {node.required && <Tag color="blue">{tx('required')}</Tag>}
          <Button
            size="small"
            aria-label={`${tx('moveUp')} ${name}`}
            disabled={index === 0}
            onClick={() => onSchema(moveField(schema, node.path, -1))}
          >
            ↑
          </Button>
          <Button
            size="small"
            aria-label={`${tx('moveDown')} ${name}`}
            disabled={index === siblings - 1}
            onClick={() => onSchema(moveField(schema, node.path, 1))}
          >
            ↓
          </Button>
          <Button
            size="small"
            danger
            aria-label={`${tx('remove')} ${name}`}
            onClick={() => {
              if (selectedNode === node) setSelected(null);
              onSchema(removeField(schema, node.path));
            }}
          >
            ✕
          </Button>
        </Space>
        {node.children.length > 0 && (
          <ul style={{ paddingInlineStart: 20 }}>{node.children.map((c, i) => row(c, node.children.length, i))}</ul>
        )}
      </li>
    );
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {tx('fields')}
      </Typography.Title>
      <ul aria-label={tx('fields')} data-testid="field-tree" style={{ paddingInlineStart: 0, listStyle: 'none' }}>
        {tree.map((n, i) => row(n, tree.length, i))}
      </ul>
      {selectedNode && (
        <FieldEditor key={selectedNode.path.join('.')} schema={schema} node={selectedNode} onSchema={onSchema} catalogue={catalogue} />
      )}
      <AddField schema={schema} sections={sectionsOf(tree)} onSchema={onSchema} catalogue={catalogue} />
    </Space>
  );
}

function find(tree: TreeNode[], path: string[]): TreeNode | null {
  for (const n of tree) {
    if (n.path.join('.') === path.join('.')) return n;
    const hit = find(n.children, path);
    if (hit) return hit;
  }
  return null;
}

function sectionsOf(tree: TreeNode[]): string[][] {
  return tree.flatMap((n) => (n.section ? [n.path, ...sectionsOf(n.children)] : []));
}
