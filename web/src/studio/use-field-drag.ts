// Drag and drop in the field tree (HTML5 drag events, no library): a field dropped on another field goes before it,
// at that field's level; dropped on a section's row it goes last inside that section. The buttons and the "move to
// section" select do the same by keyboard.
import { useState, type DragEvent } from 'react';
import { canMoveTo } from './field-move';
import type { TreeNode } from './schema-edit';

type Schema = Record<string, any>;

export interface Drop {
  from: string[];
  toParent: string[];
  index: number;
}

/** Where a field dragged onto `target` (at `index` among `siblings`) goes; null where it cannot go. */
export function dropTarget(schema: Schema, from: string[], target: TreeNode, index: number, siblings: TreeNode[]): Drop | null {
  if (target.path.join('.') === from.join('.')) return null;
  if (target.section && canMoveTo(schema, from, target.path)) return { from, toParent: target.path, index: target.children.length };
  const toParent = target.path.slice(0, -1);
  if (!canMoveTo(schema, from, toParent)) return null;
  // Among the siblings without the moved field: one place less when it stood before the target.
  const before = siblings.findIndex((s) => s.path.join('.') === from.join('.'));
  return { from, toParent, index: before >= 0 && before < index ? index - 1 : index };
}

export function useFieldDrag(schema: Schema, onDrop: (d: Drop) => void) {
  const [dragging, setDragging] = useState<string[] | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const rowProps = (node: TreeNode, index: number, siblings: TreeNode[]) => {
    const at = (e: DragEvent) => (dragging ? dropTarget(schema, dragging, node, index, siblings) : null) && e;
    return {
      draggable: true,
      onDragStart: (e: DragEvent) => {
        e.stopPropagation();
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', node.path.join('.'));
        setDragging(node.path);
      },
      onDragOver: (e: DragEvent) => {
        if (!at(e)) return;
        e.preventDefault();
        e.stopPropagation();
        setOver(node.path.join('.'));
      },
      onDragLeave: () => setOver(null),
      onDrop: (e: DragEvent) => {
        const drop = dragging && dropTarget(schema, dragging, node, index, siblings);
        if (!drop) return;
        e.preventDefault();
        e.stopPropagation();
        setDragging(null);
        setOver(null);
        onDrop(drop);
      },
      onDragEnd: () => {
        setDragging(null);
        setOver(null);
      },
      'data-drop-target': over === node.path.join('.') ? 'true' : undefined,
      style: { margin: '4px 0', outline: over === node.path.join('.') ? '2px dashed #1677ff' : undefined },
    };
  };
  return rowProps;
}
