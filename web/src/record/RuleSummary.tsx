// The rule results kept in view on a long form. The summary — blocking problems, score, class — is one line; on wide
// screens it heads the full rule panel in a column that stays in view (the panel scrolls within it), below 992 px it
// sits in the bottom bar and opens the full panel in a drawer.
import { memo, useState, type ReactNode } from 'react';
import { Button, Drawer, Space, Tag } from 'antd';
import type { RuleResults } from '../../../platform/evaluation';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import { RECORD_TEXTS } from './record-texts';

/** The classes to name in one line: those with a label or a string value, and flags that are set. */
function classTags(results: RuleResults, lt: (t: any) => string): string[] {
  return (results.classList ?? [])
    .filter((c) => c.value !== false && c.value !== null && c.value !== undefined)
    .map((c) => (c.label ? lt(c.label) : typeof c.value === 'string' ? c.value : lt(c.title) || c.id));
}

export const SummaryLine = memo(function SummaryLine({ results }: { results: RuleResults | null }) {
  const { lt } = useI18n();
  const tx = useTexts(RECORD_TEXTS);
  if (!results) return null;
  const classes = classTags(results, lt);
  return (
    <Space size={[8, 4]} wrap data-testid="rule-summary" aria-label={tx('summary')} role="group">
      <span>
        {tx('blockingProblems')}:{' '}
        <strong data-testid="summary-blocking" style={{ color: results.blocking > 0 ? '#cf1322' : '#237804' }}>
          {results.blocking}
        </strong>
      </span>
      {results.score && (
        <span>
          {tx('score')}: <strong data-testid="summary-score">{results.score.total}</strong> / {results.score.max}
        </span>
      )}
      {classes.length > 0 && (
        <span data-testid="summary-classes">
          {tx('classes')}:{' '}
          {classes.map((c) => (
            <Tag key={c} style={{ marginInlineEnd: 4 }}>
              {c}
            </Tag>
          ))}
        </span>
      )}
    </Space>
  );
});

/**
 * Wide screens: the summary over the full panel, in view while the form scrolls. `head` (the review panel of a record
 * under review) comes first in the same column and stays in view with it; the rule panel scrolls under it.
 */
export function RuleSidebar({ results, panel, head }: { results: RuleResults | null; panel: ReactNode; head?: ReactNode }) {
  const tx = useTexts(RECORD_TEXTS);
  return (
    <div
      style={{
        position: 'sticky',
        top: 16,
        maxHeight: 'calc(100vh - 32px)',
        display: 'flex',
        flexDirection: 'column',
        gap: 8,
      }}
    >
      {head && <div style={{ flex: 'none' }}>{head}</div>}
      {/* Scrolls on its own: focusable, so keyboard users can scroll it too. */}
      <div
        data-testid="rule-sidebar"
        tabIndex={0}
        role="region"
        aria-label={tx('summary')}
        style={{ minHeight: 0, overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: 8 }}
      >
        <div style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px' }}>
          <SummaryLine results={results} />
        </div>
        {panel}
      </div>
    </div>
  );
}

/** Narrow screens: the summary in the bottom bar, the full panel in a drawer (rendered always, so it is measurable). */
export function RuleSummaryStrip({ results, panel }: { results: RuleResults | null; panel: ReactNode }) {
  const tx = useTexts(RECORD_TEXTS);
  const [open, setOpen] = useState(false);
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
      <SummaryLine results={results} />
      <Button size="small" onClick={() => setOpen(true)} data-testid="open-rules" aria-expanded={open}>
        {tx('openRules')}
      </Button>
      <Drawer
        placement="bottom"
        height="75vh"
        open={open}
        onClose={() => setOpen(false)}
        title={tx('openRules')}
        forceRender
        styles={{ body: { padding: 0, overflow: 'hidden' } }}
      >
        {/* The scrolling box is focusable, so the panel scrolls by keyboard too. */}
        <div tabIndex={0} role="region" aria-label={tx('openRules')} style={{ height: '100%', overflowY: 'auto', padding: 16 }}>
          {panel}
        </div>
      </Drawer>
    </div>
  );
}
