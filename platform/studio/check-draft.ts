// "Check" in the studio: the draft's pack through the pack dry run of this server (the loader, the meta-schemas,
// dependencies, a version already installed with other content, the fixtures under this server's parameter
// values), read only. Errors come as the dry run's details (file and pointer); each fixture case with its
// differences. `ok`: the plugin loads and would install, and every fixture passes.
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { requireAdmin } from '../access/principal';
import { HezuoError, detail, type ErrorDetail } from '../errors';
import { dryRun, type DryRunReport } from '../packs/dry-run';
import type { FixtureDifference } from '../fixtures/run-fixtures';
import { draftPack } from './draft-pack';
import { draftRow } from './drafts';

export interface FixtureCaseResult {
  file: string;
  name: string;
  passed: boolean;
  differences: FixtureDifference[];
}

export interface DraftCheck {
  ok: boolean;
  errors: ErrorDetail[];
  fixtures: { cases: FixtureCaseResult[]; passed: number; failed: number } | null;
}

/** Every error carries a code: its own, or the refusal's. */
const coded = (errors: ErrorDetail[], code: string) => errors.map((e) => ({ ...e, code: e.code ?? code }));

function fixturesOf(report: DryRunReport): DraftCheck['fixtures'] {
  const f = report.fixtures;
  if (!f) return null;
  const cases = f.cases.map((c) => ({ file: c.suite, name: c.description, passed: c.mismatches.length === 0, differences: c.differences }));
  return { cases, passed: f.passed, failed: f.failed };
}

export async function checkDraft(ctx: PlatformContext, principal: Principal, id: string): Promise<DraftCheck> {
  requireAdmin(principal);
  const row = await draftRow(ctx.db, id);
  const pack = await draftPack(row);
  if ('errors' in pack) return { ok: false, errors: coded(pack.errors, 'PLUGIN_INVALID'), fixtures: null };
  let report: DryRunReport;
  try {
    report = await dryRun(ctx, pack.bytes, { impact: false });
  } catch (e) {
    // The stored parameter values no longer fit the draft's parameter schema, and the like: an authoring error.
    if (!(e instanceof HezuoError)) throw e;
    const errors = e.details.length ? e.details : [detail('', e.localMessage['zh-CN'], e.localMessage.en)];
    return { ok: false, errors: coded(errors, e.code), fixtures: null };
  }
  const errors = report.refusal ? coded(report.refusal.details, report.refusal.code) : [];
  const fixtures = fixturesOf(report);
  return { ok: errors.length === 0 && (fixtures?.failed ?? 0) === 0, errors, fixtures };
}
