// The hezuo command line: plugin validate|test <dir>, pack keygen|build|verify, migrate, seed, import, audit verify.
import { testCommand, validateCommand } from './plugin-commands';
import { importCommand } from './import-command';
import { buildCommand, keygenCommand, verifyCommand } from './pack-commands';
import { auditVerifyCommand } from './audit-command';
import { exportCommand, installCommand } from './pack-server-commands';
import { seedCommand } from './seed-command';
import { configFromEnv } from '../boot/config';
import { openPlatform } from '../boot/open-platform';

const USAGE = `usage:
  hezuo plugin validate <dir> [--with <dir>]…
                                check a plugin folder against the meta-schemas and cross-file rules
  hezuo plugin test <dir> [--with <dir>]…
                                validate, then run the plugin's fixtures
                                (plugins it depends on: folders beside it, or --with a plugin or plugins folder)
  hezuo pack keygen -o <name>   write an ed25519 key pair: <name>.private.pem (0600) and <name>.public.pem
  hezuo pack build <dir> -o <file>.hzpack [--key <private.pem>] [--publisher <name>] [--forked-from id@version]
                   [--depends id@range]…   validate the plugin, then write one deterministic (signed) pack
  hezuo pack verify <file> [--trust <public.pem>]…
                                structure, hashes, plugin, and signature: trusted / unknown publisher / unsigned / tampered
  hezuo pack install <file> --server <url> [--user U] [--password P] [--dry-run] [--move-open-records]
                   [--override-fixtures <reason>]   install into a running server through its API (password also HEZUO_PASSWORD)
  hezuo pack export <id>@<version> -o <file>.hzpack [--key <private.pem>] [--publisher <name>]
                                a pack of an installed version, from the database (DATABASE_URL)
  hezuo migrate                 apply database migrations (DATABASE_URL, or the embedded database)
  hezuo seed <file> [--password P]
                                add a seed file's org units, users and roles that the database lacks (docs/seed-files.md)
  hezuo audit verify            check the audit logs' hash chains: "ok N rows" (exit 0) or the first broken link (exit 1)
  hezuo import <plugin> <form> <file> --period P --user U [--org-unit ID] [--mode all|valid] [--mapping m.json] [--errors out.xlsx]
                                import records from .xlsx/.csv (exit 0 all imported, 1 rows rejected, 2 refused)
options: --lang zh-CN|en (messages; default en)`;

async function main(argv: string[]): Promise<number> {
  const langAt = argv.indexOf('--lang');
  const locale = langAt >= 0 && argv[langAt + 1] === 'zh-CN' ? 'zh-CN' : 'en';
  const args = langAt >= 0 ? argv.filter((_, i) => i !== langAt && i !== langAt + 1) : argv;
  const out = (line: string) => console.log(line);
  const [cmd, sub, dir] = args;
  const withRoots = args.flatMap((a, i) => (args[i - 1] === '--with' ? [a] : []));
  if (cmd === 'plugin' && sub === 'validate' && dir) return validateCommand(dir, out, locale, withRoots);
  if (cmd === 'plugin' && sub === 'test' && dir) return testCommand(dir, out, locale, withRoots);
  if (cmd === 'pack' && sub === 'keygen') return keygenCommand(args.slice(2), out);
  if (cmd === 'pack' && sub === 'build') return buildCommand(args.slice(2), out, locale);
  if (cmd === 'pack' && sub === 'verify') return verifyCommand(args.slice(2), out, locale);
  if (cmd === 'pack' && sub === 'install') return installCommand(args.slice(2), out, locale);
  if (cmd === 'pack' && sub === 'export') return exportCommand(args.slice(2), out, locale);
  if (cmd === 'import') return importCommand(args.slice(1), out, locale);
  if (cmd === 'seed') return seedCommand(args.slice(1), out, locale);
  if (cmd === 'audit' && sub === 'verify') return auditVerifyCommand(out);
  if (cmd === 'migrate') {
    const platform = await openPlatform({ ...configFromEnv(), seedFile: null }, { log: out });
    await platform.close();
    out('migrations up to date');
    return 0;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
