// The declared list columns of one record (its summary's `columns`), shown as tags: a true value as the column's
// title alone, any other set value as "title:value"; false, null and empty values are left out. The page knows no
// plugin's columns: titles come from the form's declaration in GET /api/plugins.
import { Tag } from 'antd';
import { useI18n } from '../i18n';
import type { ListColumnSummary } from '../plugin-summaries';

/** The columns with a value worth showing, in the declared order. */
export function shownColumns(
  declared: ListColumnSummary[],
  values: Record<string, unknown>,
): { column: ListColumnSummary; value: unknown }[] {
  return declared
    .map((column) => ({ column, value: values[column.id] }))
    .filter(({ value }) => value !== false && value !== null && value !== undefined && value !== '');
}

export function ColumnTags({
  declared,
  values,
  color,
}: {
  declared: ListColumnSummary[];
  values: Record<string, unknown>;
  color?: string;
}) {
  const { lt } = useI18n();
  return (
    <>
      {shownColumns(declared, values).map(({ column, value }) => (
        <Tag key={column.id} color={color} data-flag={column.id}>
          {lt(column.title) || column.id}
          {value === true ? '' : `:${typeof value === 'object' ? JSON.stringify(value) : String(value)}`}
        </Tag>
      ))}
    </>
  );
}
