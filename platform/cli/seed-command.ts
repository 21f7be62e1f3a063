// `hezuo seed <file> [--password P]`: applies a seed file (org units, users, roles) to the database the server
// uses, while it runs or not: what the server lacks is added, what it has is kept (docs/seed-files.md). New users'
// passwords are printed once. Exit 0: applied (or nothing to add); 2: refused, nothing changed.
import { readFile } from 'node:fs/promises';
import { configFromEnv } from '../boot/config';
import { openPlatform } from '../boot/open-platform';
import { HezuoError, type Locale } from '../errors';
import { applySeed, readSeed } from '../orgs/apply-seed';

export async function seedCommand(args: string[], out: (line: string) => void, locale: Locale): Promise<number> {
  const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--password'));
  const at = args.indexOf('--password');
  const password = at >= 0 ? args[at + 1] : undefined;
  if (!file) {
    console.error('usage: hezuo seed <file> [--password P] [--lang zh-CN|en]');
    return 2;
  }
  const en = locale === 'en';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    console.error(en ? `cannot read ${file}: ${(e as Error).message}` : `无法读取 ${file}:${(e as Error).message}`);
    return 2;
  }
  const platform = await openPlatform({ ...configFromEnv(), seedFile: null }, { withoutPlugins: true });
  try {
    const r = await applySeed(platform.ctx, readSeed(text), { password });
    out(
      en
        ? `units added ${r.unitsAdded.length}, kept ${r.unitsKept.length}; users created ${r.usersCreated.length}; roles granted ${r.rolesGranted.length}`
        : `新增机构 ${r.unitsAdded.length} 个,保留 ${r.unitsKept.length} 个;新建用户 ${r.usersCreated.length} 个;授予角色 ${r.rolesGranted.length} 个`,
    );
    for (const u of r.usersCreated) out(`  ${u.username}  ${u.password}  ${u.roles}`);
    for (const g of r.rolesGranted) out(`  ${g.username} + ${g.role}@${g.orgUnitId}`);
    return 0;
  } catch (e) {
    if (!(e instanceof HezuoError)) throw e;
    console.error(`${e.code}: ${e.localMessage[locale]}`);
    for (const d of e.details) console.error(`  ${d.pointer ? `${d.pointer}: ` : ''}${d.message[locale]}`);
    return 2;
  } finally {
    await platform.close();
  }
}
