// The rule engine runs in the browser too: no Node imports or globals, and no code evaluation (CSP-safe).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(__dirname, '../../platform/rules');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe.each(files)('platform/rules/%s', (file) => {
  const source = readFileSync(join(dir, file), 'utf8');
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, ''); // comments may name anything

  it('imports only its own folder and platform/errors', () => {
    const imports = [...code.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    for (const i of imports) expect(i).toMatch(/^(\.\/[a-z-]+|\.\.\/errors)$/);
  });
  it('uses no Node globals and evaluates no code', () => {
    expect(code).not.toMatch(/\b(process|Buffer|require|__dirname|__filename|global|setImmediate)\b/);
    expect(code).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/);
  });
  it('is small: at most 300 lines', () => {
    expect(source.split('\n').length).toBeLessThanOrEqual(300);
  });
});

it('the folder has the expected files', () => {
  expect(files).toContain('operations.ts');
  expect(files).toContain('index.ts');
});
