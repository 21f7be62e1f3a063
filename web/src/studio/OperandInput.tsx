// The value side of a condition, typed by the name it is compared with: a number box for numbers, a date for dates,
// yes/no, a pick of the field's choices (its enum, or the code list of a classify rule), a list of them for `in`,
// or another name. A value whose type does not match the name (a text on a number field) is shown as typed text, so
// it is never hidden or silently changed.
import { Input, InputNumber, Select, Space } from 'antd';
import { useTexts } from '../texts';
import type { Comparison, Operand, Primitive } from './logic-tree';
import type { NameChoice, ValueType } from './logic-fields';
import { LOGIC_TEXTS } from './logic-editor-texts';

interface Props {
  id: string;
  op: Comparison;
  value: Operand;
  /** The name on the left, if it is one the form has. */
  target: NameChoice | undefined;
  names: NameChoice[];
  onChange: (value: Operand) => void;
}

const key = (v: Primitive) => JSON.stringify(v);
const unkey = (k: string): Primitive => JSON.parse(k);

/** Free text read as a number, yes/no or empty when it is one; otherwise the text. */
function looseValue(text: string): Primitive {
  const t = text.trim();
  if (t === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  return text;
}

const fits = (type: ValueType, v: Primitive): boolean =>
  v === null ||
  (type === 'number' || type === 'integer'
    ? typeof v === 'number'
    : type === 'boolean'
      ? typeof v === 'boolean'
      : type === 'date' || type === 'text'
        ? typeof v === 'string'
        : type === 'any');

export function OperandInput({ id, op, value, target, names, onChange }: Props) {
  const tx = useTexts(LOGIC_TEXTS);
  const byName = 'name' in value;
  const choices = target?.choices;

  const mode = (
    <Select
      aria-label={tx('compareWith')}
      size="small"
      value={byName ? 'name' : 'value'}
      onChange={(m) => onChange(m === 'name' ? { name: '' } : op === 'in' ? { list: [] } : { literal: null })}
      options={[
        { value: 'value', label: tx('aValue') },
        { value: 'name', label: tx('aName') },
      ]}
      style={{ width: 150 }}
    />
  );

  let input;
  if ('name' in value) {
    const options = names.map((n) => ({ value: n.name, label: `${n.label} · ${n.name}` }));
    if (value.name && !names.some((n) => n.name === value.name)) options.push({ value: value.name, label: value.name });
    input = (
      <Select
        id={id}
        aria-label={tx('value')}
        showSearch
        value={value.name || undefined}
        placeholder={tx('pickField')}
        options={options}
        onChange={(name: string) => onChange({ name })}
        style={{ minWidth: 200 }}
      />
    );
  } else if ('list' in value) {
    const numeric = target?.type === 'number' || target?.type === 'integer';
    // A choice field picks among its choices (kept by their JSON, so 1 and "1" stay apart); any other takes typed
    // tags, a number field's read as numbers.
    input = choices ? (
      <Select
        id={id}
        aria-label={tx('value')}
        mode="multiple"
        value={value.list.map(key)}
        style={{ minWidth: 200 }}
        options={choices.map((c) => ({ value: key(c.value), label: c.label }))}
        onChange={(keys: string[]) => onChange({ list: keys.map(unkey) })}
      />
    ) : (
      <Select
        id={id}
        aria-label={tx('value')}
        mode="tags"
        value={value.list.map(String)}
        style={{ minWidth: 200 }}
        onChange={(tags: string[]) =>
          onChange({ list: tags.map((t) => (numeric && t.trim() !== '' && !isNaN(Number(t)) ? Number(t) : t)) })
        }
      />
    );
  } else {
    const v = value.literal;
    const type: ValueType =
      target && fits(target.type, v) && !(target.type === 'choice' && v !== null && !choices?.some((c) => c.value === v))
        ? target.type
        : 'any';
    const set = (literal: Primitive) => onChange({ literal });
    if (type === 'number' || type === 'integer')
      input = (
        <InputNumber
          id={id}
          aria-label={tx('value')}
          value={v as number | null}
          precision={type === 'integer' ? 0 : undefined}
          onChange={(n) => set(n ?? null)}
        />
      );
    else if (type === 'date')
      input = (
        <Input
          id={id}
          aria-label={tx('value')}
          type="date"
          value={(v as string | null) ?? ''}
          onChange={(e) => set(e.target.value || null)}
          style={{ width: 160 }}
        />
      );
    else if (type === 'boolean' || type === 'choice') {
      const opts =
        type === 'boolean'
          ? [
              { value: true, label: tx('yes') },
              { value: false, label: tx('no') },
            ]
          : choices!;
      input = (
        <Select
          id={id}
          aria-label={tx('value')}
          value={key(v)}
          onChange={(k: string) => set(unkey(k))}
          style={{ minWidth: 140 }}
          options={[...opts.map((c) => ({ value: key(c.value), label: c.label })), { value: 'null', label: tx('empty') }]}
        />
      );
    } else if (type === 'text')
      input = (
        <Input
          id={id}
          aria-label={tx('value')}
          value={(v as string | null) ?? ''}
          onChange={(e) => set(e.target.value === '' ? null : e.target.value)}
          style={{ width: 200 }}
        />
      );
    else
      input = (
        <Input
          id={id}
          aria-label={tx('value')}
          value={v === null ? '' : String(v)}
          onChange={(e) => set(looseValue(e.target.value))}
          style={{ width: 200 }}
        />
      );
  }
  return (
    <Space wrap size={4}>
      {mode}
      {input}
    </Space>
  );
}
