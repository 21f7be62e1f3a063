// The form validator and the attachment type sniffing run in the browser too (live field errors, refusing a file
// before upload): no Node imports or globals, only their own folder, platform/errors, the ajv packages and re2js
// (pure JS: plugin patterns run on the same engine in the browser).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const files = [
  ...readdirSync(join(root, 'platform/forms'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `platform/forms/${f}`),
  'platform/attachments/media-types.ts',
];
const ALLOWED = /^(\.\/[a-z0-9-]+|\.\.\/errors|ajv|ajv-formats|re2js|ajv-i18n\/localize\/zh\/index\.js)$/;

describe.each(files)('%s', (file) => {
  const code = readFileSync(join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  it('imports only its own folder, platform/errors and ajv', () => {
    const imports = [...code.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    for (const i of imports) expect(i).toMatch(ALLOWED);
    if (file.includes('attachments')) expect(imports).toEqual([]);
  });
  it('uses no Node globals', () => {
    expect(code).not.toMatch(/\b(process|Buffer|require|__dirname|__filename|setImmediate)\b/);
    expect(code).not.toMatch(/from\s+'node:/);
  });
});
