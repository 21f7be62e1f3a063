// `hezuo pack keygen|build|verify`: a publisher makes a key pair once, builds a deterministic (optionally
// signed) .hzpack from a plugin folder, and anyone verifies one before installing it. Exit 0 when the step
// holds, 1 when the pack or plugin is refused, 2 for a usage mistake.
import { chmod, open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import type { Locale } from '../errors';
import {
  PACK_LIMITS,
  buildPackFromFolder,
  fingerprintOf,
  generatePackKeys,
  privateKeyFromPem,
  publicKeyFromPem,
  sha256Hex,
  verifyPack,
} from '../packs';
import type { SignatureState } from '../packs';
import { formatError } from './plugin-commands';

type Out = (line: string) => void;

/** Positional arguments and options; `--trust` and `--depends` may repeat. */
export function parseArgs(args: string[]): { positional: string[]; options: Map<string, string[]> } | null {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    const value = args[++i];
    if (value === undefined) return null;
    options.set(a, [...(options.get(a) ?? []), value]);
  }
  return { positional, options };
}

const one = (o: Map<string, string[]>, ...names: string[]) => names.map((n) => o.get(n)?.at(-1)).find((v) => v !== undefined);

/** `id@version-or-range`, split at the first @ (ids have none). */
function splitAt(s: string): [string, string] | null {
  const at = s.indexOf('@');
  return at > 0 ? [s.slice(0, at), s.slice(at + 1)] : null;
}

export async function keygenCommand(args: string[], out: Out): Promise<number> {
  const parsed = parseArgs(args);
  const name = parsed && one(parsed.options, '-o', '--out');
  if (!name) return usage(out, 'pack keygen -o <name>');
  const keys = generatePackKeys();
  const privateFile = `${name}.private.pem`;
  const publicFile = `${name}.public.pem`;
  try {
    // 'wx': never overwrite a key; 0600 as created (and again, whatever the umask did).
    await writeFile(privateFile, keys.privatePem, { mode: 0o600, flag: 'wx' });
    await chmod(privateFile, 0o600);
    await writeFile(publicFile, keys.publicPem, { flag: 'wx' });
  } catch (e) {
    out(`cannot write the key files: ${(e as Error).message}`);
    return 1;
  }
  out(`private key: ${privateFile} (keep it secret; mode 0600)`);
  out(`public key:  ${publicFile} (give it to the counties that install your packs)`);
  out(`fingerprint: ${keys.fingerprint}`);
  return 0;
}

export async function buildCommand(args: string[], out: Out, locale: Locale): Promise<number> {
  const parsed = parseArgs(args);
  const outFile = parsed && one(parsed.options, '-o', '--out');
  const dir = parsed?.positional[0];
  const synopsis =
    'pack build <plugin-dir> -o <file>.hzpack [--key <private.pem>] [--publisher <name>] [--forked-from id@version] [--depends id@range]…';
  if (!parsed || !dir || !outFile || parsed.positional.length !== 1) return usage(out, synopsis);
  const forked = one(parsed.options, '--forked-from');
  const forkedFrom = forked ? splitAt(forked) : undefined;
  if (forked && (!forkedFrom || semver.valid(forkedFrom[1]) !== forkedFrom[1]))
    return usage(out, synopsis, `--forked-from takes id@version: ${forked}`);
  const dependencies = [];
  for (const d of parsed.options.get('--depends') ?? []) {
    const pair = splitAt(d);
    if (!pair || !semver.validRange(pair[1])) return usage(out, synopsis, `--depends takes id@range: ${d}`);
    dependencies.push({ id: pair[0], range: pair[1] });
  }
  const keyFile = one(parsed.options, '--key');
  let privateKey;
  try {
    privateKey = keyFile ? privateKeyFromPem(await readFile(keyFile, 'utf8')) : undefined;
  } catch (e) {
    out(`${keyFile}: ${(e as Error).message}`);
    return 1;
  }
  const publisherName = one(parsed.options, '--publisher');
  if (publisherName !== undefined && (!publisherName.trim() || publisherName.length > PACK_LIMITS.textLength)) {
    return usage(out, synopsis, `--publisher takes a name of 1 to ${PACK_LIMITS.textLength} characters`);
  }
  const built = await buildPackFromFolder(path.resolve(dir), {
    dependencies,
    privateKey,
    ...(publisherName ? { publisherName } : {}),
    ...(forkedFrom ? { forkedFrom: { id: forkedFrom[0], version: forkedFrom[1] } } : {}),
  });
  if ('errors' in built) {
    out(locale === 'en' ? `${dir}: ${built.errors.length} error(s)` : `${dir}:${built.errors.length} 个错误`);
    for (const e of built.errors) out(formatError(e, locale));
    return 1;
  }
  await writeFile(outFile, built.bytes);
  out(`wrote ${outFile}: ${built.plugin.id}@${built.plugin.version}, ${built.bytes.length} bytes, sha256 ${sha256Hex(built.bytes)}`);
  out(privateKey ? `signed by ${fingerprintOf(publicKeyFromPem(await readFile(keyFile!, 'utf8')))}` : 'unsigned');
  return 0;
}

const SIGNATURE_TEXT: Record<SignatureState, Record<Locale, string>> = {
  trusted: { en: 'trusted', 'zh-CN': '可信' },
  'unknown-publisher': {
    en: 'unknown publisher (valid signature, key not in --trust)',
    'zh-CN': '发布者未知(签名有效,公钥不在 --trust 中)',
  },
  unsigned: { en: 'unsigned', 'zh-CN': '未签名' },
  tampered: { en: 'tampered (refused)', 'zh-CN': '已被篡改(拒绝)' },
};

export async function verifyCommand(args: string[], out: Out, locale: Locale): Promise<number> {
  const parsed = parseArgs(args);
  const file = parsed?.positional[0];
  if (!parsed || !file || parsed.positional.length !== 1) return usage(out, 'pack verify <file> [--trust <public.pem>]…');
  const trusted: string[] = [];
  for (const pem of parsed.options.get('--trust') ?? []) {
    try {
      trusted.push(fingerprintOf(publicKeyFromPem(await readFile(pem, 'utf8'))));
    } catch (e) {
      out(`${pem}: ${(e as Error).message}`);
      return 1;
    }
  }
  const report = await verifyPack(await readAtMost(file, PACK_LIMITS.packBytes + 1), { trusted });
  const m = report.manifest;
  out(`pack: ${file} sha256 ${report.packSha256}`);
  if (m) {
    out(`plugin: ${m.id}@${m.version} (platform ${m.platform}), ${m.files.length} file(s), content sha256 ${m.contentSha256}`);
    out(`publisher: ${m.publisher?.name ?? '-'}${m.publisher?.fingerprint ? ` (${m.publisher.fingerprint})` : ''}`);
    if (m.forkedFrom) out(`forked from: ${m.forkedFrom.id}@${m.forkedFrom.version}`);
    out(`dependencies: ${m.dependencies.length ? m.dependencies.map((d) => `${d.id}@${d.range}`).join(', ') : 'none'}`);
  }
  if (report.code) {
    out(`structure: ${report.code} — ${report.errors.length} error(s)`);
    for (const e of report.errors) out(formatError(e, locale));
  } else out('structure: ok');
  out(`signature: ${report.signature ? SIGNATURE_TEXT[report.signature][locale] : '-'}`);
  return report.code ? 1 : 0;
}

function usage(out: Out, synopsis: string, why?: string): number {
  if (why) out(why);
  out(`usage: hezuo ${synopsis}`);
  return 2;
}

/** A pack file's first `limit` bytes: one byte past the pack limit is enough to refuse it, never the whole file. */
async function readAtMost(file: string, limit: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(limit, (await handle.stat()).size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
