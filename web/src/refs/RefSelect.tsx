// The record picker of an x-ref field: a searchable select of the records the user may name there, labelled by
// their title and unit, found on the server as the user types (GET …/ref-options, debounced). The stored value
// stays the record's id; a value already chosen shows its title. Read-only, it is the title as text.
import { useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { getUiOptions, type WidgetProps } from '@rjsf/utils';
import { api } from '../api';
import { useI18n, type LocalText } from '../i18n';

export interface RefOption {
  id: string;
  title: string;
  unit: { id: string; code: string; name: LocalText };
}

interface RefContext {
  plugin?: string;
  form?: string;
}

const DEBOUNCE_MS = 300;

export function refOptionsUrl(ctx: RefContext, field: string, query: { q?: string; ids?: string }): string {
  const params = new URLSearchParams({ field });
  if (query.q) params.set('q', query.q);
  if (query.ids) params.set('ids', query.ids);
  return `/api/plugins/${encodeURIComponent(ctx.plugin ?? '')}/forms/${encodeURIComponent(ctx.form ?? '')}/ref-options?${params}`;
}

export function RefSelect(props: WidgetProps) {
  const { id, value, onChange, onBlur, onFocus, readonly, disabled, uiSchema, formContext, placeholder } = props;
  const { lt } = useI18n();
  const ctx = (formContext ?? {}) as RefContext;
  const field = String(getUiOptions(uiSchema).refPointer ?? '');
  const [options, setOptions] = useState<RefOption[]>([]);
  const [chosen, setChosen] = useState<RefOption | null>(null);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const asked = useRef(0);
  const current = typeof value === 'string' && value !== '' ? value : undefined;

  // The title of the value the record holds (opened, saved, stepped); a record out of reach keeps its id.
  useEffect(() => {
    if (!current || chosen?.id === current || !ctx.plugin) return;
    let live = true;
    api<{ options: RefOption[] }>('GET', refOptionsUrl(ctx, field, { ids: current })).then(
      (r) => live && setChosen(r.options.find((o) => o.id === current) ?? null),
      () => {},
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, field, ctx.plugin, ctx.form]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (q: string) => {
    clearTimeout(timer.current);
    if (!ctx.plugin) return;
    timer.current = setTimeout(() => {
      const n = ++asked.current;
      setLoading(true);
      api<{ options: RefOption[] }>('GET', refOptionsUrl(ctx, field, { q: q.trim() })).then(
        (r) => n === asked.current && (setOptions(r.options), setLoading(false)),
        () => n === asked.current && (setOptions([]), setLoading(false)),
      );
    }, DEBOUNCE_MS);
  };

  const label = (o: RefOption) => `${o.title}（${lt(o.unit.name) || o.unit.code}）`;
  if (readonly)
    return (
      <span id={id} data-ref-value={current ?? ''}>
        {chosen ? label(chosen) : (current ?? '')}
      </span>
    );
  const shown = chosen && !options.some((o) => o.id === chosen.id) ? [chosen, ...options] : options;
  return (
    <Select
      id={id}
      showSearch
      allowClear
      disabled={disabled}
      placeholder={placeholder}
      filterOption={false}
      value={current}
      loading={loading}
      notFoundContent={loading ? <Spin size="small" /> : null}
      onSearch={search}
      onDropdownVisibleChange={(open) => open && search('')}
      onChange={(v?: string) => {
        setChosen(shown.find((o) => o.id === v) ?? null);
        onChange(v ?? undefined);
      }}
      onBlur={() => onBlur(id, current)}
      onFocus={() => onFocus(id, current)}
      options={[
        ...shown.map((o) => ({ value: o.id, label: label(o) })),
        ...(current && !shown.some((o) => o.id === current) ? [{ value: current, label: current }] : []),
      ]}
      data-testid={`ref-select-${field}`}
    />
  );
}
