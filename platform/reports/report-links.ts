// A report's links (source.links): records of another form that name each source record in an x-ref field, with
// the record they in turn name (join) — two hops of references — counted per source record under named
// conditions. Checked against the plugin's forms and compiled once per plugin version; problems carry a pointer.
import { text, type ErrorDetail } from '../errors';
import { touchesSensitive } from '../access/mask-sensitive';
import { decodePointer } from '../plugins/schema-walk';
import type { FormDefinition } from '../plugins/types';
import { Refusal, asCondition, translateLogic, type VarResolver } from './translate-logic';
import { recordVars } from './report-vars';
import type { Expr, JsonSource, LinkColumn, LinkJsonSource, PlanLinks, ReportLinks, RowColumn, SqlType } from './types';

const LINK_SOURCES: Partial<Record<JsonSource, LinkJsonSource>> = {
  data: 'link.data',
  results: 'link.results',
  workflow: 'link.workflow',
  'ref.data': 'link.ref.data',
  'ref.results': 'link.ref.results',
  'ref.workflow': 'link.ref.workflow',
};
// Not subject nor orgUnit: a link condition is about the link, and a subject may be masked.
const LINK_COLUMNS: Partial<Record<RowColumn, LinkColumn>> = {
  id: 'link.id',
  state: 'link.state',
  period: 'link.period',
  subjectTitle: 'link.subjectTitle',
  'ref.id': 'link.ref.id',
  'ref.state': 'link.ref.state',
  'ref.subjectTitle': 'link.ref.subjectTitle',
};

/** What a link condition reads: the linking record as data.…, its joined record as ref.…, and params.… */
function linkVars(
  schema: FormDefinition['schema'],
  refSchema: FormDefinition['schema'] | undefined,
  params: Readonly<Record<string, SqlType>>,
): VarResolver {
  const inner = recordVars({ schema, refSchema, params });
  return (path, pointer): Expr => {
    const e = inner(path, pointer);
    if (e.k === 'field' && LINK_SOURCES[e.source]) return { ...e, source: LINK_SOURCES[e.source]! };
    if (e.k === 'column' && LINK_COLUMNS[e.column]) return { ...e, column: LINK_COLUMNS[e.column]! };
    if (e.k === 'param' || e.k === 'today' || e.k === 'lit') return e;
    throw new Refusal(pointer, text(`链接条件不能读取 ${path}`, `A link condition cannot read ${path}`));
  };
}

/** Whether a link condition reads a sensitive field: a count under it could tell the value, so it is refused. */
function readsSensitive(e: Expr, linkForm: FormDefinition, joined: FormDefinition | undefined): boolean {
  if (e.k === 'field') {
    const decl = e.source === 'link.data' ? linkForm.sensitive : e.source === 'link.ref.data' ? joined?.sensitive : undefined;
    return !!decl && touchesSensitive(decl.fields, e.path);
  }
  if (e.k === 'column' && (e.column === 'link.subjectTitle' || e.column === 'link.ref.subjectTitle')) {
    const decl = e.column === 'link.subjectTitle' ? linkForm.sensitive : joined?.sensitive;
    return !!decl?.subjectTitle;
  }
  return Object.values(e).some((v) =>
    Array.isArray(v)
      ? v.some((x) =>
          Array.isArray(x)
            ? x.some((y) => isExpr(y) && readsSensitive(y, linkForm, joined))
            : isExpr(x) && readsSensitive(x, linkForm, joined),
        )
      : isExpr(v) && readsSensitive(v, linkForm, joined),
  );
}
const isExpr = (v: unknown): v is Expr => !!v && typeof v === 'object' && typeof (v as { k?: unknown }).k === 'string';

export function buildLinks(
  file: string,
  links: ReportLinks,
  sourceForm: string,
  forms: ReadonlyMap<string, FormDefinition>,
  params: Readonly<Record<string, SqlType>>,
  errors: ErrorDetail[],
  // Where the declaration sits and the code its problems carry: a report's source, or a form's links (form-links.ts).
  where: { at: string; code: string } = { at: '/source/links', code: 'REPORT_INVALID' },
): { plan: PlanLinks | null; names: ReadonlyMap<string, number> } {
  const { at: AT, code } = where;
  const fail = (pointer: string, zh: string, en: string) => errors.push({ pointer, message: text(zh, en), file, code });
  const names = new Map(Object.keys(links.count).map((n, i) => [n, i] as const));
  const form = forms.get(links.form);
  if (!form) {
    fail(`${AT}/form`, `表单不存在:${links.form}`, `No form ${links.form} in this plugin`);
    return { plan: null, names };
  }
  const by = form.references.find((r) => r.pointer === links.by);
  if (!by || by.form !== sourceForm) {
    fail(
      `${AT}/by`,
      `${links.by} 不是 ${links.form} 指向 ${sourceForm} 的引用字段(x-ref)`,
      `${links.by} is not an x-ref field of ${links.form} naming a ${sourceForm}`,
    );
  }
  let join: PlanLinks['join'] = null;
  let joined: FormDefinition | undefined;
  if (links.join) {
    const ref = form.references.find((r) => r.pointer === links.join!.field);
    if (!ref)
      fail(
        `${AT}/join/field`,
        `${links.join.field} 不是 ${links.form} 的引用字段(x-ref)`,
        `${links.join.field} is not an x-ref field of ${links.form}`,
      );
    else {
      joined = forms.get(ref.form);
      join = { path: Object.freeze(decodePointer(ref.pointer)), form: ref.form };
    }
  }
  const resolve = linkVars(form.schema, joined?.schema, params);
  const counts: Expr[] = [];
  for (const [name, logic] of Object.entries(links.count)) {
    const at = `${AT}/count/${name}`;
    try {
      const e = asCondition(translateLogic(logic, at, resolve));
      if (readsSensitive(e, form, joined)) fail(at, '链接条件不能读取敏感字段', 'A link condition cannot read a sensitive field');
      counts.push(e);
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      errors.push({ pointer: e.pointer, message: e.reason, file, code });
    }
  }
  if (!by || counts.length !== names.size) return { plan: null, names };
  return { plan: { form: links.form, by: Object.freeze(decodePointer(links.by)), join, counts }, names };
}
