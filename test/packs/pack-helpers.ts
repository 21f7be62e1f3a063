// Packs for the tests: the neutral test plugin's files as read, a well-formed container of them, and raw gzip of
// any text, so a test can change one thing of a valid pack and see exactly that refused.
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { folderSource, readPluginFiles } from '../../platform/plugins/read-folder';
import { canonicalJson, packContainer, writePack, type PackContainer, type PackOptions } from '../../platform/packs';
import { TEST_PLUGINS } from '../helpers/paths';

export const DEMO_DIR = path.join(TEST_PLUGINS, 'registry-demo');

/** The test plugin's files as text, keyed by path. */
export async function demoTexts(): Promise<Record<string, string>> {
  const { texts, errors } = await readPluginFiles(folderSource(DEMO_DIR));
  if (errors.length) throw new Error(JSON.stringify(errors));
  return texts;
}

/** A valid container of these texts (hashes and signature right), to be changed by the test. */
export function containerOf(texts: Record<string, string>, opts: PackOptions = {}): PackContainer {
  const pj = JSON.parse(texts['plugin.json']) as { id: string; version: string; platform: string };
  return packContainer(texts, pj, opts);
}

export const packOf = (texts: Record<string, string>, opts: PackOptions = {}) => writePack(containerOf(texts, opts));

/** gzip of a container written canonically (the hostile shape is the test's), or of raw text/bytes. */
export function gzipOf(content: unknown): Buffer {
  if (typeof content === 'string' || Buffer.isBuffer(content)) return gzipSync(content, { level: 9 });
  return gzipSync(canonicalJson(content), { level: 9 });
}

/** A deep copy to change freely. */
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
