// The org tree as the API gives it (GET /api/org-units: units in scope, in path order) and as antd trees want it.
import type { LocalText } from './i18n';

export interface OrgUnitRow {
  id: string;
  parentId: string | null;
  code: string;
  name: LocalText;
  level: string;
  path: string;
}

export interface UnitNode {
  key: string;
  value: string;
  title: string;
  children: UnitNode[];
}

/** Nodes for antd Tree / TreeSelect; a unit whose parent is out of scope becomes a root. */
export function unitTree(units: OrgUnitRow[], label: (u: OrgUnitRow) => string): UnitNode[] {
  const byId = new Map<string, UnitNode>();
  const roots: UnitNode[] = [];
  for (const u of units) byId.set(u.id, { key: u.id, value: u.id, title: label(u), children: [] });
  for (const u of units) {
    const node = byId.get(u.id)!;
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** A unit's name indented by its depth, for a plain <select> listing the units in tree order. */
export const indentedName = (u: OrgUnitRow, name: string) =>
  '\u3000'.repeat(Math.max(0, u.path.split('/').filter(Boolean).length - 1)) + name;
