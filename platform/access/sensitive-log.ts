// The access log of sensitive fields: every time a user with the right is shown sensitive values in full — a record,
// its history, a list page, a report or its download — the admin audit log gets who, when and which records or
// report (actions sensitive.view and sensitive.export, read with GET /api/audit?action=sensitive.). Written on the
// caller's executor, so a view inside a transaction is logged with it.
import { appendAudit } from '../audit/audit-log';
import type { Executor } from '../store/schema';
import type { Principal } from './principal';
import { hasSensitiveValue, type SensitiveFields } from './sensitive-access';

export type ViewedThrough = 'record' | 'history' | 'list' | 'ranking' | 'marks';

/** Logs a full view of records (those holding a sensitive value); nothing when none does. */
export async function logFullView(
  ex: Executor,
  p: Principal,
  sensitive: SensitiveFields | undefined,
  rows: readonly { id: string; orgPath: string; data: unknown }[],
  via: ViewedThrough,
  address: string | null = null,
): Promise<void> {
  const shown = rows.filter((r) => hasSensitiveValue(sensitive, r.data));
  if (shown.length === 0) return;
  await logRecordsShown(ex, p, shown, via, address);
}

/** Logs records whose sensitive values were shown in full (the caller knows that they were). */
export async function logRecordsShown(
  ex: Executor,
  p: Principal,
  rows: readonly { id: string; orgPath: string }[],
  via: ViewedThrough,
  address: string | null = null,
): Promise<void> {
  if (rows.length === 0) return;
  await appendAudit(ex, {
    actor: p,
    action: 'sensitive.view',
    target: rows.length === 1 ? { type: 'record', id: rows[0].id } : undefined,
    details: { via, records: rows.map((r) => r.id) },
    orgPaths: rows.map((r) => r.orgPath),
    address,
  });
}

/** Logs a report shown or downloaded with sensitive values in full. */
export async function logReportShown(
  ex: Executor,
  p: Principal,
  report: string,
  format: string,
  query: unknown,
  orgPaths: readonly string[],
  address: string | null,
): Promise<void> {
  await appendAudit(ex, {
    actor: p,
    action: 'sensitive.export',
    target: { type: 'report', id: report },
    details: { format, query: query ?? {} },
    orgPaths: [...orgPaths],
    address,
  });
}
