// First start: an org tree and demo users from a seed file (data, outside the engine). Passwords are generated
// unless HEZUO_DEMO_PASSWORD is set, printed once, and kept in the data folder for the person who started it.
// A database that has units already is left alone here; `hezuo seed <file>` adds a file's units to it.
import { readFile } from 'node:fs/promises';
import type { PlatformContext } from '../context';
import { countOrgUnits } from '../store/orgs-store';
import { applySeed, readSeed } from '../orgs/apply-seed';

export async function seedIfEmpty(
  ctx: PlatformContext,
  seedFile: string,
  demoPassword?: string,
): Promise<{ username: string; password: string; roles: string }[] | null> {
  if ((await countOrgUnits(ctx.db)) > 0) return null;
  const seed = readSeed(await readFile(seedFile, 'utf8'));
  return (await applySeed(ctx, seed, { password: demoPassword })).usersCreated;
}
