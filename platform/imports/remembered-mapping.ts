// Mappings a user fixed, remembered for the next file of the same shape. Kept per office (the importing user's
// first scope path), not per user: the clerks of one office fill the same ledger template, so one clerk's fix
// serves the next, and the preview says whose mapping it applied and when, so nobody is surprised by it.
import { createHash } from 'node:crypto';
import type { Principal } from '../access/principal';
import type { Executor } from '../store/schema';
import { appendAudit } from '../audit/audit-log';
import { findImportMapping, saveImportMapping, type RememberedMapping } from '../store/import-mappings-store';
import { normHeader } from './column-map';

/** The file's shape: a hash of its header cells as they compare (NFKC, no spaces, lower case), in order. */
export function headerSignature(header: string[]): string {
  return createHash('sha256')
    .update(JSON.stringify(header.map(normHeader)))
    .digest('hex')
    .slice(0, 32);
}

/** The office a mapping is kept for; null for a user without units (who cannot import anyway). */
export const mappingOrgPath = (p: Principal): string | null => p.scopePaths[0] ?? null;

/** The per-column overrides as stored: {"<index>": target}, only the columns the user set. */
export function overridesAsMapping(overrides: (string | null | undefined)[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  overrides.forEach((o, i) => {
    if (o !== undefined) out[String(i)] = o;
  });
  return out;
}

/** Saves (in the import's transaction) and audits the mapping of an import that committed. */
export async function rememberMapping(
  tx: Executor,
  principal: Principal,
  target: { pluginId: string; formId: string; header: string[]; overrides: (string | null | undefined)[] },
): Promise<void> {
  const orgPath = mappingOrgPath(principal);
  const mapping = overridesAsMapping(target.overrides);
  if (!orgPath || !Object.keys(mapping).length) return;
  const signature = headerSignature(target.header);
  await saveImportMapping(tx, {
    pluginId: target.pluginId,
    formId: target.formId,
    orgPath,
    signature,
    header: target.header,
    mapping,
    savedBy: principal.user.id,
  });
  await appendAudit(tx, {
    actor: principal,
    action: 'import_mapping.remember',
    target: { type: 'import_mapping', id: `${target.pluginId}/${target.formId}/${signature}` },
    details: { mapping, header: target.header },
    orgPaths: [orgPath],
  });
}

export async function rememberedMapping(
  ex: Executor,
  principal: Principal,
  target: { pluginId: string; formId: string; header: string[] },
): Promise<RememberedMapping | null> {
  return findImportMapping(ex, {
    pluginId: target.pluginId,
    formId: target.formId,
    signature: headerSignature(target.header),
    orgPaths: principal.scopePaths,
  });
}
