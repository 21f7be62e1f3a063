// The names a condition of the structured rule editor can pick, each with the kind of value it compares with: the
// form's fields (`data.…`, typed by their schema, choices by their enum labels), the plugin's parameters
// (`params.…`, typed by parameters.schema.json), the form's x-ref fields (`refs.<pointer>.state`), compute rules
// (`computed.<id>`) and classify rules (`results.classes.<id>`, choices from the rule's code list). Only names the
// loader accepts (platform/plugins/check-rule-fields.ts) are offered, so a pick is never an unknown field.
import type { KnownNames } from '../../../platform/plugins/check-rule-fields';
import { fieldTree, type TreeNode } from './schema-edit';
import type { Primitive } from './logic-tree';

export type ValueType = 'number' | 'integer' | 'date' | 'boolean' | 'text' | 'choice' | 'any';
export type Lang = 'zh-CN' | 'en';

export interface NameChoice {
  name: string;
  label: string;
  type: ValueType;
  choices?: { value: Primitive; label: string }[];
}

type Schema = Record<string, any>;
const isObj = (v: unknown): v is Schema => !!v && typeof v === 'object' && !Array.isArray(v);
const textOf = (t: unknown, lang: Lang): string | undefined =>
  typeof t === 'string' ? t : isObj(t) ? (t[lang] ?? t['zh-CN'] ?? undefined) : undefined;

/** The value type of a property schema, and its choices (enum with enumNames, or oneOf/anyOf consts). */
export function valueTypeOf(s: Schema, lang: Lang): Pick<NameChoice, 'type' | 'choices'> | null {
  if (Array.isArray(s.enum) && s.enum.length) {
    const names = Array.isArray(s.enumNames) ? s.enumNames : [];
    return { type: 'choice', choices: s.enum.map((v: Primitive, i: number) => ({ value: v, label: textOf(names[i], lang) ?? String(v) })) };
  }
  const alts = s.oneOf ?? s.anyOf;
  if (Array.isArray(alts) && alts.length && alts.every((a) => isObj(a) && 'const' in a))
    return { type: 'choice', choices: alts.map((a) => ({ value: a.const, label: textOf(a.title, lang) ?? String(a.const) })) };
  if (s.type === 'number' || s.type === 'integer' || s.type === 'boolean') return { type: s.type };
  if (s.type === 'string') return { type: s.format === 'date' ? 'date' : 'text' };
  return null; // lists, objects, attachments: compared by rules the tree keeps as text
}

function formFields(schema: Schema, lang: Lang): NameChoice[] {
  const out: NameChoice[] = [];
  const walk = (nodes: TreeNode[], titles: string[]) => {
    for (const n of nodes) {
      const title = textOf(n.schema.title, lang) ?? n.path[n.path.length - 1];
      if (n.section) walk(n.children, [...titles, title]);
      else {
        const t = valueTypeOf(n.schema, lang);
        if (t) out.push({ name: `data.${n.path.join('.')}`, label: [...titles, title].join(' / '), ...t });
      }
    }
  };
  walk(fieldTree(schema), []);
  return out;
}

interface CodeListFile {
  id?: unknown;
  items?: { code?: unknown; label?: unknown }[];
}

/** Items of the code lists the manifest names, by list id. */
function codeLists(values: Record<string, unknown>, lang: Lang): Map<string, { value: Primitive; label: string }[]> {
  const paths = (values['plugin.json'] as { codeLists?: unknown } | undefined)?.codeLists;
  const out = new Map<string, { value: Primitive; label: string }[]>();
  for (const p of Array.isArray(paths) ? paths : []) {
    const list = values[p] as CodeListFile | undefined;
    if (!isObj(list) || typeof list.id !== 'string' || !Array.isArray(list.items)) continue;
    const items = list.items.filter((i) => isObj(i) && (typeof i.code === 'string' || typeof i.code === 'number'));
    out.set(
      list.id,
      items.map((i) => ({ value: i.code as Primitive, label: `${textOf(i.label, lang) ?? ''} (${String(i.code)})` })),
    );
  }
  return out;
}

/** Everything a condition may name in this form's rules, fields first. */
export function nameChoices(input: {
  schema: Schema | null;
  /** The draft's files, parsed (parseFiles().values). */
  values: Record<string, unknown>;
  /** The rules of the form's rule files, as parsed. */
  rules: Schema[];
  known: KnownNames;
  lang: Lang;
}): NameChoice[] {
  const { schema, values, rules, known, lang } = input;
  const out = schema ? formFields(schema, lang) : [];
  const manifest = values['plugin.json'] as { parameters?: unknown } | undefined;
  const params = typeof manifest?.parameters === 'string' ? (values[manifest.parameters] as Schema | undefined) : undefined;
  for (const name of known.params ?? []) {
    const s = isObj(params?.properties?.[name]) ? params.properties[name] : {};
    out.push({ name: `params.${name}`, label: textOf(s.title, lang) ?? name, ...(valueTypeOf(s, lang) ?? { type: 'any' }) });
  }
  for (const pointer of known.refs ?? []) out.push({ name: `refs.${pointer}.state`, label: `${pointer} state`, type: 'text' });
  const lists = codeLists(values, lang);
  for (const r of rules) {
    if (typeof r.id !== 'string') continue;
    const label = textOf(r.title, lang) ?? r.id;
    if (r.kind === 'compute' && known.computed?.has(r.id)) out.push({ name: `computed.${r.id}`, label, type: 'any' });
    if (r.kind === 'classify' && known.classes?.has(r.id)) {
      const choices = typeof r.codeList === 'string' ? lists.get(r.codeList) : undefined;
      out.push({ name: `results.classes.${r.id}`, label, ...(choices ? { type: 'choice' as const, choices } : { type: 'text' as const }) });
    }
  }
  return out;
}
