// The column picker of the queue: any field of the chosen form (GET /api/plugins/{plugin}/forms/{form}/columns,
// leaf fields with their titles) becomes a column of the table; values are shown as values (是/否, lists joined,
// numbers with separators). Without a chosen form there is nothing to pick from, and the picker says so.
import { useEffect, useState } from 'react';
import { Form, Select } from 'antd';
import { api } from '../../api';
import { useI18n, type LocalText } from '../../i18n';
import { useTexts } from '../../texts';
import { VALUE_TEXTS, formatValue } from '../../values/format-value';

export interface FormField {
  pointer: string;
  title: LocalText;
  path: LocalText;
  kind: 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'list' | 'attachment';
  unit: string | null;
  decimals: number | null;
  labels: Record<string, string> | null;
}

const TEXTS = {
  columns: ['显示列', 'Columns'],
  pickForm: ['先选择表单', 'Choose a form first'],
  ...VALUE_TEXTS,
} as const;

/** The fields of `form` ('plugin/form'); empty while loading or without a form. */
export function useFormFields(form: string): FormField[] {
  const [fields, setFields] = useState<FormField[]>([]);
  useEffect(() => {
    if (!form) return setFields([]);
    let live = true;
    const [plugin, id] = form.split('/');
    api<{ columns: FormField[] }>('GET', `/api/plugins/${encodeURIComponent(plugin)}/forms/${encodeURIComponent(id)}/columns`).then(
      (r) => live && setFields(r.columns),
      () => live && setFields([]),
    );
    return () => {
      live = false;
    };
  }, [form]);
  return fields;
}

/** The field as the value formatter reads a schema: unit, decimals, option labels. */
const shapeOf = (f: FormField) => {
  const options = f.labels ? { enum: Object.keys(f.labels), enumNames: Object.values(f.labels) } : {};
  const own = { 'x-unit': f.unit ?? undefined, 'x-decimals': f.decimals ?? undefined };
  // A list's labels are its items' (form-columns.ts), and the formatter reads items for the values of a list.
  return f.kind === 'list' ? { ...own, items: options } : { ...own, ...options };
};

/** A picked field's value in a cell. */
export function FieldValue({ field, value }: { field: FormField; value: unknown }) {
  const { locale } = useI18n();
  const tx = useTexts(TEXTS);
  return <>{formatValue(shapeOf(field), {}, value, { locale, yes: tx('yes'), no: tx('no'), none: tx('none') })}</>;
}

export function ColumnPicker({
  form,
  fields,
  value,
  onChange,
}: {
  form: string;
  fields: FormField[];
  value: string[];
  onChange: (v: string[]) => void;
}) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  return (
    <Form.Item label={tx('columns')} htmlFor="queue-columns" style={{ minWidth: 280 }}>
      <Select
        id="queue-columns"
        data-testid="column-picker"
        mode="multiple"
        allowClear
        // Not disabled without a form (a disabled select's text fails contrast): its list says to choose one.
        notFoundContent={form ? undefined : tx('pickForm')}
        value={value}
        onChange={onChange}
        style={{ width: 280 }}
        maxCount={20}
        optionFilterProp="label"
        options={fields.filter((f) => f.kind !== 'attachment').map((f) => ({ value: f.pointer, label: lt(f.path) }))}
      />
    </Form.Item>
  );
}
