// The "影响预览" section of a dry run: the open records of the installed version re-evaluated under the new one
// with the bound values (nothing saved) — how many change eligibility, class, score and blocking checks, how many
// stay as they are or could not be evaluated — and the changed records, before → after. A new plugin has none.
import { Table, Typography } from 'antd';
import { useTexts } from '../../texts';
import { PACK_TEXTS as TEXTS } from './pack-texts';
import type { ImpactPreview, RecordImpact } from './pack-request';
import { shown } from './PackParameters';

const COUNTS = [
  'records',
  'changed',
  'eligibility',
  'class',
  'score',
  'blocking',
  'invalid',
  'formRemoved',
  'unchanged',
  'failed',
] as const;

export function PackImpact({ impact }: { impact: ImpactPreview | null }) {
  const tx = useTexts(TEXTS);
  const yes = tx('yes');
  const no = tx('no');
  /** Each change of one record as "what: before → after". */
  const changes = (r: RecordImpact): string[] => [
    ...(r.eligible ? [`${tx('i-eligibility')}: ${r.eligible.from ? yes : no} → ${r.eligible.to ? yes : no}`] : []),
    ...(r.classes ?? []).map((c) => `${tx('i-class')} ${c.id}: ${shown(c.from)} → ${shown(c.to)}`),
    ...(r.score ? [`${tx('i-score')}: ${shown(r.score.from)} → ${shown(r.score.to)}`] : []),
    ...(r.blocking ? [`${tx('i-blocking')}: ${r.blocking.from.join(', ') || '-'} → ${r.blocking.to.join(', ') || '-'}`] : []),
    ...(r.invalid?.length ? [`${tx('i-invalid')}: ${r.invalid.join(', ')}`] : []),
    ...(r.other ? [tx('i-other')] : []),
  ];
  return (
    <section data-testid="pack-impact" aria-labelledby="pack-impact-title">
      <Typography.Title level={3} id="pack-impact-title" style={{ fontSize: 15 }}>
        {tx('impact')}
      </Typography.Title>
      {!impact ? (
        <p data-testid="impact-none">{tx('impactNone')}</p>
      ) : (
        <>
          <p data-testid="impact-totals">{COUNTS.map((k) => `${tx(`i-${k}`)} ${impact.totals[k]}`).join(' · ')}</p>
          {impact.records.length > 0 && (
            <Table<RecordImpact>
              data-testid="impact-records"
              rowKey="id"
              size="small"
              scroll={{ x: true }}
              pagination={false}
              dataSource={impact.records}
              columns={[
                { title: tx('record'), render: (_: unknown, r) => r.subjectTitle ?? r.id },
                { title: tx('form'), dataIndex: 'form' },
                { title: tx('beforeAfter'), render: (_: unknown, r) => changes(r).join('; ') },
              ]}
            />
          )}
          {impact.truncated && <p>{tx('truncated')}</p>}
        </>
      )}
    </section>
  );
}
