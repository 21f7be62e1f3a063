// The workflow drawn: states as boxes in layers from the initial state, transitions as arrows (a step back or a loop
// curves at the side), beside the same as a list for screen readers and for reading the roles. No graph library: the
// layout is workflow-layout.ts.
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import { BOX, layoutWorkflow } from './workflow-layout';
import { fromOf, titleOf, type Workflow } from './workflow-edit';
import { fill, TABLE_TEXTS } from './studio-tables-texts';

export function WorkflowDiagram({ wf }: { wf: Workflow }) {
  const tx = useTexts(TABLE_TEXTS);
  const { locale } = useI18n();
  const lang = locale === 'en' ? 'en' : 'zh-CN';
  const layout = layoutWorkflow(wf);
  const at = new Map(layout.boxes.map((b) => [b.id, b]));
  const stateTitle = (id: string) => {
    const s = wf.states.find((x) => x.id === id);
    return (s && titleOf(s, lang)) || id;
  };
  const arrowPath = (from: string, to: string, back: boolean, k: number) => {
    const a = at.get(from)!;
    const b = at.get(to)!;
    if (!back) return `M ${a.x + BOX.width / 2} ${a.y + BOX.height} L ${b.x + BOX.width / 2} ${b.y}`;
    // Back or loop: out of the right side, around, into the target's right side; spread when several.
    const bulge = 30 + 12 * k;
    const x1 = a.x + BOX.width;
    const y1 = a.y + BOX.height / 2;
    const x2 = b.x + BOX.width;
    const y2 = b.y + BOX.height / 2 - (from === to ? 10 : 0);
    return `M ${x1} ${y1} C ${Math.max(x1, x2) + bulge} ${y1}, ${Math.max(x1, x2) + bulge} ${y2}, ${x2} ${y2}`;
  };
  const label = fill(tx('diagramLabel'), { n: wf.states.length, m: wf.transitions.length });
  return (
    <figure style={{ margin: 0 }} data-testid="workflow-diagram">
      <div style={{ overflowX: 'auto' }}>
        <svg
          role="img"
          aria-label={label}
          width={layout.width + 80}
          height={layout.height}
          viewBox={`0 0 ${layout.width + 80} ${layout.height}`}
          style={{ fontSize: 12, fontFamily: 'inherit' }}
        >
          <defs>
            <marker id="wf-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#595959" />
            </marker>
          </defs>
          {layout.arrows.map((a, k) => (
            <path
              key={`${a.index}-${a.from}`}
              d={arrowPath(a.from, a.to, a.back, layout.arrows.slice(0, k).filter((x) => x.back).length)}
              fill="none"
              stroke="#595959"
              markerEnd="url(#wf-arrow)"
              data-arrow={`${a.from}->${a.to}`}
            />
          ))}
          {layout.boxes.map((b) => (
            <g key={b.id} data-state={b.id}>
              <rect
                x={b.x}
                y={b.y}
                width={BOX.width}
                height={BOX.height}
                rx={8}
                fill={b.final ? '#f6ffed' : b.initial ? '#e6f4ff' : '#fff'}
                stroke={b.reachable ? '#1f1f1f' : '#a8071a'}
                strokeWidth={b.final ? 3 : 1}
                strokeDasharray={b.reachable ? undefined : '4 3'}
              />
              <text x={b.x + BOX.width / 2} y={b.y + BOX.height / 2 + 4} textAnchor="middle" fill="#1f1f1f">
                {stateTitle(b.id).slice(0, 10)}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <figcaption>
        <ul style={{ margin: '4px 0', paddingInlineStart: 20 }} data-testid="workflow-steps">
          {wf.transitions.map((t, i) => (
            <li key={i}>
              {fromOf(t).map(stateTitle).join('、') || '?'} → {typeof t.to === 'string' ? stateTitle(t.to) : '?'}:
              {titleOf(t, lang) || String(t.id ?? '')}
              {Array.isArray(t.roles) &&
                t.roles.length > 0 &&
                `(${t.roles.map((r: string) => (`role_${r}` in TABLE_TEXTS ? tx(`role_${r}` as keyof typeof TABLE_TEXTS) : r)).join('、')})`}
            </li>
          ))}
          {layout.boxes
            .filter((b) => !b.reachable)
            .map((b) => (
              <li key={`u-${b.id}`}>
                {stateTitle(b.id)} {tx('unreachable')}
              </li>
            ))}
        </ul>
      </figcaption>
    </figure>
  );
}
