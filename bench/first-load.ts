// First-load bytes of the web app's pages, from a production build's Vite manifest: what a browser must fetch
// before a page can show (the entry, its CSS and its static imports, transitively; for the form page also the
// chunks its route loads, when the route is split off), raw and as sent (the .br/.gz copies the build writes;
// files under 1 KB go raw). Plus the form page's plugin download: one form's files against the whole plugin's.
// Sizes only, no timing: the same build gives the same figures on any machine.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createPluginLoader } from '../platform/plugins';
import { formFiles } from '../platform/plugins/form-files';
import { REPO_ROOT } from '../platform/boot/config';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface Bytes {
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}

/** The files a chunk needs before it runs: itself, its CSS, its static imports and theirs. */
function closure(manifest: Manifest, key: string, out = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || out.has(chunk.file)) return out;
  out.add(chunk.file);
  for (const css of chunk.css ?? []) out.add(css);
  for (const k of chunk.imports ?? []) closure(manifest, k, out);
  return out;
}

function sizeOf(dist: string, files: Iterable<string>): Bytes {
  const b: Bytes = { files: 0, raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const file = path.join(dist, f);
    const raw = statSync(file).size;
    const copy = (ext: string) => (existsSync(file + ext) ? statSync(file + ext).size : raw);
    b.files++;
    b.raw += raw;
    b.gzip += copy('.gz');
    b.brotli += copy('.br');
  }
  return b;
}

function textBytes(value: unknown): Bytes {
  const raw = Buffer.from(JSON.stringify(value));
  // As the API sends it: brotli at quality 4, gzip at 6 (platform/http/compression.ts).
  return {
    files: 1,
    raw: raw.length,
    gzip: gzipSync(raw, { level: 6 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length,
  };
}

export async function firstLoadBytes(dist = path.join(REPO_ROOT, 'web/dist'), plugin = 'guangzhou-demonstration', form = 'application') {
  const manifestFile = path.join(dist, '.vite/manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`no ${manifestFile}: build the web app first (npm run build:web)`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)!;
  const index = ['index.html'];
  const login = new Set([...index, ...closure(manifest, entry)]);
  // The record page's own chunk(s), when the route is split off the entry; else the entry already holds it.
  const recordPage = Object.keys(manifest).filter((k) => /pages\/RecordPage\.tsx$/.test(manifest[k].src ?? k));
  const formPage = new Set(login);
  for (const k of recordPage) if (k !== entry) closure(manifest, k, formPage);
  const { plugin: pl } = await createPluginLoader().fromFolder(path.join(REPO_ROOT, 'plugins', plugin));
  if (!pl) throw new Error(`plugin ${plugin} does not load`);
  return {
    login: sizeOf(dist, login),
    formPage: sizeOf(dist, formPage),
    recordPageSplit: recordPage.some((k) => k !== entry),
    pluginWhole: textBytes(pl.files),
    pluginOneForm: textBytes(formFiles(pl.files, form)),
    plugin,
    form,
  };
}

const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
export const formatBytes = (b: Bytes) =>
  `${kib(b.raw)} raw, ${kib(b.gzip)} gzip, ${kib(b.brotli)} brotli${b.files > 1 ? ` (${b.files} files)` : ''}`;

export function formatFirstLoad(r: Awaited<ReturnType<typeof firstLoadBytes>>): string[] {
  return [
    `first load, login page: ${formatBytes(r.login)}`,
    `first load, form page: ${formatBytes(r.formPage)}${r.recordPageSplit ? '' : ' (the record page is in the entry chunk)'}`,
    `  + its plugin download, ${r.plugin}/${r.form}: one form ${formatBytes(r.pluginOneForm)}; the whole plugin was ${formatBytes(r.pluginWhole)}`,
  ];
}
