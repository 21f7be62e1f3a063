// `hezuo plugin validate <dir>` and `hezuo plugin test <dir>`: what a county admin runs on a plugin folder
// before installing it. Exit code 0 only when everything holds.
import path from 'node:path';
import { createPluginLoader } from '../plugins/loader';
import { runFixtures } from '../fixtures/run-fixtures';
import type { ErrorDetail, Locale } from '../errors';
import type { PluginDefinition } from '../plugins/types';

type Out = (line: string) => void;

export function formatError(e: ErrorDetail, locale: Locale): string {
  return `  ${e.file ?? ''}${e.pointer ? ` ${e.pointer}` : ''}: ${e.message[locale]}`;
}

/** The folder, with the plugins it depends on read from folders beside it or under `withRoots` (--with). */
async function load(dir: string, out: Out, locale: Locale, withRoots: string[]): Promise<PluginDefinition | null> {
  const result = await createPluginLoader().fromFolder(path.resolve(dir), withRoots);
  if (!result.plugin) {
    out(locale === 'en' ? `${dir}: ${result.errors.length} error(s)` : `${dir}:${result.errors.length} 个错误`);
    for (const e of result.errors) out(formatError(e, locale));
    return null;
  }
  return result.plugin;
}

export async function validateCommand(dir: string, out: Out, locale: Locale = 'en', withRoots: string[] = []): Promise<number> {
  const p = await load(dir, out, locale, withRoots);
  if (!p) return 1;
  const rules = [...p.forms.values()].reduce((n, f) => n + f.rules.length, 0);
  out(
    `ok: ${p.id}@${p.version} — ${p.forms.size} form(s), ${rules} rule(s), ${p.workflows.size} workflow(s), ${p.fixtures.reduce((n, s) => n + s.cases.length, 0)} fixture case(s)`,
  );
  return 0;
}

export async function testCommand(dir: string, out: Out, locale: Locale = 'en', withRoots: string[] = []): Promise<number> {
  const p = await load(dir, out, locale, withRoots);
  if (!p) return 1;
  const outcomes = runFixtures(p);
  for (const o of outcomes) {
    out(`${o.mismatches.length ? '✗' : '✓'} ${o.suite} — ${o.description}`);
    for (const m of o.mismatches) out(`    ${m}`);
  }
  const failed = outcomes.filter((o) => o.mismatches.length).length;
  out(`${outcomes.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}
