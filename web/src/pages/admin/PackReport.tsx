// The dry-run report's head: outcome, plugin and change, signature, a refusal with every error, the fixtures run
// here (and the failing ones), and the diff of the forms against the installed version.
import { Alert, Tag } from 'antd';
import { useI18n } from '../../i18n';
import { useTexts } from '../../texts';
import { PACK_TEXTS as TEXTS } from './pack-texts';
import type { Detail, Report } from './pack-request';

const OUTCOME_COLOR: Record<Report['outcome'], string> = {
  ready: '#237804',
  blocked: '#ad4e00',
  'already-installed': '#0958d9',
  refused: '#a8071a',
};

export function DetailList({ details }: { details: Detail[] }) {
  const { lt } = useI18n();
  return (
    <ul style={{ margin: 0 }}>
      {details.map((d, i) => (
        <li key={i}>
          <code>{[d.file, d.pointer].filter(Boolean).join(' ')}</code> {lt(d.message)}
        </li>
      ))}
    </ul>
  );
}

export function ReportView({ report }: { report: Report }) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const diff = report.diff;
  return (
    <div data-testid="dry-run-report">
      <p>
        <Tag color={OUTCOME_COLOR[report.outcome]} data-testid="dry-run-outcome">
          {tx(report.outcome)}
        </Tag>
        {report.plugin && (
          <strong>
            {report.plugin.id}@{report.plugin.version}
          </strong>
        )}{' '}
        {report.change && tx(report.change as keyof typeof TEXTS)}
        {report.installed.active && ` · ${tx('active')} ${report.installed.active}`}
      </p>
      <p data-testid="dry-run-signature">
        {tx('signature')}: {report.signature ? tx(report.signature as keyof typeof TEXTS) : '-'}
      </p>
      {report.refusal && (
        <Alert
          type="error"
          message={`${report.refusal.code}: ${lt(report.refusal.message)}`}
          description={<DetailList details={report.refusal.details} />}
        />
      )}
      {report.fixtures && (
        <p data-testid="dry-run-fixtures">
          {tx('fixtures').replace('{passed}', String(report.fixtures.passed)).replace('{failed}', String(report.fixtures.failed))}
        </p>
      )}
      {report.fixtures && report.fixtures.failing.length > 0 && (
        <ul>
          {report.fixtures.failing.map((c, i) => (
            <li key={i}>
              {c.suite}: {c.description} — {c.mismatches.join('; ')}
            </li>
          ))}
        </ul>
      )}
      {diff && (
        <p data-testid="dry-run-diff">
          {diff.breaking ? <Tag color="#a8071a">{tx('breaking')}</Tag> : <Tag color="#237804">{tx('compatible')}</Tag>}
          {tx('forms')
            .replace('{added}', diff.forms.added.join(', ') || '-')
            .replace('{removed}', diff.forms.removed.join(', ') || '-')
            .replace('{changed}', diff.forms.changed.map((f) => f.form).join(', ') || '-')}
        </p>
      )}
    </div>
  );
}
