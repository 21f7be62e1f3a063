// Adding a place to the org tree: a unit under a parent the admin manages, or a new root (a second province, city or
// county beside the existing ones) by any admin. A new root shares no record, user or plugin parameter with the units
// that exist, so creating one opens nothing to its creator; the creator becomes its admin, or nobody could manage it. One transaction: the unit, that grant and the audit entry land together or not at all.
import { HezuoError, detail } from '../errors';
import type { PlatformContext } from '../context';
import { holdsRole, isAdmin, type Principal } from '../access/principal';
import { appendAudit } from '../audit/audit-log';
import { getOrgUnit, insertOrgUnit, isOrgUnitClash, orgUnitClashes, type OrgUnit } from '../store/orgs-store';
import { grantRole } from '../store/users-store';
import { checkLevelUnder, checkUnique, readOrgUnit } from './check-org-unit';

export async function createOrgUnit(
  ctx: PlatformContext,
  body: Record<string, unknown>,
  by: { actor: Principal; address?: string },
): Promise<OrgUnit> {
  const unit = readOrgUnit(body);
  return ctx.db
    .transaction()
    .execute(async (tx) => {
      const parent = unit.parentId ? ((await getOrgUnit(tx, unit.parentId)) ?? null) : null;
      if (unit.parentId ? !parent || !holdsRole(by.actor, ['admin'], parent.path) : !isAdmin(by.actor))
        throw new HezuoError('ORG_UNIT_INVALID', [
          unit.parentId
            ? detail('/parentId', '上级机构不存在或不在您的管理范围', 'Unknown parent or outside your units')
            : detail('/parentId', '只有管理员可以新增顶级机构', 'Only an admin may add a root unit'),
        ]);
      checkLevelUnder(unit, parent);
      checkUnique(unit, await orgUnitClashes(tx, unit.id, unit.code));
      const created = await insertOrgUnit(tx, unit);
      if (!parent) await grantRole(tx, by.actor.user.id, created.id, 'admin');
      await appendAudit(tx, {
        actor: by.actor,
        action: 'org_unit.create',
        target: { type: 'org_unit', id: created.id },
        details: {
          code: created.code,
          parentId: created.parentId,
          level: created.level,
          ...(parent ? {} : { adminGranted: by.actor.user.username }),
        },
        address: by.address,
        orgPaths: [created.path],
      });
      return created;
    })
    .catch((e) => {
      const clash = isOrgUnitClash(e);
      if (clash) checkUnique(unit, [{ id: clash === 'id' ? unit.id : '', code: clash === 'code' ? unit.code : '' }]);
      throw e;
    });
}
