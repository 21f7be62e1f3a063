// Load-time checks of a form's `import` declaration beyond its meta-schema: the key and column pointers name
// fields, an update import has a key to match by and names states of the form's workflow, and every value alias
// targets a value the field allows — so a typo in plugin.json is refused at load, not on the first quarterly file.
import { detail, type ErrorDetail } from '../errors';
import type { FormManifest, WorkflowDefinition } from './types';
import { decodePointer, schemaHasPointer } from './schema-walk';

type Schema = Record<string, any>;

/** The sub-schema at a data pointer through `properties` only (import columns are leaves of objects). */
export function schemaAt(schema: Schema, pointer: string): Schema | undefined {
  let node: Schema | undefined = schema;
  for (const seg of decodePointer(pointer)) {
    const props: unknown = node?.properties;
    if (!props || typeof props !== 'object' || !Object.prototype.hasOwnProperty.call(props, seg)) return undefined;
    node = (props as Schema)[seg];
  }
  return node;
}

/** The values a field (or, for a list, each item) allows: its enum, or for a boolean true/false; null when open. */
function allowedValues(field: Schema): unknown[] | null {
  const leaf = field.type === 'array' && field.items && typeof field.items === 'object' ? field.items : field;
  if (Array.isArray(leaf.enum)) return leaf.enum;
  const types = Array.isArray(leaf.type) ? leaf.type : [leaf.type];
  if (types.includes('boolean')) return [true, false];
  return null;
}

export function checkImportDeclaration(
  manifest: FormManifest,
  schema: Schema,
  workflow: WorkflowDefinition | null,
  at: string,
  file: string,
  formIds: ReadonlySet<string>,
): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const decl = manifest.import;
  if (!decl) return errors;
  const noField = (ptr: string, p: string) =>
    errors.push(detail(`${at}/import/${ptr}`, `表单中没有字段 ${p}`, `The form has no field ${p}`, { file }));
  (decl.key ?? []).forEach((p, i) => {
    if (!schemaHasPointer(schema, p)) noField(`key/${i}`, p);
  });
  (decl.columns ?? []).forEach((c, i) => {
    if (!schemaHasPointer(schema, c.pointer)) return noField(`columns/${i}/pointer`, c.pointer);
    const refForm = schemaAt(schema, c.pointer)?.['x-ref']?.form;
    if (c.keyOf !== undefined && !formIds.has(c.keyOf))
      errors.push(detail(`${at}/import/columns/${i}/keyOf`, `表单不存在:${c.keyOf}`, `No form ${c.keyOf} in this plugin`, { file }));
    else if (c.keyOf !== undefined && refForm !== undefined && refForm !== c.keyOf)
      errors.push(
        detail(
          `${at}/import/columns/${i}/keyOf`,
          `字段 ${c.pointer} 引用表单 ${refForm},不是 ${c.keyOf}`,
          `Field ${c.pointer} refers to form ${refForm}, not ${c.keyOf}`,
          { file },
        ),
      );
    if (c.item !== undefined) {
      const list = schemaAt(schema, c.pointer);
      const items = list?.type === 'array' && list.items && typeof list.items === 'object' ? (list.items as Schema) : undefined;
      if (!items || !schemaAt(items, c.item))
        errors.push(
          detail(
            `${at}/import/columns/${i}/item`,
            `${c.pointer} 不是对象列表,或其中没有字段 ${c.item}`,
            `${c.pointer} is not a list of objects with a field ${c.item}`,
            { file },
          ),
        );
    }
    if (!c.aliases) return;
    const field = schemaAt(schema, c.pointer);
    const allowed = field ? allowedValues(field) : null;
    for (const [text, value] of Object.entries(c.aliases)) {
      const ok = allowed ? allowed.some((v) => v === value) : typeof value === 'string';
      if (!ok)
        errors.push(
          detail(
            `${at}/import/columns/${i}/aliases/${text.replace(/~/g, '~0').replace(/\//g, '~1')}`,
            `别名“${text}”对应的值 ${JSON.stringify(value)} 不是字段 ${c.pointer} 允许的值`,
            `Alias "${text}" stands for ${JSON.stringify(value)}, which field ${c.pointer} does not allow`,
            { file },
          ),
        );
    }
  });
  (decl.tables ?? []).forEach((tb, i) => {
    const list = schemaAt(schema, tb.pointer);
    const items = list?.type === 'array' && list.items?.type === 'object' ? (list.items as Schema) : undefined;
    if (!items)
      return errors.push(
        detail(`${at}/import/tables/${i}/pointer`, `${tb.pointer} 不是表格字段(对象列表)`, `${tb.pointer} is not a table field (a list of objects)`, {
          file,
        }),
      );
    (tb.columns ?? []).forEach((c, j) => {
      if (!schemaAt(items, c.pointer))
        errors.push(
          detail(`${at}/import/tables/${i}/columns/${j}/pointer`, `表格 ${tb.pointer} 的行中没有字段 ${c.pointer}`, `Rows of ${tb.pointer} have no field ${c.pointer}`, {
            file,
          }),
        );
    });
  });
  if (decl.update) {
    const hasKey = !!decl.key?.length || (manifest.uniquePer === 'subject' && !!manifest.subject);
    if (!hasKey)
      errors.push(
        detail(
          `${at}/import/update`,
          '更新导入需要匹配记录的关键字段(import.key,或按对象唯一的表单的 subject)',
          'An update import needs a key to match records by (import.key, or the subject of a form unique per subject)',
          { file },
        ),
      );
    (decl.update.states ?? []).forEach((s, i) => {
      if (!workflow?.states.has(s))
        errors.push(
          detail(`${at}/import/update/states/${i}`, `工作流中没有状态 ${s}`, `The workflow has no state ${s}`, { file }),
        );
    });
  }
  return errors;
}
