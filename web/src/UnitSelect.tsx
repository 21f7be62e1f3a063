// A searchable select of org units (antd Select, showSearch over the units' names), in tree order with each name
// indented by its depth: a district office's officers pick among dozens of townships by typing part of a name. The
// new record's unit, the report's unit parameter and any other plain list of units use it.
import { Select } from 'antd';
import { useMemo } from 'react';
import { useI18n } from './i18n';
import { indentedName, type OrgUnitRow } from './org-units';

interface Props {
  id: string;
  units: readonly OrgUnitRow[];
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  /** The label of "no unit" (all units, none): offered and shown when the value is empty; absent: a unit is required. */
  emptyLabel?: string;
  style?: React.CSSProperties;
  disabled?: boolean;
}

export function UnitSelect({ id, units, value, onChange, emptyLabel, style, disabled }: Props) {
  const { lt } = useI18n();
  const options = useMemo(
    () => [
      ...(emptyLabel === undefined ? [] : [{ value: '', label: emptyLabel, search: emptyLabel }]),
      // Searched by the plain name and the code, shown indented.
      ...units.map((u) => ({ value: u.id, label: indentedName(u, lt(u.name)), search: `${lt(u.name)} ${u.code}` })),
    ],
    [units, emptyLabel, lt],
  );
  return (
    <Select
      id={id}
      showSearch
      optionFilterProp="search"
      options={options}
      value={value ?? (emptyLabel === undefined ? undefined : '')}
      onChange={(v: string) => onChange(v || undefined)}
      style={{ minWidth: 200, ...style }}
      disabled={disabled}
      data-testid={id}
    />
  );
}
