// Which connection the application runs on. Migrations run as the owner (DATABASE_URL, or the embedded
// superuser); the application then runs as a least-privilege role that cannot rewrite the audit tables:
// - embedded: a login role `hezuo_app` with a generated password kept in the data folder;
// - DATABASE_APP_URL: the operator's own login for the application (the role must exist; grants are given here);
// - otherwise HEZUO_APP_ROLE (default hezuo_app), created if missing, taken by each connection at connect time
//   (`-c role=…`). That role could be left with RESET ROLE by a query the application never makes; a separate
//   login (DATABASE_APP_URL) closes even that.
import type { Kysely } from 'kysely';
import { readOrCreatePassword } from '../postgres/password-file';
import { checkRoleName, ensureAppRole, grantAppRole } from '../store/app-role';

export interface AppConnection {
  url: string;
  options?: string;
  role: string;
}

export async function prepareAppConnection(
  owner: Kysely<any>,
  ownerUrl: string,
  opts: { embeddedDataDir?: string; databaseAppUrl?: string; appRole: string },
): Promise<AppConnection> {
  let conn: AppConnection;
  if (opts.embeddedDataDir) {
    const role = checkRoleName(opts.appRole);
    const password = await readOrCreatePassword(opts.embeddedDataDir, 'app-password');
    await ensureAppRole(owner, role, password);
    const url = new URL(ownerUrl);
    url.username = role;
    url.password = password;
    conn = { url: url.toString(), role };
  } else if (opts.databaseAppUrl) {
    const role = checkRoleName(decodeURIComponent(new URL(opts.databaseAppUrl).username));
    conn = { url: opts.databaseAppUrl, role };
  } else {
    const role = checkRoleName(opts.appRole);
    try {
      await ensureAppRole(owner, role);
    } catch (e) {
      throw new Error(
        `The DATABASE_URL user cannot create the application's role "${role}" (${(e as Error).message}); create it (create role ${role} nologin; grant ${role} to <owner>) or give the application its own login with DATABASE_APP_URL`,
        { cause: e },
      );
    }
    conn = { url: ownerUrl, options: `-c role=${role}`, role };
  }
  await grantAppRole(owner, conn.role);
  return conn;
}
