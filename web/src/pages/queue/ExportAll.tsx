// "导出全部": every record the applied filter matches — not only the page shown — with every field of the form, as
// .xlsx or .csv, downloaded through fetch so a refusal shows as an error. The export needs a form (its fields are
// the columns), so the buttons wait for one.
import { useState } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { ApiError } from '../../api';
import { downloadFile } from '../../download';
import { useI18n } from '../../i18n';
import { useTexts } from '../../texts';
import { exportQuery, type Filters } from './queue-filters';

const TEXTS = {
  xlsx: ['导出全部(.xlsx)', 'Export all (.xlsx)'],
  csv: ['导出全部(.csv)', 'Export all (.csv)'],
  pickForm: ['选择表单并筛选后可导出全部记录', 'Choose a form and apply to export every record'],
} as const;

export function ExportAll({ applied }: { applied: Filters }) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    setError(null);
    try {
      await downloadFile(`/api/records/export?${exportQuery(applied, format)}`, `export.${format}`);
    } catch (e) {
      setError(e instanceof ApiError ? lt(e.text) : String(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap>
      <Button onClick={() => run('xlsx')} loading={busy === 'xlsx'} disabled={!applied.form} data-testid="export-xlsx">
        {tx('xlsx')}
      </Button>
      <Button onClick={() => run('csv')} loading={busy === 'csv'} disabled={!applied.form} data-testid="export-csv">
        {tx('csv')}
      </Button>
      {!applied.form && <Typography.Text type="secondary">{tx('pickForm')}</Typography.Text>}
      {error && <Alert type="error" role="alert" message={error} data-testid="export-error" />}
    </Space>
  );
}
