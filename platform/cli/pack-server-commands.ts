// `hezuo pack install <file> --server <url>` and `hezuo pack export <id>@<version> -o <file>`. Install goes through
// the server's HTTP API (login, then POST /api/packs or /api/packs/dry-run) so a running server takes the plugin at
// once and the audit log names the admin; export reads the database (DATABASE_URL) as `audit verify` does. Exit 0
// when the step holds, 1 when the server or database refuses, 2 for a usage mistake.
import { readFile, writeFile } from 'node:fs/promises';
import { configFromEnv } from '../boot/config';
import { openPlatform } from '../boot/open-platform';
import { HezuoError, type Locale } from '../errors';
import { exportStoredPack } from '../packs/export-pack';
import { PACK_LIMITS, privateKeyFromPem } from '../packs';
import { parseArgs } from './pack-commands';

type Out = (line: string) => void;
const one = (o: Map<string, string[]>, ...names: string[]) => names.map((n) => o.get(n)?.at(-1)).find((v) => v !== undefined);
const FLAGS = new Set(['--dry-run', '--move-open-records']);

function usage(out: Out, synopsis: string, why?: string): number {
  if (why) out(why);
  out(`usage: hezuo ${synopsis}`);
  return 2;
}

interface ErrorBody {
  error?: {
    code: string;
    message: Record<Locale, string>;
    details?: { pointer: string; file?: string; message: Record<Locale, string> }[];
  };
}

function printRefusal(out: Out, status: number, body: ErrorBody, locale: Locale): void {
  const e = body.error;
  if (!e) {
    out(`HTTP ${status}`);
    return;
  }
  out(`${e.code}: ${e.message[locale]}`);
  for (const d of e.details ?? []) out(`  ${d.file ? `${d.file} ` : ''}${d.pointer || '/'}: ${d.message[locale]}`);
}

const INSTALL =
  'pack install <file> --server <url> [--user <name>] [--password <pw>] [--dry-run] [--move-open-records] [--override-fixtures <reason>]';

/** `env`: where HEZUO_USER and HEZUO_PASSWORD are read (the process environment). */
export async function installCommand(args: string[], out: Out, locale: Locale, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const flags = new Set(args.filter((a) => FLAGS.has(a)));
  const parsed = parseArgs(args.filter((a) => !FLAGS.has(a)));
  const file = parsed?.positional[0];
  const server = parsed && one(parsed.options, '--server');
  if (!parsed || !file || !server || parsed.positional.length !== 1) return usage(out, INSTALL);
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    return usage(out, INSTALL, `--server takes a URL: ${server}`);
  }
  // The password from the environment keeps it out of the process list and the shell history.
  const username = one(parsed.options, '--user') ?? env.HEZUO_USER ?? 'admin';
  const password = one(parsed.options, '--password') ?? env.HEZUO_PASSWORD;
  if (!password) return usage(out, INSTALL, 'give the password with --password or HEZUO_PASSWORD');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    out(`${file}: ${(e as Error).message}`);
    return 1;
  }
  if (bytes.length > PACK_LIMITS.packBytes) out(`${file}: over ${PACK_LIMITS.packBytes} bytes; the server will refuse it`);

  const login = await fetch(new URL('/api/auth/login', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const session = (await login.json()) as { token?: string } & ErrorBody;
  if (!login.ok || !session.token) {
    printRefusal(out, login.status, session, locale);
    return 1;
  }
  const auth = { authorization: `Bearer ${session.token}` };
  try {
    const query = new URLSearchParams();
    if (flags.has('--move-open-records')) query.set('moveOpenRecords', 'true');
    const reason = one(parsed.options, '--override-fixtures');
    if (reason) query.set('overrideFixtures', reason);
    const path = flags.has('--dry-run') ? '/api/packs/dry-run' : `/api/packs${query.size ? `?${query}` : ''}`;
    const r = await fetch(new URL(path, base), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
    });
    const body = (await r.json()) as Record<string, unknown> & ErrorBody;
    if (!r.ok) {
      printRefusal(out, r.status, body, locale);
      return 1;
    }
    if (flags.has('--dry-run')) return printDryRun(out, body, locale);
    const plugin = body.plugin as { id: string; version: string };
    const moved = body.moved as { moved: number; kept: string[] } | null;
    out(`${body.outcome}: ${plugin.id}@${plugin.version}${body.previousVersion ? ` (was ${String(body.previousVersion)})` : ''}`);
    out(`pack sha256 ${String(body.packSha256)}, signature ${String(body.signature)}`);
    if (moved) out(`open records moved: ${moved.moved}, kept on their version: ${moved.kept.length}`);
    return 0;
  } finally {
    await fetch(new URL('/api/auth/logout', base), { method: 'POST', headers: auth }).catch(() => undefined);
  }
}

function printDryRun(out: Out, report: Record<string, unknown>, locale: Locale): number {
  const plugin = report.plugin as { id: string; version: string } | null;
  const fixtures = report.fixtures as { passed: number; failed: number } | null;
  const refusal = report.refusal as ErrorBody['error'] | null;
  out(`dry run: ${String(report.outcome)}${plugin ? ` ${plugin.id}@${plugin.version}` : ''} (${String(report.change ?? '-')})`);
  out(`signature: ${String(report.signature ?? '-')}`);
  if (fixtures) out(`fixtures: ${fixtures.passed} passed, ${fixtures.failed} failed`);
  if (refusal) printRefusal(out, 0, { error: refusal }, locale);
  return report.outcome === 'refused' ? 1 : 0;
}

const EXPORT = 'pack export <id>@<version> -o <file>.hzpack [--key <private.pem>] [--publisher <name>]';

export async function exportCommand(args: string[], out: Out, locale: Locale): Promise<number> {
  const parsed = parseArgs(args);
  const target = parsed?.positional[0];
  const outFile = parsed && one(parsed.options, '-o', '--out');
  const at = target?.indexOf('@') ?? -1;
  if (!parsed || !target || !outFile || parsed.positional.length !== 1 || at <= 0) return usage(out, EXPORT);
  const keyFile = one(parsed.options, '--key');
  let privateKey;
  try {
    privateKey = keyFile ? privateKeyFromPem(await readFile(keyFile, 'utf8')) : undefined;
  } catch (e) {
    out(`${keyFile}: ${(e as Error).message}`);
    return 1;
  }
  const publisherName = one(parsed.options, '--publisher');
  const platform = await openPlatform({ ...configFromEnv(), seedFile: null }, { withoutPlugins: true });
  try {
    const { bytes, sha256 } = await exportStoredPack(platform.ctx.db, target.slice(0, at), target.slice(at + 1), {
      privateKey,
      ...(publisherName ? { publisherName } : {}),
    });
    await writeFile(outFile, bytes);
    out(`wrote ${outFile}: ${target}, ${bytes.length} bytes, sha256 ${sha256}${privateKey ? ', signed' : ', unsigned'}`);
    return 0;
  } catch (e) {
    if (!(e instanceof HezuoError)) throw e;
    out(`${e.code}: ${e.details[0]?.message[locale] ?? e.localMessage[locale]}`);
    return 1;
  } finally {
    await platform.close();
  }
}
