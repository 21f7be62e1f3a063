// An org-unit cell names a unit by code or by name (zh-CN or en) among the units the importing user may see.
// A name that two visible units share (two villages called 新村) is refused: the row must give the code.
import type { LocalText } from '../errors';
import type { OrgUnit } from '../store/orgs-store';
import { normHeader } from './column-map';

export type UnitLookup = (cell: string) => { unit: OrgUnit } | { error: LocalText };

export function unitLookup(units: OrgUnit[]): UnitLookup {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const byName = new Map<string, OrgUnit[]>();
  for (const u of units) {
    for (const n of new Set([u.name['zh-CN'], u.name.en].map(normHeader))) byName.set(n, [...(byName.get(n) ?? []), u]);
  }
  return (cell) => {
    const code = byCode.get(cell.trim());
    if (code) return { unit: code };
    const named = byName.get(normHeader(cell)) ?? [];
    if (named.length === 1) return { unit: named[0] };
    if (named.length > 1) {
      return {
        error: { 'zh-CN': `有多个名为“${cell}”的组织机构,请填写代码`, en: `Several org units are called "${cell}"; give the code` },
      };
    }
    return {
      error: { 'zh-CN': `组织机构“${cell}”不存在或不在您的管辖范围`, en: `Org unit "${cell}" does not exist or is outside your units` },
    };
  };
}
