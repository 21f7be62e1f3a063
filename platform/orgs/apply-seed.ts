// A seed file (schemas/seed.schema.json, docs/seed-files.md) applied to a database: units the server lacks are added
// in file order, users it lacks are created with a password, roles they lack are granted. What exists and agrees is
// kept, so applying a file twice changes nothing; a unit that exists but disagrees (another parent, level or code) is
// refused. One transaction: a file is applied whole or not at all, with one audit entry saying what it added.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { HezuoError, detail, type ErrorDetail, type LocalText } from '../errors';
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { appendAudit } from '../audit/audit-log';
import { toErrorDetails } from '../forms';
import { SCHEMAS_DIR } from '../plugins/meta-schemas';
import { hashPassword } from '../auth/passwords';
import { checkPassword } from '../auth/password-policy';
import { getOrgUnit, insertOrgUnit, orgUnitClashes, type OrgUnit } from '../store/orgs-store';
import { findUserByName, grantRole, insertUser, rolesOf } from '../store/users-store';
import { checkLevelUnder, checkUnique, type NewOrgUnit } from './check-org-unit';

export interface SeedFile {
  $comment?: string;
  orgUnits: NewOrgUnit[];
  users: { username: string; displayName: string; locale?: 'zh-CN' | 'en'; roles: { role: string; orgUnitId: string }[] }[];
}

export interface SeedOutcome {
  unitsAdded: string[];
  unitsKept: string[];
  /** Users created, each with the password it was given: shown once to whoever applied the file. */
  usersCreated: { username: string; password: string; roles: string }[];
  rolesGranted: { username: string; role: string; orgUnitId: string }[];
}

let validator: ((v: unknown) => ErrorDetail[]) | null = null;
/** The seed meta-schema, compiled on first use (the server seeds once; the CLI once per run). */
function validateSeed(value: unknown): ErrorDetail[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, 'seed.schema.json'), 'utf8'));
    const check = new Ajv({ allErrors: true, strict: false }).compile(schema);
    validator = (v) => (check(v) ? [] : toErrorDetails(check.errors ?? [], schema));
  }
  return validator(value);
}

/** The file's content as a seed, or SEED_INVALID with every pointer that is wrong. */
export function readSeed(text: string): SeedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new HezuoError('SEED_INVALID', [
      detail('', `不是有效的 JSON:${(e as Error).message}`, `Not valid JSON: ${(e as Error).message}`),
    ]);
  }
  const errors = validateSeed(value);
  if (errors.length) throw new HezuoError('SEED_INVALID', errors.slice(0, 50));
  return value as SeedFile;
}

const same = (a: OrgUnit, b: NewOrgUnit) => a.parentId === b.parentId && a.level === b.level && a.code === b.code;
const nameOf = (n: LocalText) => `${n['zh-CN']} / ${n.en}`;

export async function applySeed(
  ctx: PlatformContext,
  seed: SeedFile,
  opts: { actor?: Principal | null; password?: string; address?: string } = {},
): Promise<SeedOutcome> {
  // Passwords are checked and hashed before the transaction opens: hashing is slow on purpose.
  const passwords = new Map<string, { password: string; hash: string }>();
  for (const [i, u] of seed.users.entries()) {
    if (await findUserByName(ctx.db, u.username)) continue;
    // 12 characters: above the password policy's minimum length (platform/auth/password-policy.ts).
    const password = opts.password ?? randomBytes(9).toString('base64url');
    checkPassword(password, u.username, `/users/${i}/password`);
    passwords.set(u.username, { password, hash: await hashPassword(password) });
  }
  const out: SeedOutcome = { unitsAdded: [], unitsKept: [], usersCreated: [], rolesGranted: [] };
  const touched = new Set<string>(); // org paths the audit entry concerns
  await ctx.db.transaction().execute(async (tx) => {
    for (const [i, unit] of seed.orgUnits.entries()) {
      const at = `/orgUnits/${i}`;
      const existing = await getOrgUnit(tx, unit.id);
      if (existing) {
        if (!same(existing, unit))
          throw new HezuoError('SEED_INVALID', [
            detail(
              at,
              `机构 ${unit.id}(${nameOf(existing.name)})已存在,但上级、层级或代码与文件不同`,
              `Unit ${unit.id} (${nameOf(existing.name)}) exists with another parent, level or code than the file gives`,
            ),
          ]);
        out.unitsKept.push(unit.id);
        continue;
      }
      const parent = unit.parentId ? await getOrgUnit(tx, unit.parentId) : null;
      if (unit.parentId && !parent)
        throw new HezuoError('SEED_INVALID', [
          detail(
            `${at}/parentId`,
            `上级机构 ${unit.parentId} 既不在文件中它之前,也不在服务器上`,
            `Parent ${unit.parentId} is neither earlier in the file nor on the server`,
          ),
        ]);
      checkLevelUnder(unit, parent ?? null, at);
      checkUnique(unit, await orgUnitClashes(tx, unit.id, unit.code), at);
      touched.add((await insertOrgUnit(tx, unit)).path);
      out.unitsAdded.push(unit.id);
    }
    for (const [i, u] of seed.users.entries()) {
      const at = `/users/${i}`;
      const paths = new Map<string, string>();
      for (const [j, r] of u.roles.entries()) {
        const unit = await getOrgUnit(tx, r.orgUnitId);
        if (!unit)
          throw new HezuoError('SEED_INVALID', [
            detail(`${at}/roles/${j}/orgUnitId`, `机构 ${r.orgUnitId} 不存在`, `No unit ${r.orgUnitId}`),
          ]);
        paths.set(r.orgUnitId, unit.path);
      }
      const existing = await findUserByName(tx, u.username);
      const id = existing?.id ?? randomUUID();
      const secret = passwords.get(u.username);
      if (!existing && !secret)
        throw new HezuoError('SEED_INVALID', [
          detail(`${at}/username`, `用户 ${u.username} 正被同时创建`, `User ${u.username} is being created at the same time`),
        ]);
      if (!existing && secret) {
        await insertUser(tx, { id, username: u.username, displayName: u.displayName, passwordHash: secret.hash, locale: u.locale });
        out.usersCreated.push({
          username: u.username,
          password: secret.password,
          roles: u.roles.map((r) => `${r.role}@${r.orgUnitId}`).join(', '),
        });
      }
      const held = new Set((await rolesOf(tx, id)).map((g) => `${g.role}@${g.orgUnitId}`));
      for (const r of u.roles) {
        if (held.has(`${r.role}@${r.orgUnitId}`)) continue;
        await grantRole(tx, id, r.orgUnitId, r.role);
        touched.add(paths.get(r.orgUnitId)!);
        if (existing) out.rolesGranted.push({ username: u.username, role: r.role, orgUnitId: r.orgUnitId });
      }
    }
    if (out.unitsAdded.length || out.usersCreated.length || out.rolesGranted.length)
      await appendAudit(tx, {
        actor: opts.actor ?? null,
        action: 'seed.apply',
        details: {
          unitsAdded: out.unitsAdded,
          usersCreated: out.usersCreated.map((u) => u.username),
          rolesGranted: out.rolesGranted,
        },
        address: opts.address,
        orgPaths: [...touched],
      });
  });
  return out;
}
