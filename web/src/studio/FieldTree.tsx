// The selected form's fields as a tree (sections are object properties): move up/down and remove with buttons
// (reachable by keyboard), moved by drag and drop (use-field-drag.ts) or into and out of sections by a select
// (MoveToSection), fields ticked and grouped into a new section (GroupFields), a field chosen to edit
// (FieldEditor) and a new field added (AddField). Each change is a
// new schema (and UI schema, whose ui:order follows: ui-order.ts) handed up; the editor writes them back as text.
import { useState } from 'react';
import { Button, Checkbox, Space, Tag, Typography } from 'antd';
import { useTexts } from '../texts';
import { AddField } from './AddField';
import type { DraftChoices } from './NewFieldOptions';
import type { RulesAccess } from './FieldComputed';
import { FieldEditor } from './FieldEditor';
import { GroupFields } from './GroupFields';
import { MoveToSection, moveWithUi } from './MoveToSection';
import { useFieldDrag } from './use-field-drag';
import { fieldTree, moveField, removeField, typeOf, type TreeNode } from './schema-edit';
import { orderRemove, orderSwap } from './ui-order';
import { STUDIO_TEXTS } from './studio-texts';

type Schema = Record<string, any>;

export interface Catalogue {
  map: Record<string, string>;
  set: (zh: string, en: string) => void;
}

/** A field that went elsewhere in the tree: what names it follows (rename-field-paths.ts). */
export interface FieldMove {
  from: string[];
  to: string[];
}

/** A new schema, with the UI schema when it changed too (null: the form has none), the Chinese title it renamed
 *  (so the English catalogue entry follows in the same edit) and the fields it moved to another level. */
export type SchemaChange = (schema: Schema, ui: Schema | null, renamed?: { from: string; to: string }, moved?: FieldMove[]) => void;

interface Props {
  schema: Schema;
  ui: Schema | null;
  onChange: SchemaChange;
  catalogue: Catalogue | null;
  draft: DraftChoices;
  rules: RulesAccess | null;
}

export function FieldTree({ schema, ui, onChange, catalogue, draft, rules }: Props) {
  const onSchema = (s: Schema, renamed?: { from: string; to: string }) => onChange(s, ui, renamed);
  const move = (node: TreeNode, siblings: TreeNode[], index: number, delta: -1 | 1) => {
    const other = siblings[index + delta].path[node.path.length - 1];
    onChange(moveField(schema, node.path, delta), ui && orderSwap(ui, node.path, other));
  };
  const tx = useTexts(STUDIO_TEXTS);
  const [selected, setSelected] = useState<string[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const tree = fieldTree(schema);
  const selectedNode = selected ? find(tree, selected) : null;
  const drag = useFieldDrag(schema, ({ from, toParent, index }) => {
    const moved = moveWithUi(schema, ui, from, toParent, index);
    if (selected?.join('.') === from.join('.')) setSelected([...toParent, from[from.length - 1]]);
    setChosen([]);
    onChange(moved.schema, moved.ui, undefined, [{ from, to: [...toParent, from[from.length - 1]] }]);
  });
  const chosenPaths = inOrder(tree).filter((p) => chosen.includes(p.join('.')));

  const row = (node: TreeNode, siblings: TreeNode[], index: number) => {
    const name = node.path.join('.');
    const title = typeof node.schema.title === 'string' ? node.schema.title : node.path[node.path.length - 1];
    const type = typeOf(node.schema);
    return (
      <li key={name} data-field={name} {...drag(node, index, siblings)}>
        <Space wrap size={4}>
          <Checkbox
            aria-label={`${tx('choose')} ${name}`}
            checked={chosen.includes(name)}
            onChange={(e) => setChosen((c) => (e.target.checked ? [...c, name] : c.filter((n) => n !== name)))}
          />
          <Button
            type={selectedNode === node ? 'primary' : 'link'}
            size="small"
            aria-pressed={selectedNode === node}
            onClick={() => setSelected(node.path)}
            data-testid={`field-${name}`}
          >
            {/* Grey on the chosen field's blue would be unreadable: it takes the button's own colour there. */}
            {title} {selectedNode === node ? <span>({name})</span> : <Typography.Text type="secondary">({name})</Typography.Text>}
          </Button>
          {type && <Tag>{tx(`t_${type}`)}</Tag>}
          {node.required && <Tag color="blue">{tx('required')}</Tag>}
          <Button
            size="small"
            aria-label={`${tx('moveUp')} ${name}`}
            disabled={index === 0}
            onClick={() => move(node, siblings, index, -1)}
          >
            ↑
          </Button>
          <Button
            size="small"
            aria-label={`${tx('moveDown')} ${name}`}
            disabled={index === siblings.length - 1}
            onClick={() => move(node, siblings, index, 1)}
          >
            ↓
          </Button>
          <Button
            size="small"
            danger
            aria-label={`${tx('remove')} ${name}`}
            onClick={() => {
              if (selectedNode === node) setSelected(null);
              onChange(removeField(schema, node.path), ui && orderRemove(ui, node.path));
            }}
          >
            ✕
          </Button>
        </Space>
        {node.children.length > 0 && <ul style={{ paddingInlineStart: 20 }}>{node.children.map((c, i) => row(c, node.children, i))}</ul>}
      </li>
    );
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {tx('fields')}
      </Typography.Title>
      <Typography.Text type="secondary">{tx('dragHint')}</Typography.Text>
      <ul aria-label={tx('fields')} data-testid="field-tree" style={{ paddingInlineStart: 0, listStyle: 'none' }}>
        {tree.map((n, i) => row(n, tree, i))}
      </ul>
      {selectedNode && (
        <FieldEditor
          key={selectedNode.path.join('.')}
          schema={schema}
          node={selectedNode}
          onSchema={onSchema}
          catalogue={catalogue}
          rules={rules}
        >
          <MoveToSection
            schema={schema}
            ui={ui}
            node={selectedNode}
            onMoved={(path, s, u) => {
              const from = selectedNode.path;
              setSelected(path);
              onChange(s, u, undefined, [{ from, to: path }]);
            }}
          />
        </FieldEditor>
      )}
      <GroupFields schema={schema} ui={ui} chosen={chosenPaths} onChange={onChange} onDone={() => setChosen([])} />
      <AddField schema={schema} ui={ui} sections={sectionsOf(tree)} onChange={onChange} catalogue={catalogue} draft={draft} />
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

/** Every path of the tree, in the order the tree shows them. */
function inOrder(tree: TreeNode[]): string[][] {
  return tree.flatMap((n) => [n.path, ...inOrder(n.children)]);
}

function sectionsOf(tree: TreeNode[]): string[][] {
  return tree.flatMap((n) => (n.section ? [n.path, ...sectionsOf(n.children)] : []));
}
