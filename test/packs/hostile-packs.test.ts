// Hostile packs: each is refused with its catalogue code and sub-code, a pointer into the pack, nothing of its
// content quoted, and nothing written (the reader is given bytes and touches no file). Each case is a valid pack
// of the neutral test plugin with one thing changed, so the refusal is that thing's.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../platform/boot/config';
import { PACK_LIMITS, canonicalJson, verifyPack, type PackContainer } from '../../platform/packs';
import { clone, containerOf, demoTexts, gzipOf, packOf } from './pack-helpers';

const texts = await demoTexts();
const base = containerOf(texts);
const changed = (f: (c: PackContainer & Record<string, any>) => void) => {
  const c = clone(base) as PackContainer & Record<string, any>;
  f(c);
  return gzipOf(c);
};
const withEntry = (entry: Record<string, unknown>) => changed((c) => c.files.push(entry as never));
const withText = (file: string, edit: (v: any) => void) => {
  const value = JSON.parse(texts[file]);
  edit(value);
  return packOf({ ...texts, [file]: JSON.stringify(value) });
};

/** A schema text nested `depth` deep (as text: JSON.stringify itself would overflow the stack). */
const nestedText = (depth: number) => '{"type":"object","properties":{"a":'.repeat(depth) + '{"type":"string"}' + '}}'.repeat(depth);

/** Three nested iterations over 1000 items each, as in test/plugins/hostile-fixtures.ts (which needs the database helpers). */
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const NESTED_MAP_3 = { map: [range(1000), { map: [range(1000), { map: [range(1000), 1] }] }] };

const cases: [string, () => Buffer, { code: string; sub: string; pointer?: string }][] = [
  [
    'zip-slip path',
    () => withEntry({ path: '../escape.json', text: '{}' }),
    { code: 'PACK_INVALID', sub: 'PATH_TRAVERSAL', pointer: `/files/${base.files.length}/path` },
  ],
  ['.. inside a path', () => withEntry({ path: 'forms/../../escape.json', text: '{}' }), { code: 'PACK_INVALID', sub: 'PATH_TRAVERSAL' }],
  ['absolute path', () => withEntry({ path: '/etc/escape.json', text: '{}' }), { code: 'PACK_INVALID', sub: 'PATH_ABSOLUTE' }],
  ['drive-letter path', () => withEntry({ path: 'C:/escape.json', text: '{}' }), { code: 'PACK_INVALID', sub: 'PATH_ABSOLUTE' }],
  ['backslash path', () => withEntry({ path: 'forms\\escape.json', text: '{}' }), { code: 'PACK_INVALID', sub: 'PATH_BACKSLASH' }],
  ['path that is not a plugin file', () => withEntry({ path: 'zz/run.sh', text: 'x' }), { code: 'PACK_INVALID', sub: 'PATH_UNSAFE' }],
  [
    'duplicate path',
    () => changed((c) => c.files.splice(1, 0, clone(c.files[1]))),
    { code: 'PACK_INVALID', sub: 'PATH_DUPLICATE', pointer: '/files/2/path' },
  ],
  [
    'symlink-like entry',
    () => changed((c) => Object.assign(c.files[0], { type: 'symlink', linkname: '/etc/passwd' })),
    { code: 'PACK_INVALID', sub: 'ENTRY_LINK', pointer: '/files/0/type' },
  ],
  ['unknown key in the container', () => changed((c) => (c.extra = 1)), { code: 'PACK_INVALID', sub: 'KEY_UNKNOWN', pointer: '/extra' }],
  [
    'unknown key in the manifest',
    () => changed((c) => ((c.manifest as any).postInstall = 'x')),
    { code: 'PACK_INVALID', sub: 'KEY_UNKNOWN', pointer: '/manifest/postInstall' },
  ],
  [
    'unknown key in an entry',
    () => changed((c) => ((c.files[0] as any).encoding = 'base64')),
    { code: 'PACK_INVALID', sub: 'KEY_UNKNOWN', pointer: '/files/0/encoding' },
  ],
  [
    'lone surrogate in a text',
    () => changed((c) => (c.files[0].text += '\ud800')),
    { code: 'PACK_INVALID', sub: 'TEXT_INVALID', pointer: '/files/0/text' },
  ],
  ['NUL in a text', () => changed((c) => (c.files[0].text += '\u0000')), { code: 'PACK_INVALID', sub: 'TEXT_INVALID' }],
  ['bytes that are not UTF-8', () => gzipOf(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), { code: 'PACK_INVALID', sub: 'NOT_UTF8' }],
  ['not gzip', () => Buffer.from('{"format":1}'.padEnd(40)), { code: 'PACK_INVALID', sub: 'NOT_GZIP' }],
  ['truncated gzip', () => packOf(texts).subarray(0, 200), { code: 'PACK_INVALID', sub: 'NOT_GZIP' }],
  ['not JSON', () => gzipOf('format: 1'), { code: 'PACK_INVALID', sub: 'NOT_JSON' }],
  [
    'another format',
    () => changed((c) => ((c as any).format = 2)),
    { code: 'PACK_INVALID', sub: 'FORMAT_UNSUPPORTED', pointer: '/format' },
  ],
  [
    'duplicate JSON key (last one would win)',
    () => gzipOf(canonicalJson(base).replace('{"files":', '{"files":[],"files":')),
    { code: 'PACK_INVALID', sub: 'NOT_CANONICAL' },
  ],
  [
    'a file the plugin does not name',
    () => packOf({ ...texts, 'forms/extra.json': '{}' }),
    { code: 'PACK_INVALID', sub: 'FILE_UNREFERENCED' },
  ],
  [
    'manifest version other than plugin.json',
    () => changed((c) => (c.manifest.version = '1.0.1')),
    { code: 'PACK_INVALID', sub: 'MANIFEST_MISMATCH', pointer: '/manifest/version' },
  ],
  [
    'too many files',
    () =>
      changed((c) => {
        c.files = Array.from({ length: PACK_LIMITS.files + 1 }, (_, i) => ({ path: `f/${String(i).padStart(5, '0')}.json`, text: '{}' }));
      }),
    { code: 'PACK_TOO_LARGE', sub: 'TOO_MANY_FILES' },
  ],
  [
    'oversize entry',
    () => changed((c) => (c.files[0].text = randomBytes(PACK_LIMITS.fileBytes).toString('base64'))),
    { code: 'PACK_TOO_LARGE', sub: 'FILE_TOO_LARGE', pointer: '/files/0/text' },
  ],
  ['bomb by ratio', () => gzipOf(Buffer.alloc(20 * 1024 * 1024, 0x20)), { code: 'PACK_TOO_LARGE', sub: 'RATIO_TOO_HIGH' }],
  [
    'bomb past the absolute cap',
    () => gzipOf(Buffer.concat([randomBytes(400 * 1024), Buffer.alloc(PACK_LIMITS.inflatedBytes, 0x20)])),
    { code: 'PACK_TOO_LARGE', sub: 'INFLATED_TOO_LARGE' },
  ],
  [
    'ReDoS-prone pattern (lookahead around a nested repeat)',
    () => withText('forms/weekly.schema.json', (v) => (v.properties.note = { type: 'string', pattern: '^(?=a)(a+)+$' })),
    { code: 'PLUGIN_INVALID', sub: 'PATTERN_UNSUPPORTED' },
  ],
  [
    'rule over the operator limits (three nested iterations)',
    () => withText('rules/weekly.json', (v) => v.rules.push({ id: 'loops', kind: 'compute', field: '/x', logic: NESTED_MAP_3 })),
    { code: 'PLUGIN_INVALID', sub: 'RULE_INVALID' },
  ],
  [
    'huge schema (over the per-file limit)',
    () =>
      withText(
        'forms/weekly.schema.json',
        (v) => (v.properties.huge = { type: 'string', description: randomBytes(PACK_LIMITS.fileBytes).toString('base64') }),
      ),
    { code: 'PACK_TOO_LARGE', sub: 'FILE_TOO_LARGE' },
  ],
  [
    'schema nested 20,000 deep (would overflow the validators)',
    () =>
      packOf({
        ...texts,
        'forms/weekly.schema.json': texts['forms/weekly.schema.json'].replace(
          '"properties": {',
          `"properties": { "deep": ${nestedText(20_000)},`,
        ),
      }),
    { code: 'PLUGIN_INVALID', sub: 'FILE_TOO_DEEP' },
  ],
  [
    'schema of 5,000 properties (minutes to compile)',
    () =>
      withText('forms/weekly.schema.json', (v) => {
        for (let i = 0; i < 5000; i++) v.properties[`p${i}`] = { type: 'string' };
      }),
    { code: 'PLUGIN_INVALID', sub: 'SCHEMA_TOO_LARGE' },
  ],
  [
    'platform range this platform is outside',
    () => withText('plugin.json', (v) => (v.platform = '>=99.0.0')),
    { code: 'PLUGIN_INCOMPATIBLE', sub: 'PLUGIN_INCOMPATIBLE' },
  ],
];

describe('hostile packs are refused', () => {
  it.each(cases)(
    '%s',
    async (_name, make, expected) => {
      const r = await verifyPack(make());
      expect(r.plugin).toBeUndefined();
      expect(r.code).toBe(expected.code);
      expect(r.errors).toContainEqual(
        expect.objectContaining({ code: expected.sub, ...(expected.pointer ? { pointer: expected.pointer } : {}) }),
      );
      for (const e of r.errors) {
        expect(e.message['zh-CN'].length).toBeGreaterThan(0);
        expect(e.message.en.length).toBeGreaterThan(0);
        expect(typeof e.pointer).toBe('string');
      }
      const text = JSON.stringify(r.errors);
      expect(text).not.toMatch(/etc\/passwd|escape|run\.sh|xxxxxxxxxx|postInstall['"]: ?['"]x/);
      expect(text.length).toBeLessThan(4000);
    },
    30_000,
  );
});

it('reading a pack cannot write: none of the reading modules imports the file system', async () => {
  for (const f of ['inflate-pack', 'read-pack', 'check-shape', 'memory-source', 'verify-pack', 'pack-keys', 'canonical-json']) {
    const source = await readFile(path.join(REPO_ROOT, `platform/packs/${f}.ts`), 'utf8');
    expect(source, f).not.toMatch(/from 'node:fs|from 'fs|require\(/);
  }
});
