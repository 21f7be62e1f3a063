// The Node.js versions Hezuo supports are the `engines.node` range of package.json (tested in CI on each).
// Starting on another version is allowed — npm only warns too — but said once, plainly, at start.
import { readFileSync } from 'node:fs';
import semver from 'semver';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
export const SUPPORTED_NODE: string = pkg.engines.node;

/** A sentence for the operator when this Node.js is outside the supported range; undefined when it is inside. */
export function unsupportedNodeWarning(version: string = process.version): string | undefined {
  if (semver.satisfies(version, SUPPORTED_NODE)) return undefined;
  return `Node.js ${version} is not supported (supported: ${SUPPORTED_NODE}); it may work, but it is not tested. Install a supported LTS release.`;
}
