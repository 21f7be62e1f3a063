// The parameters tab: every parameter of the plugin with its title, default and bounds, editable in place; a new one
// added by name and type; one that rules or reports read cannot be removed (the files reading it are named). The
// preview evaluates with these defaults, so a changed threshold shows in the rule panel at once.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import type { DraftFiles } from './studio-api';
import {
  filesReading,
  parseValue,
  PARAM_TYPES,
  paramsPath,
  readParams,
  removeParam,
  setParam,
  type Param,
  type ParamType,
} from './params-edit';
import { KEY_PATTERN } from './schema-edit';
import { STUDIO_TEXTS } from './studio-texts';

interface Props {
  files: DraftFiles;
  values: Record<string, unknown>;
  onFiles: (next: DraftFiles) => void;
}

const shown = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v));

export function ParametersTab({ files, values, onFiles }: Props) {
  const tx = useTexts(STUDIO_TEXTS);
  const path = paramsPath(values);
  const params = readParams(path ? values[path] : null);
  const put = (p: Param) => onFiles(setParam(files, values, p));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="parameters-tab">
      <Typography.Paragraph type="secondary">{tx('paramsNote')}</Typography.Paragraph>
      {params.length === 0 && <Alert type="info" message={tx('noParams')} />}
      {params.map((p) => (
        <ParamCard
          key={p.name}
          p={p}
          readers={filesReading(files, p.name)}
          onChange={put}
          onRemove={() => onFiles(removeParam(files, values, p.name))}
        />
      ))}
      <AddParam taken={new Set(params.map((p) => p.name))} onAdd={put} />
    </Space>
  );
}

function ParamCard({
  p,
  readers,
  onChange,
  onRemove,
}: {
  p: Param;
  readers: string[];
  onChange: (p: Param) => void;
  onRemove: () => void;
}) {
  const tx = useTexts(STUDIO_TEXTS);
  const { locale } = useI18n();
  const [text, setText] = useState(shown(p.default));
  const [error, setError] = useState<string | null>(null);
  // An undo (or the files tab) changed the default under the box: show the file's value again.
  useEffect(() => {
    const r = parseValue(p, text);
    if ('error' in r || r.value !== p.default) {
      setText(shown(p.default));
      setError(null);
    }
    // Only a change of the stored default resets the box; the text typed is compared, not a trigger.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.default]);
  const id = (k: string) => `param-${k}-${p.name}`;
  const numeric = p.type === 'number' || p.type === 'integer';
  const onDefault = (t: string) => {
    setText(t);
    const r = parseValue(p, t);
    if ('error' in r) return setError(r.error[locale === 'en' ? 1 : 0]);
    setError(null);
    onChange({ ...p, default: r.value });
  };
  const bound = (k: 'minimum' | 'maximum') => (
    <Space direction="vertical" size={0}>
      <label htmlFor={id(k)}>{tx(k)}</label>
      <InputNumber id={id(k)} value={p[k] ?? null} onChange={(v) => onChange({ ...p, [k]: typeof v === 'number' ? v : undefined })} />
    </Space>
  );
  return (
    <Card size="small" title={`params.${p.name} · ${p.type}`} data-testid={`param-${p.name}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <label htmlFor={id('title')}>{tx('paramTitle')}</label>
        <Input id={id('title')} value={p.title} onChange={(e) => onChange({ ...p, title: e.target.value })} />
        <label htmlFor={id('default')}>{tx('paramDefault')}</label>
        <Input
          id={id('default')}
          value={text}
          status={error ? 'error' : undefined}
          aria-invalid={!!error}
          aria-describedby={error ? id('default-error') : undefined}
          onChange={(e) => onDefault(e.target.value)}
        />
        {error && (
          <div id={id('default-error')} role="alert" style={{ color: '#a8071a' }}>
            {error}
          </div>
        )}
        {numeric && (
          <Space wrap>
            {bound('minimum')}
            {bound('maximum')}
          </Space>
        )}
        <label htmlFor={id('description')}>{tx('paramDescription')}</label>
        <Input.TextArea
          id={id('description')}
          rows={2}
          value={p.description}
          onChange={(e) => onChange({ ...p, description: e.target.value })}
        />
        {readers.length ? (
          <Typography.Text type="secondary" data-testid="param-readers">
            {tx('paramReadBy')} {readers.join('、')}
          </Typography.Text>
        ) : (
          <Button danger onClick={onRemove} data-testid={`remove-param-${p.name}`}>
            {tx('delete')}
          </Button>
        )}
      </Space>
    </Card>
  );
}

function AddParam({ taken, onAdd }: { taken: Set<string>; onAdd: (p: Param) => void }) {
  const tx = useTexts(STUDIO_TEXTS);
  const { locale } = useI18n();
  const [name, setName] = useState('');
  const [type, setType] = useState<ParamType>('number');
  const [title, setTitle] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<{ at: 'name' | 'default'; text: string } | null>(null);
  const add = () => {
    if (!KEY_PATTERN.test(name)) return setError({ at: 'name', text: tx('paramNameRule') });
    if (taken.has(name)) return setError({ at: 'name', text: tx('paramNameTaken') });
    const r = parseValue({ type }, value);
    if ('error' in r) return setError({ at: 'default', text: r.error[locale === 'en' ? 1 : 0] });
    onAdd({ name, type, title, description: '', default: r.value });
    setError(null);
    setName('');
    setTitle('');
    setValue('');
  };
  const err = (at: 'name' | 'default') =>
    error?.at === at && (
      <div id={`add-param-${at}-error`} role="alert" style={{ color: '#a8071a' }}>
        {error.text}
      </div>
    );
  return (
    <Card size="small" title={tx('addParam')} data-testid="add-param">
      <Space direction="vertical" style={{ width: '100%' }}>
        <label htmlFor="add-param-name">{tx('paramName')}</label>
        <Input
          id="add-param-name"
          value={name}
          status={error?.at === 'name' ? 'error' : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        {err('name')}
        <label htmlFor="add-param-type">{tx('paramType')}</label>
        <Select
          id="add-param-type"
          data-testid="add-param-type"
          value={type}
          onChange={setType}
          options={PARAM_TYPES.map((t) => ({ value: t, label: tx(`type_${t}` as keyof typeof STUDIO_TEXTS) }))}
        />
        <label htmlFor="add-param-title">{tx('paramTitle')}</label>
        <Input id="add-param-title" value={title} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor="add-param-default">{tx('paramDefault')}</label>
        <Input
          id="add-param-default"
          value={value}
          status={error?.at === 'default' ? 'error' : undefined}
          onChange={(e) => setValue(e.target.value)}
        />
        {err('default')}
        <Button type="primary" onClick={add} data-testid="add-param-button">
          {tx('addParam')}
        </Button>
      </Space>
    </Card>
  );
}
