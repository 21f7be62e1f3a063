// `hezuo audit verify`: re-computes both audit hash chains and reports the first broken link (exit 1) or
// "ok N rows" (exit 0). Reading is all it needs, so it runs as the application's role like the server.
import { configFromEnv } from '../boot/config';
import { openPlatform } from '../boot/open-platform';
import { verifyAuditChains } from '../store/audit-store';

export async function auditVerifyCommand(out: (line: string) => void): Promise<number> {
  const platform = await openPlatform({ ...configFromEnv(), seedFile: null }, { withoutPlugins: true });
  try {
    const { rows, broken } = await verifyAuditChains(platform.ctx.db);
    if (broken) {
      const where = broken.recordId ? ` (record ${broken.recordId})` : '';
      out(`broken: ${broken.table} id ${broken.id}${where}: ${broken.field} expected ${broken.expected}, found ${broken.found}`);
      return 1;
    }
    out(`ok ${rows.admin_audit + rows.audit_events} rows (admin_audit ${rows.admin_audit}, audit_events ${rows.audit_events})`);
    return 0;
  } finally {
    await platform.close();
  }
}
