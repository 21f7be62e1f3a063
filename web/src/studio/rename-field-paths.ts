// A field moved (or a section, with every field inside it) keeps what names it: the draft's files that read the
// form's data by the old path — JsonLogic `var`s (`data.…`, `current.data.…`, `earlier.<i>.data.…`, `refs./…`),
// `missing`/`missing_some` lists, and pointers under the keywords that hold one (a rule's `field`/`pointer`, the
// form's `subject`, `earlier.by`, `import.key`, columns' `pointer`, links naming this form…) — are rewritten to the
// new path, and fixtures' data moves with the field. One pure function over the files, for every move and rename.
import type { DraftFiles } from './studio-api';
import { formatJson, formsOf, parseFiles } from './draft-files';

type Json = any;

export type RefKind = 'rules' | 'fields' | 'settings' | 'workflows' | 'reports' | 'fixtures';

export interface PathRename {
  files: DraftFiles;
  /** How many rules, fields, settings, workflow steps, reports and fixture cases changed, by kind (none: absent). */
  changed: Partial<Record<RefKind, number>>;
  /** What changed, by kind: one name per rule, field, setting, step, report or case (to count several moves once). */
  units: Record<RefKind, string[]>;
  /** Rule files shared with another form that still has a field at the old path: left as they were. */
  shared: string[];
}

/** Keys whose string (or list of strings) value is a pointer into the form's data. */
const POINTER_KEYS = new Set(['pointer', 'field', 'subject', 'subjectTitle', 'by', 'key', 'keyOf', 'from']);

const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const pointerOf = (path: string[]) => path.map((k) => `/${escape(k)}`).join('');
const isObj = (v: unknown): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);

function renamer(from: string[], to: string[]) {
  const oldPtr = pointerOf(from);
  const newPtr = pointerOf(to);
  const oldDot = from.join('.');
  const newDot = to.join('.');
  const pointer = (s: string) => (s === oldPtr || s.startsWith(`${oldPtr}/`) ? newPtr + s.slice(oldPtr.length) : s);
  // The data path after the prefix that reads this form's data (the record's own, or an earlier record's).
  const dotted = (s: string) => {
    const m = /^(data\.|current\.data\.|earlier\.\d+\.data\.)(.*)$/.exec(s);
    if (m && (m[2] === oldDot || m[2].startsWith(`${oldDot}.`))) return m[1] + newDot + m[2].slice(oldDot.length);
    const r = /^refs\.(\/[^.]*)(.*)$/.exec(s);
    if (r && pointer(r[1]) !== r[1]) return `refs.${pointer(r[1])}${r[2]}`;
    return s;
  };
  return { pointer, dotted };
}

/** Told the JSON path (keys) of each reference rewritten. */
type Counter = (at: string[]) => void;

/** `value` with every reference rewritten; `hit` is told where each one was. */
function rewrite(value: Json, r: ReturnType<typeof renamer>, hit: Counter, opts: { pointers: boolean }): Json {
  const walk = (v: Json, at: string[], key: string | null, parent: Json): Json => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...at, String(i)], key, v));
    if (typeof v === 'string') {
      if (opts.pointers && key && POINTER_KEYS.has(key) && v.startsWith('/')) {
        // x-default's `field` with a `from` is a field of the referenced record, not of this form.
        if (key === 'field' && isObj(parent) && typeof parent.from === 'string') return v;
        const out = r.pointer(v);
        if (out !== v) hit(at);
        return out;
      }
      return v;
    }
    if (!isObj(v)) return v;
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) {
      const here = [...at, k];
      if (k === 'links' && isObj(x))
        out[k] = x; // they name fields of another form (rewritten with that form)
      else if (k === 'var') out[k] = varPath(x, r, () => hit(here));
      else if ((k === 'missing' || k === 'missing_some') && !isObj(x)) out[k] = missingList(k, x, r, () => hit(here));
      else out[k] = walk(x, here, k, v);
    }
    return out;
  };
  return walk(value, [], null, null);
}

function varPath(x: Json, r: ReturnType<typeof renamer>, hit: () => void): Json {
  const one = (s: Json) => {
    if (typeof s !== 'string') return s;
    const out = r.dotted(s);
    if (out !== s) hit();
    return out;
  };
  return Array.isArray(x) ? [one(x[0]), ...x.slice(1)] : one(x);
}

function missingList(k: string, x: Json, r: ReturnType<typeof renamer>, hit: () => void): Json {
  const names = (list: Json) => (Array.isArray(list) ? list.map((s) => varPath(s, r, hit)) : varPath(list, r, hit));
  if (k === 'missing') return names(x);
  return Array.isArray(x) ? [x[0], names(x[1]), ...x.slice(2)] : x;
}

/** A link declaration (a form's or a report's `links`) whose linking form is this one: its `by`, `join.field` and
 *  the `data.…` its conditions read are this form's. */
function rewriteLinks(links: Json, formId: string, r: ReturnType<typeof renamer>, hit: Counter): Json {
  if (!isObj(links) || links.form !== formId) return links;
  const { form, ...rest } = links;
  return { form, ...rewrite(rest, r, hit, { pointers: true }) };
}

function withLinks(value: Json, formId: string, r: ReturnType<typeof renamer>, hit: Counter): Json {
  if (Array.isArray(value)) return value.map((v) => withLinks(v, formId, r, hit));
  if (!isObj(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === 'links' ? rewriteLinks(v, formId, r, hit) : withLinks(v, formId, r, hit)]),
  );
}

function getAt(data: Json, path: string[]): { found: boolean; value?: Json } {
  let node = data;
  for (const k of path) {
    if (!isObj(node) || !(k in node)) return { found: false };
    node = node[k];
  }
  return { found: true, value: node };
}

/** `data` with the value at `from` moved to `to` (sections made on the way); unchanged where it has none. */
export function moveValue(data: Json, from: string[], to: string[]): Json {
  const { found, value } = getAt(data, from);
  if (!found || !isObj(data)) return data;
  const without = (node: Json, path: string[]): Json => {
    const [head, ...rest] = path;
    if (!rest.length) {
      const { [head]: _gone, ...left } = node;
      return left;
    }
    return { ...node, [head]: without(node[head], rest) };
  };
  const put = (node: Json, path: string[]): Json => {
    const [head, ...rest] = path;
    const here = isObj(node) ? node : {};
    return { ...here, [head]: rest.length ? put(here[head], rest) : value };
  };
  return put(without(data, from), to);
}

function hasField(schema: Json, path: string[]): boolean {
  let node = schema;
  for (const k of path) {
    node = isObj(node) && isObj(node.properties) ? node.properties[k] : undefined;
    if (!isObj(node)) return false;
  }
  return true;
}

/**
 * The draft's files after the field at `from` of form `formId` went to `to` (a move across sections, a section's
 * fields gathered into a new one, or a key renamed). The schema and UI schema themselves are the move's to write:
 * here only what names the field follows (the schema's own `x-when` and `x-default` included).
 */
export function renameFieldPaths(files: DraftFiles, formId: string, from: string[], to: string[]): PathRename {
  const { values } = parseFiles(files);
  const forms = formsOf(values);
  const form = forms.find((f) => f.id === formId);
  const shared: string[] = [];
  if (!form || from.join('.') === to.join('.')) return { files, changed: {}, units: count(emptyUnits()).units, shared };
  const r = renamer(from, to);
  const out: DraftFiles = { ...files };
  const units = emptyUnits();
  const write = (path: string, before: Json, after: Json) => {
    if (JSON.stringify(before) !== JSON.stringify(after)) out[path] = formatJson(after);
  };
  const json = (path: string | null): path is string => !!path && path.endsWith('.json') && path in values;

  for (const path of form.rules.filter(json)) {
    // A rule file another form reads too stays as it is while that form still has the field there.
    const others = forms.filter((f) => f.id !== formId && f.rules.includes(path));
    if (others.some((f) => f.schema && hasField(values[f.schema], from))) {
      shared.push(path);
      continue;
    }
    const v = values[path] as Json;
    // Counted by rule: `rules/<i>` (its id when it has one).
    const hit = (at: string[]) => units.rules.add(`${path}#${at[0] === 'rules' ? (v.rules[at[1]]?.id ?? at[1]) : at.join('/')}`);
    write(path, v, rewrite(v, r, hit, { pointers: true }));
  }
  if (json(form.schema)) {
    // Counted by field: the schema node holding the x-when or x-default.
    const hit = (at: string[]) => {
      const i = at.findIndex((k) => k === 'x-when' || k === 'x-default');
      units.fields.add((i < 0 ? at : at.slice(0, i)).join('/'));
    };
    write(form.schema, values[form.schema], rewrite(values[form.schema], r, hit, { pointers: true }));
  }
  const manifest = values['plugin.json'];
  if (!isObj(manifest) || !Array.isArray(manifest.forms)) return { files: out, ...count(units), shared };
  const settings = (at: string[]) => units.settings.add(at.join('/'));
  const entry = manifest.forms.find((f: Json) => isObj(f) && f.id === formId);
  const next = {
    ...manifest,
    forms: manifest.forms.map((f: Json, i: number) => {
      const linked = withLinks(f, formId, r, (at) => settings([String(i), ...at]));
      if (f !== entry) return linked;
      // ranking.by points into results, not data.
      const { ranking, ...rest } = linked;
      const done = rewrite(rest, r, (at) => settings([String(i), ...at]), { pointers: true });
      return ranking === undefined ? done : { ...done, ranking };
    }),
  };
  write('plugin.json', manifest, next);
  for (const [path, v] of Object.entries(values)) {
    if (!path.endsWith('.json') || !isObj(v)) continue;
    if (path.startsWith('workflows/') && v.id === entry?.workflow) {
      // Counted by step: `transitions/<i>`.
      const hit = (at: string[]) => units.workflows.add(`${path}#${at.slice(0, 2).join('/')}`);
      write(path, v, rewrite(v, r, hit, { pointers: false }));
    } else if (path.startsWith('reports/')) {
      const hit = () => units.reports.add(path);
      const linked = withLinks(v, formId, r, hit);
      write(path, v, isObj(v.source) && v.source.form === formId ? rewrite(linked, r, hit, { pointers: true }) : linked);
    } else if (v.form === formId && Array.isArray(v.cases)) {
      write(
        path,
        v,
        fixtureMoved(v, from, to, r, (unit) => units.fixtures.add(`${path}#${unit}`)),
      );
    }
  }
  return { files: out, ...count(units), shared };
}

const emptyUnits = (): Record<RefKind, Set<string>> => ({
  rules: new Set(),
  fields: new Set(),
  settings: new Set(),
  workflows: new Set(),
  reports: new Set(),
  fixtures: new Set(),
});

function count(sets: Record<RefKind, Set<string>>) {
  const changed: Partial<Record<RefKind, number>> = {};
  const units = {} as Record<RefKind, string[]>;
  for (const k of Object.keys(sets) as RefKind[]) {
    units[k] = [...sets[k]];
    if (sets[k].size) changed[k] = sets[k].size;
  }
  return { changed, units };
}

/** A fixture file with the field's value moved in `base`, each case's `input` and `earlier` records, and its
 *  pointer renamed in the expected schema errors. Counted by case (`base` once). */
function fixtureMoved(file: Json, from: string[], to: string[], r: ReturnType<typeof renamer>, hit: (unit: string) => void): Json {
  const moved = (data: Json, unit: string) => {
    const next = moveValue(data, from, to);
    if (next !== data) hit(unit);
    return next;
  };
  const cases = file.cases.map((c: Json, i: number) => {
    if (!isObj(c)) return c;
    const next: Json = { ...c };
    if (isObj(c.input)) next.input = moved(c.input, String(i));
    if (Array.isArray(c.earlier)) next.earlier = c.earlier.map((e: Json) => (isObj(e) ? { ...e, data: moved(e.data, String(i)) } : e));
    const errors = c.expected?.errors;
    if (Array.isArray(errors)) {
      const renamed = errors.map((p: Json) => (typeof p === 'string' ? r.pointer(p) : p));
      if (renamed.some((p: Json, j: number) => p !== errors[j])) hit(String(i));
      next.expected = { ...c.expected, errors: renamed };
    }
    return next;
  });
  return { ...file, ...(isObj(file.base) ? { base: moved(file.base, 'base') } : {}), cases };
}

const KIND_ZH: Record<RefKind, string> = {
  rules: '条规则',
  fields: '个字段的显示条件或默认值',
  settings: '处表单设置',
  workflows: '个流程步骤',
  reports: '个报表',
  fixtures: '个测试用例',
};
const KIND_EN: Record<RefKind, string> = {
  rules: 'rule(s)',
  fields: "field(s)' conditions or defaults",
  settings: 'form setting(s)',
  workflows: 'workflow step(s)',
  reports: 'report(s)',
  fixtures: 'fixture case(s)',
};

/** "已更新 3 条规则、1 个报表中的引用" and its English, or null when nothing named the field. */
export function renameSummary(changed: PathRename['changed']): { 'zh-CN': string; en: string } | null {
  const kinds = (Object.keys(KIND_ZH) as RefKind[]).filter((k) => changed[k]);
  if (!kinds.length) return null;
  return {
    'zh-CN': `已更新 ${kinds.map((k) => `${changed[k]} ${KIND_ZH[k]}`).join('、')}中的引用`,
    en: `References updated in ${kinds.map((k) => `${changed[k]} ${KIND_EN[k]}`).join(', ')}`,
  };
}
