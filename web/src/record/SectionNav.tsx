// The long form's table of contents: its sections (sections.ts) with how much of each is filled and how many errors
// it has. On wide screens a side navigation (antd Anchor) that stays in view; below 992 px a select at the top of
// the page that stays in view while scrolling. Either scrolls to the section; neither touches the URL, whose hash
// is the app's route.
import { memo, type MouseEvent } from 'react';
import { Anchor, Select, Tag } from 'antd';
import { useTexts } from '../texts';
import { RECORD_TEXTS } from './record-texts';
import type { Section, SectionStats } from './sections';

/** Filled of required when the section has required fields, else filled of all. */
export const completion = (st: SectionStats) =>
  st.required > 0 ? { done: st.requiredFilled, of: st.required } : { done: st.filled, of: st.total };

/** Room left above a section scrolled to, for the sticky bar on narrow screens. */
const NARROW_OFFSET = 64;

export function scrollToSection(anchorId: string, offset: number): void {
  const el = document.getElementById(anchorId);
  if (!el) return;
  const y = el.getBoundingClientRect().top + window.scrollY - offset;
  window.scrollTo({ top: Math.max(0, y), behavior: 'auto' });
}

interface Props {
  sections: Section[];
  stats: SectionStats[];
  narrow: boolean;
}

export const SectionNav = memo(function SectionNav({ sections, stats, narrow }: Props) {
  const tx = useTexts(RECORD_TEXTS);
  const titleOf = (s: Section) => s.title ?? tx('basicSection');
  const countText = (st: SectionStats) => {
    const c = completion(st);
    return `${c.done}/${c.of}`;
  };

  if (narrow) {
    return (
      <div
        data-testid="section-nav"
        data-mode="select"
        style={{ position: 'sticky', top: 0, zIndex: 10, background: '#fff', padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
      >
        <Select
          aria-label={tx('jumpToSection')}
          // antd's placeholder grey misses WCAG AA contrast on white.
          placeholder={<span style={{ color: 'rgba(0,0,0,0.65)' }}>{tx('jumpToSection')}</span>}
          style={{ width: '100%' }}
          value={null}
          // Every section listed in the page (the list is short), not only those scrolled into the dropdown.
          virtual={false}
          onChange={(key: string) => {
            const s = sections.find((x) => x.key === key);
            if (s) scrollToSection(s.anchorId, NARROW_OFFSET);
          }}
          options={sections.map((s, i) => ({
            value: s.key,
            label: (
              <span data-section={s.key || 'basic'}>
                {titleOf(s)} · <span data-testid="section-count">{countText(stats[i])}</span>
                {stats[i].errors > 0 && ` · ${stats[i].errors} ${tx('errorsIn')}`}
              </span>
            ),
          }))}
        />
      </div>
    );
  }

  return (
    <nav aria-label={tx('sections')} data-testid="section-nav" data-mode="anchor" style={{ position: 'sticky', top: 16 }}>
      <Anchor
        affix={false}
        targetOffset={16}
        onClick={(e: MouseEvent<HTMLElement>) => e.preventDefault()}
        items={sections.map((s, i) => ({
          key: s.key || 'basic',
          href: `#${s.anchorId}`,
          title: (
            <span data-section={s.key || 'basic'}>
              {titleOf(s)} <span data-testid="section-count">{countText(stats[i])}</span>
              {stats[i].errors > 0 && (
                <Tag color="#cf1322" style={{ marginInlineStart: 4 }} data-testid="section-errors">
                  {stats[i].errors} {tx('errorsIn')}
                </Tag>
              )}
            </span>
          ),
        }))}
      />
    </nav>
  );
});
