// The web app compiles forms with the server's own code (platform/plugins/build-forms.ts, platform/forms,
// platform/rules, platform/evaluation): every platform module the web app reaches, however indirectly, must run in
// a browser — no Node module (node:*, fs, path, …) imported and no Node global used. Type-only imports are erased by
// the compiler and do not count. (vite would build anyway, replacing a Node module by an empty stub that fails at run
// time; this test fails first.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../platform/boot/config';

const IMPORT = /(?:^|[\n;])\s*(?:import|export)(\s+type\b)?[^;'"]*?\bfrom\s*'([^']+)'|(?:^|[\n;])\s*import\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g;

/** Runtime imports of a module's source: [specifier] without `import type` / `export type`. */
function runtimeImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(IMPORT)) {
    if (m[1]) continue;
    out.push(m[2] ?? m[3] ?? m[4]);
  }
  return out;
}

// Line comments first: one may hold a "/*" (a glob such as schemas/*.json) that is no comment's start.
const strip = (code: string) => code.replace(/(^|[^:'"])\/\/.*$/gm, '$1').replace(/\/\*[\s\S]*?\*\//g, '');

function resolve(from: string, spec: string): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((f) => /\.tsx?$/.test(f) && existsSync(path.join(REPO_ROOT, f)));
}

/** Every repository module the web app's sources reach through runtime imports. */
function reachedFromWeb(): Map<string, string[]> {
  const entries = readdirSync(path.join(REPO_ROOT, 'web/src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.posix.join('web/src', f.split(path.sep).join('/')));
  const reached = new Map<string, string[]>();
  const todo = [...entries];
  while (todo.length) {
    const file = todo.pop()!;
    if (reached.has(file)) continue;
    const imports = runtimeImports(strip(readFileSync(path.join(REPO_ROOT, file), 'utf8')));
    reached.set(file, imports);
    for (const spec of imports) {
      if (!spec.startsWith('.')) continue;
      const hit = resolve(file, spec);
      if (hit) todo.push(hit);
    }
  }
  return reached;
}

const reached = reachedFromWeb();
const platformModules = [...reached.keys()].filter((f) => f.startsWith('platform/')).sort();

it('the web app reaches the server\'s form builder, formats, rules and evaluator', () => {
  for (const f of ['platform/plugins/build-forms.ts', 'platform/plugins/build-form.ts', 'platform/forms/field-formats.ts',
    'platform/rules/index.ts', 'platform/evaluation/index.ts']) expect(platformModules).toContain(f);
  // What the walk is for: a module that reads the disk is seen (read-folder.ts, through the loader).
  expect(runtimeImports(strip(readFileSync(path.join(REPO_ROOT, 'platform/plugins/read-folder.ts'), 'utf8')))).toContain('node:fs/promises');
  expect(runtimeImports("import type { A } from 'node:fs';\nimport { b } from './b';")).toEqual(['./b']);
});

describe.each(platformModules)('%s (reached by the web app)', (file) => {
  const code = strip(readFileSync(path.join(REPO_ROOT, file), 'utf8'));
  it('imports no Node module and uses no Node global', () => {
    const node = reached.get(file)!.filter((spec) => spec.startsWith('node:') || isBuiltin(spec));
    expect(node).toEqual([]);
    expect(code).not.toMatch(/\b(process|Buffer|require|__dirname|__filename|setImmediate)\b/);
  });
});
