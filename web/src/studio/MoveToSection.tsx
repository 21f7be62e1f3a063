// The keyboard's way to move a field into or out of a section (drag and drop's equal): a labelled select of the
// levels the field may go to — the form's top level and its sections — where it goes last.
import { Select, Space } from 'antd';
import { useTexts } from '../texts';
import { canMoveTo, moveFieldTo } from './field-move';
import { fieldTree, type TreeNode } from './schema-edit';
import { STUDIO_TEXTS } from './studio-texts';
import { orderMoveTo } from './ui-order-move';

type Schema = Record<string, any>;

/** The schema and UI schema after the field at `from` went to position `index` of `toParent`. */
export function moveWithUi(schema: Schema, ui: Schema | null, from: string[], toParent: string[], index: number) {
  const next = moveFieldTo(schema, from, toParent, index);
  const key = from[from.length - 1];
  let parent: Schema = next;
  for (const k of toParent) parent = parent.properties[k];
  const keys = Object.keys(parent.properties);
  return { schema: next, ui: ui && orderMoveTo(ui, from, toParent, keys[keys.indexOf(key) + 1]) };
}

function sections(tree: TreeNode[]): string[][] {
  return tree.flatMap((n) => (n.section ? [n.path, ...sections(n.children)] : []));
}

interface Props {
  schema: Schema;
  ui: Schema | null;
  node: TreeNode;
  /** The field's new path, with the schema and UI schema after the move. */
  onMoved: (path: string[], schema: Schema, ui: Schema | null) => void;
}

export function MoveToSection({ schema, ui, node, onMoved }: Props) {
  const tx = useTexts(STUDIO_TEXTS);
  const name = node.path.join('.');
  const id = `move-to-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const here = node.path.slice(0, -1).join('.');
  const targets = [[], ...sections(fieldTree(schema))].filter((p) => p.join('.') === here || canMoveTo(schema, node.path, p));
  return (
    <Space direction="vertical" size={0}>
      <label htmlFor={id}>{tx('moveToSection')}</label>
      <Select
        id={id}
        data-testid="move-to-section"
        showSearch
        optionFilterProp="label"
        value={here}
        style={{ minWidth: 220 }}
        options={targets.map((p) => ({ value: p.join('.'), label: p.length ? p.join('.') : tx('root') }))}
        onChange={(v: string) => {
          if (v === here) return;
          const to = v ? v.split('.') : [];
          const moved = moveWithUi(schema, ui, node.path, to, Number.MAX_SAFE_INTEGER);
          onMoved([...to, node.path[node.path.length - 1]], moved.schema, moved.ui);
        }}
      />
    </Space>
  );
}
