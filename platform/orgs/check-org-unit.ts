// What a new org unit must be before it is stored: a well-formed id, code and name, and a level strictly below its
// parent's (a county cannot sit under a township). Pure: the caller loads the parent and the clashing units.
import { HezuoError, detail, type ErrorDetail, type LocalText } from '../errors';
import { ORG_LEVELS, type OrgLevel } from '../plugins/types';
import type { OrgUnit } from '../store/orgs-store';

export interface NewOrgUnit {
  id: string;
  parentId: string | null;
  code: string;
  name: LocalText;
  level: OrgLevel;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

const LEVEL_NAMES: Record<OrgLevel, string> = { province: '省级', city: '市级', county: '县级', township: '乡级', village: '村级' };

/** The unit's fields as given, or the first field that is not right (each with its pointer). */
export function readOrgUnit(body: Record<string, unknown>, at = ''): NewOrgUnit {
  const errors: ErrorDetail[] = [];
  const { id, code, name, level, parentId } = body as Record<string, any>;
  if (typeof id !== 'string' || !ID.test(id))
    errors.push(detail(`${at}/id`, '编号为 1–64 位字母、数字或 _-', 'An id is 1–64 letters, digits, _ or -'));
  if (typeof code !== 'string' || !CODE.test(code))
    errors.push(detail(`${at}/code`, '代码为 1–32 位字母、数字或 _-', 'A code is 1–32 letters, digits, _ or -'));
  const named = (v: unknown) => typeof v === 'string' && v.trim().length > 0 && v.length <= 200;
  if (!name || typeof name !== 'object' || !named(name['zh-CN']) || !named(name.en))
    errors.push(detail(`${at}/name`, '名称需有中文和英文(各不超过 200 字)', 'A name needs zh-CN and en (200 characters at most each)'));
  if (!ORG_LEVELS.includes(level))
    errors.push(detail(`${at}/level`, `层级应为 ${ORG_LEVELS.join('/')}`, `level must be one of ${ORG_LEVELS.join(', ')}`));
  if (parentId !== null && parentId !== undefined && typeof parentId !== 'string')
    errors.push(detail(`${at}/parentId`, '上级机构编号应为文本或 null', 'parentId is a text or null'));
  if (errors.length) throw new HezuoError('BAD_REQUEST', errors);
  return {
    id,
    code,
    name: { 'zh-CN': name['zh-CN'].trim(), en: name.en.trim() },
    level,
    parentId: typeof parentId === 'string' && parentId !== '' ? parentId : null,
  };
}

/** A child's level must be below its parent's; a root may be of any level. */
export function checkLevelUnder(unit: NewOrgUnit, parent: Pick<OrgUnit, 'level' | 'name'> | null, at = ''): void {
  if (!parent) return;
  const mine = ORG_LEVELS.indexOf(unit.level);
  const theirs = ORG_LEVELS.indexOf(parent.level as OrgLevel);
  if (mine > theirs) return;
  throw new HezuoError('ORG_LEVEL_ORDER', [
    detail(
      `${at}/level`,
      `${LEVEL_NAMES[unit.level]}机构不能设在${LEVEL_NAMES[parent.level as OrgLevel] ?? parent.level}机构「${parent.name['zh-CN']}」之下`,
      `A ${unit.level} unit cannot sit under the ${parent.level} unit ${parent.name.en}`,
    ),
  ]);
}

/** Id and code are both unique in the tree: plugins find their regions by code. */
export function checkUnique(unit: NewOrgUnit, clashes: Pick<OrgUnit, 'id' | 'code'>[], at = ''): void {
  const errors: ErrorDetail[] = [];
  if (clashes.some((c) => c.id === unit.id)) errors.push(detail(`${at}/id`, `编号 ${unit.id} 已存在`, `The id ${unit.id} exists`));
  if (clashes.some((c) => c.code === unit.code))
    errors.push(detail(`${at}/code`, `代码 ${unit.code} 已被其他机构使用`, `The code ${unit.code} is used by another unit`));
  if (errors.length) throw new HezuoError('ORG_UNIT_EXISTS', errors);
}
