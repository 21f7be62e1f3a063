// Secrets generated once into the data folder (mode 0600) and read back on later starts: the embedded cluster's
// superuser password and the application role's (platform/boot/app-database.ts).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

// Password auth even on 127.0.0.1: any local OS user could otherwise connect as superuser (and run programs as
// the postgres user). The secret lives beside the cluster, outside pgdata, so the server process cannot read it.
/** A password generated once into `name` in the data folder (mode 0600), read back on later starts. */
export async function readOrCreatePassword(dataDir: string, name = 'superuser-password'): Promise<string> {
  const file = path.join(dataDir, name);
  const fresh = randomBytes(24).toString('base64url');
  try {
    await fs.writeFile(file, fresh + '\n', { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const stored = (await fs.readFile(file, 'utf8')).trim();
  if (!stored) throw new Error(`${file} is empty; restore it or remove the whole data folder ${dataDir}`);
  return stored;
}
