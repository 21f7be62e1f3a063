// A form's links: records of another form naming each record, counted on a date when one record is read
// (GET /api/records/:id/links), with the same shape, checks and SQL as a report's source.links (report-links.ts),
// and the status shown from those counts: the first `linkStatus` entry whose `when` holds, run by the rule engine.
// Nothing is stored: a change of a linking record changes the answer without anyone editing the record.
import { detail, type ErrorDetail } from '../errors';
import type { RuleEngine } from '../rules';
import { buildLinks } from '../reports/report-links';
import { compileLogic } from './build-form';
import { MANIFEST_FILE, type CompiledFormLinks, type FormDefinition, type FormManifest } from './types';

/** What a link condition reads besides the linking records: the day asked for. */
const LINK_PARAMS = Object.freeze({ on: 'text' as const });

/** Every `var` name a logic reads (string or [name, default] form); other operands are walked. */
function varsOf(logic: unknown, out: string[] = []): string[] {
  if (Array.isArray(logic)) logic.forEach((x) => varsOf(x, out));
  else if (logic && typeof logic === 'object') {
    for (const [op, arg] of Object.entries(logic)) {
      if (op === 'var') {
        const name = Array.isArray(arg) ? arg[0] : arg;
        if (typeof name === 'string' || typeof name === 'number') out.push(String(name));
        else varsOf(arg, out);
      } else varsOf(arg, out);
    }
  }
  return out;
}

export function buildFormLinks(
  manifests: readonly FormManifest[],
  forms: ReadonlyMap<string, FormDefinition>,
  engine: RuleEngine,
): { formLinks: Map<string, CompiledFormLinks>; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const formLinks = new Map<string, CompiledFormLinks>();
  manifests.forEach((m, i) => {
    const at = `/forms/${i}`;
    if (!m.links) {
      if (m.linkStatus)
        errors.push(detail(`${at}/linkStatus`, 'linkStatus 需要表单声明 links', 'linkStatus needs the form to declare links', { file: MANIFEST_FILE, code: 'PLUGIN_INVALID' }));
      return;
    }
    // One root error: a form (this one or the linking one) that failed to build has its own error already.
    const failed = (id: string) => !forms.has(id) && manifests.some((f) => f.id === id);
    if (failed(m.id) || failed(m.links.form)) return;
    const before = errors.length;
    const { plan, names } = buildLinks(MANIFEST_FILE, m.links, m.id, forms, LINK_PARAMS, errors, { at: `${at}/links`, code: 'PLUGIN_INVALID' });
    const status: CompiledFormLinks['status'][number][] = [];
    (m.linkStatus ?? []).forEach((s, j) => {
      const where = `${at}/linkStatus/${j}/when`;
      const unknown = varsOf(s.when).filter((v) => !(v.startsWith('links.') && names.has(v.slice('links.'.length))));
      if (unknown.length) {
        errors.push(
          detail(where, `只能读取已声明的 links.<名称>:${unknown.join(', ')}`, `Only declared links.<name> can be read: ${unknown.join(', ')}`, {
            file: MANIFEST_FILE,
            code: 'PLUGIN_INVALID',
          }),
        );
        return;
      }
      const when = compileLogic(engine, s.when, MANIFEST_FILE, where, errors);
      if (when) status.push({ id: s.id, title: s.title, when });
    });
    if (plan && errors.length === before) formLinks.set(m.id, Object.freeze({ plan, names: [...names.keys()], status }));
  });
  return { formLinks, errors };
}
