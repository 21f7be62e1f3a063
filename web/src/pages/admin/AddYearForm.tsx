// The "添加年份" form of one calendar: the year, its holidays and make-up working days as dates in text areas
// (robust on a tablet, unlike a many-dates picker), a reason and, for a listed year, whether to replace it. The
// server checks everything; its refusals are shown at the input their pointer names (/year, /holidays/3 …).
import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Space } from 'antd';
import { ApiError, api } from '../../api';
import { useI18n } from '../../i18n';
import { useTexts } from '../../texts';
import { fieldErrors } from '../../field-errors';
import { CALENDAR_TEXTS } from './calendar-texts';

export interface AddedYear {
  version: string;
  year: number;
  holidays: number;
  workdays: number;
}

type Field = 'year' | 'holidays' | 'workdays' | 'reason';

/** Dates as typed: one a line, or separated by commas, spaces or 、; blanks dropped, order kept for the pointers. */
export const dateList = (text: string) => text.split(/[\s,,、;;]+/).filter((s) => s.length > 0);

/** /holidays/3 → holidays; /version and the like stay with the form's alert. */
const fieldOf = (pointer: string): Field | null => {
  const top = pointer.split('/')[1];
  return top === 'year' || top === 'holidays' || top === 'workdays' || top === 'reason' ? top : null;
};

export function AddYearForm(props: {
  plugin: string;
  calendar: string;
  version: string;
  listed: number[];
  onAdded: (added: AddedYear) => void;
  onCancel: () => void;
}) {
  const { lt, locale } = useI18n();
  const tx = useTexts(CALENDAR_TEXTS);
  const [year, setYear] = useState<number | null>(null);
  const [holidays, setHolidays] = useState('');
  const [workdays, setWorkdays] = useState('');
  const [reason, setReason] = useState('');
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ fields: Partial<Record<Field, string[]>>; general: string[] }>({ fields: {}, general: [] });
  const id = (f: string) => `calendar-${f}`;

  const submit = async () => {
    if (year === null) {
      setErrors({ fields: { year: [tx('yearRequired')] }, general: [] });
      return;
    }
    setBusy(true);
    try {
      const added = await api<AddedYear>(
        'POST',
        `/api/calendars/${encodeURIComponent(props.plugin)}/${encodeURIComponent(props.calendar)}/years`,
        {
          version: props.version,
          year,
          holidays: dateList(holidays),
          workdays: dateList(workdays),
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...(replace ? { replace } : {}),
        },
      );
      setErrors({ fields: {}, general: [] });
      props.onAdded(added);
    } catch (e) {
      if (e instanceof ApiError) {
        const found = fieldErrors(e.details, locale, fieldOf);
        setErrors({
          fields: found.fields,
          general: found.general.length || !Object.keys(found.fields).length ? [lt(e.text), ...found.general] : [],
        });
      } else setErrors({ fields: {}, general: [String(e)] });
    } finally {
      setBusy(false);
    }
  };

  const item = (f: Field) => {
    const msgs = errors.fields[f];
    return msgs?.length ? { validateStatus: 'error' as const, help: <span data-testid={`error-${f}`}>{msgs.join(';')}</span> } : {};
  };

  return (
    <Form layout="vertical" onFinish={submit} data-testid="add-year-form" style={{ maxWidth: 560 }}>
      {errors.general.length > 0 && (
        <Alert type="error" role="alert" style={{ marginBottom: 16 }} message={errors.general.join(';')} data-testid="add-year-error" />
      )}
      <Form.Item label={tx('year')} htmlFor={id('year')} required {...item('year')}>
        <InputNumber id={id('year')} min={1990} max={2100} precision={0} value={year} onChange={(v) => setYear(v ?? null)} />
      </Form.Item>
      <Form.Item label={tx('holidays')} htmlFor={id('holidays')} extra={tx('datesHelp')} {...item('holidays')}>
        <Input.TextArea id={id('holidays')} rows={5} value={holidays} onChange={(e) => setHolidays(e.target.value)} />
      </Form.Item>
      <Form.Item label={tx('workdays')} htmlFor={id('workdays')} extra={tx('datesHelp')} {...item('workdays')}>
        <Input.TextArea id={id('workdays')} rows={3} value={workdays} onChange={(e) => setWorkdays(e.target.value)} />
      </Form.Item>
      <Form.Item label={tx('reason')} htmlFor={id('reason')} {...item('reason')}>
        <Input id={id('reason')} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Form.Item>
      {year !== null && props.listed.includes(year) && (
        <Form.Item>
          <Checkbox checked={replace} onChange={(e) => setReplace(e.target.checked)}>
            {tx('replace')}
          </Checkbox>
        </Form.Item>
      )}
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="add-year-save">
          {tx('save')}
        </Button>
        <Button onClick={props.onCancel}>{tx('cancel')}</Button>
      </Space>
    </Form>
  );
}
