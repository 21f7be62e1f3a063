// Admin: 工作日历 (issue 13). Every installed plugin's working-day calendars with their listed years — holidays and
// make-up working days — and a form to add a year, which the server publishes as the plugin's next version.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { ApiError, api } from '../../api';
import { useI18n } from '../../i18n';
import type { ListCalendarsResponse } from '../../api-client';
import { useTexts } from '../../texts';
import { PageLoading } from '../../shell/PageLoading';
import { AddYearForm, type AddedYear } from './AddYearForm';
import { CALENDAR_TEXTS } from './calendar-texts';

/** The shapes the server declares for GET /api/calendars, from the generated client (a changed field stops compiling). */
type CalendarRow = ListCalendarsResponse['calendars'][number];
type CalendarYear = CalendarRow['years'][number];

const keyOf = (c: Pick<CalendarRow, 'plugin' | 'calendar'>) => `${c.plugin}/${c.calendar}`;

export function CalendarsPage() {
  const { lt } = useI18n();
  const tx = useTexts(CALENDAR_TEXTS);
  const [calendars, setCalendars] = useState<CalendarRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [adding, setAdding] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api<ListCalendarsResponse>('GET', '/api/calendars')
        .then((r) => setCalendars(r.calendars))
        .catch((e) => setError(e instanceof ApiError ? lt(e.text) : String(e))),
    [lt],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const added = (c: CalendarRow, a: AddedYear) => {
    setAdding(null);
    setNotice(`${tx('added')} ${a.year}:${c.plugin}@${a.version}(${tx('newVersion')})`);
    void load();
  };

  if (!calendars && !error) return <PageLoading />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{tx('title')}</Typography.Title>
      <Typography.Paragraph>{tx('intro')}</Typography.Paragraph>
      {error && <Alert type="error" role="alert" message={error} />}
      {notice && <Alert type="success" role="status" message={notice} data-testid="notice" />}
      {calendars?.length === 0 && <Empty description={tx('none')} />}
      {calendars?.map((c) => (
        <Card
          key={keyOf(c)}
          data-testid={`calendar-${keyOf(c)}`}
          title={
            <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
              {lt(c.title)}
            </Typography.Title>
          }
        >
          <Typography.Paragraph type="secondary">
            {tx('plugin')}:{lt(c.pluginTitle)}({c.plugin}) · {tx('version')} <span data-testid="calendar-version">{c.version}</span>
            {c.disabled && <Tag style={{ marginInlineStart: 8 }}>{tx('disabled')}</Tag>}
            {c.source && <> · {c.source}</>}
          </Typography.Paragraph>
          <Table<CalendarYear>
            size="small"
            rowKey="year"
            pagination={false}
            dataSource={c.years}
            scroll={{ x: true }}
            data-testid="calendar-years"
            columns={[
              { title: tx('year'), dataIndex: 'year', width: 80 },
              {
                title: tx('holidays'),
                render: (_, y) => `${y.holidays.length} ${tx('count')}:${y.holidays.map((d) => d.slice(5)).join('、')}`,
              },
              {
                title: tx('workdays'),
                render: (_, y) =>
                  y.workdays.length ? `${y.workdays.length} ${tx('count')}:${y.workdays.map((d) => d.slice(5)).join('、')}` : '—',
              },
            ]}
          />
          <div style={{ marginTop: 16 }}>
            {adding === keyOf(c) ? (
              <AddYearForm
                plugin={c.plugin}
                calendar={c.calendar}
                version={c.version}
                listed={c.years.map((y) => y.year)}
                onAdded={(a) => added(c, a)}
                onCancel={() => setAdding(null)}
              />
            ) : (
              <Button onClick={() => (setNotice(null), setAdding(keyOf(c)))} data-testid="add-year">
                {tx('addYear')}
              </Button>
            )}
          </div>
        </Card>
      ))}
    </Space>
  );
}
