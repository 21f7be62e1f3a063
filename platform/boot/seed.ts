// First start: an org tree and demo users from a seed file (data, outside the engine). Passwords are generated
// unless HEZUO_DEMO_PASSWORD is set, printed once, and kept in the data folder for the person who started it.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PlatformContext } from '../context';
import type { LocalText } from '../errors';
import { countOrgUnits, insertOrgUnit } from '../store/orgs-store';
import { createUser } from '../auth/auth-service';

export interface SeedFile {
  $comment?: string;
  orgUnits: { id: string; parentId: string | null; code: string; name: LocalText; level: string }[];
  users: { username: string; displayName: string; roles: { role: string; orgUnitId: string }[] }[];
}

export async function seedIfEmpty(
  ctx: PlatformContext,
  seedFile: string,
  demoPassword?: string,
): Promise<{ username: string; password: string; roles: string }[] | null> {
  if ((await countOrgUnits(ctx.db)) > 0) return null;
  const seed = JSON.parse(await readFile(seedFile, 'utf8')) as SeedFile;
  await ctx.db.transaction().execute(async (tx) => {
    for (const u of seed.orgUnits) await insertOrgUnit(tx, u);
  });
  const out = [];
  for (const u of seed.users) {
    // 12 characters: above the password policy's minimum length (platform/auth/password-policy.ts).
    const password = demoPassword ?? randomBytes(9).toString('base64url');
    await createUser(ctx, { username: u.username, displayName: u.displayName, password, roles: u.roles });
    out.push({ username: u.username, password, roles: u.roles.map((r) => `${r.role}@${r.orgUnitId}`).join(', ') });
  }
  return out;
}
