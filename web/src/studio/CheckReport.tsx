// The server's check of a draft: its errors with file and pointer, and its fixtures green or red with the
// differences of each failed case.
import { Alert, List, Tag, Typography } from 'antd';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import { STUDIO_TEXTS } from './studio-texts';
import type { CheckResult } from './studio-api';

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

export function CheckReport({ result }: { result: CheckResult }) {
  const { lt } = useI18n();
  const tx = useTexts(STUDIO_TEXTS);
  const fx = result.fixtures;
  return (
    <div data-testid="check-report" role="region" aria-label={tx('check')}>
      <Alert
        type={result.ok ? 'success' : 'error'}
        data-testid="check-outcome"
        message={result.ok ? tx('checkOk') : tx('checkErrors').replace('{n}', String(result.errors.length))}
      />
      {result.errors.length > 0 && (
        <List
          size="small"
          data-testid="check-errors"
          dataSource={result.errors}
          renderItem={(e) => (
            <List.Item data-code={e.code}>
              <Typography.Text code>{[e.file, e.pointer].filter(Boolean).join(' ') || '/'}</Typography.Text> {lt(e.message)}
            </List.Item>
          )}
        />
      )}
      {fx && (
        <>
          <Typography.Paragraph data-testid="check-fixtures" style={{ marginTop: 8 }}>
            {tx('fixtures').replace('{p}', String(fx.passed)).replace('{f}', String(fx.failed))}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={fx.cases}
            renderItem={(c) => (
              <List.Item data-case={c.name} data-passed={c.passed}>
                <Tag color={c.passed ? '#237804' : '#a8071a'}>{c.passed ? tx('passed') : tx('failedCase')}</Tag>
                {c.file} · {c.name}
                {c.differences.length > 0 && (
                  <ul>
                    {c.differences.map((d, i) => (
                      <li key={i}>
                        {d.pointer}: {show(d.expected)} → {show(d.actual)}
                      </li>
                    ))}
                  </ul>
                )}
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
}
