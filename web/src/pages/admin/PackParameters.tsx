// The "参数" section of a dry run: every parameter the pack asks this county to bind, with its title, the value in
// force here and the pack's default, and an input by the schema's type for this county's value. "重新检查" reruns
// the dry run with the bindings, so the fixtures and the impact preview run under them; the server's error for
// /bindings/<name> shows at that input. Values never entered stay unbound (the server keeps this county's or the
// pack's value).
import { Button, Form, Input, InputNumber, Switch, Typography } from 'antd';
import { useI18n, type LocalText } from '../../i18n';
import { useTexts } from '../../texts';
import { PACK_TEXTS as TEXTS } from './pack-texts';
import type { ParameterBinding } from './pack-request';

interface Props {
  parameters: ParameterBinding[];
  bindings: Record<string, unknown>;
  errors: Record<string, LocalText>;
  busy: boolean;
  onChange(name: string, value: unknown): void;
  onRecheck(): void;
}

/** A value as the admin reads it: text as is, anything else as JSON; "-" for none. */
export const shown = (v: unknown) => (v === null || v === undefined ? '-' : typeof v === 'string' ? v : JSON.stringify(v));

function titleOf(p: ParameterBinding, lt: (t: LocalText) => string): string {
  const t = p.schema.title;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object') return lt(t as LocalText);
  return p.name;
}

export function PackParameters({ parameters, bindings, errors, busy, onChange, onRecheck }: Props) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  if (parameters.length === 0) return null;
  return (
    <section data-testid="pack-parameters" aria-labelledby="pack-parameters-title">
      <Typography.Title level={3} id="pack-parameters-title" style={{ fontSize: 15 }}>
        {tx('parameters')}
      </Typography.Title>
      <Form layout="vertical" component="div">
        {parameters.map((p) => {
          const id = `param-${p.name}`;
          const value = Object.hasOwn(bindings, p.name) ? bindings[p.name] : p.bound;
          const error = errors[p.name];
          return (
            <Form.Item
              key={p.name}
              htmlFor={id}
              label={`${titleOf(p, lt)} (${p.name})`}
              validateStatus={error ? 'error' : undefined}
              help={error ? <span data-testid={`param-error-${p.name}`}>{lt(error)}</span> : undefined}
              extra={
                <span data-testid={`param-values-${p.name}`}>
                  {tx('currentValue')}: {shown(p.current)} · {tx('defaultValue')}: {shown(p.default)}
                </span>
              }
            >
              <ParameterInput id={id} schema={p.schema} value={value} onChange={(v) => onChange(p.name, v)} />
            </Form.Item>
          );
        })}
      </Form>
      <Button onClick={onRecheck} disabled={busy} data-testid="recheck-pack" autoInsertSpace={false}>
        {tx('recheck')}
      </Button>
    </section>
  );
}

function ParameterInput({
  id,
  schema,
  value,
  onChange,
}: {
  id: string;
  schema: Record<string, unknown>;
  value: unknown;
  onChange(v: unknown): void;
}) {
  const type = schema.type;
  if (type === 'integer' || type === 'number') {
    // No min/max here: an out-of-range value goes to the server, whose refusal names the rule at this input.
    return (
      <InputNumber
        id={id}
        style={{ width: 200 }}
        precision={type === 'integer' ? 0 : undefined}
        value={typeof value === 'number' ? value : null}
        onChange={(v) => onChange(v ?? null)}
      />
    );
  }
  if (type === 'boolean') return <Switch id={id} checked={value === true} onChange={(v) => onChange(v)} />;
  if (type === 'string') return <Input id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />;
  // Objects and arrays: JSON text, bound as typed once it parses (as text until then, which the server refuses).
  return (
    <Input.TextArea
      id={id}
      autoSize
      defaultValue={shown(value)}
      onChange={(e) => {
        try {
          onChange(JSON.parse(e.target.value));
        } catch {
          onChange(e.target.value);
        }
      }}
    />
  );
}
