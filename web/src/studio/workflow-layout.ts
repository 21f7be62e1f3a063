// Where the workflow diagram draws each state: in layers by the fewest steps from the initial state (top to bottom),
// states no transition reaches in a last layer of their own, so a stranded state is visible at a glance. Pure, so
// the drawing (WorkflowDiagram.tsx) only maps boxes and arrows to SVG.
import { fromOf, stateIds, type Workflow } from './workflow-edit';

export const BOX = { width: 120, height: 36, gapX: 24, gapY: 56, margin: 16 } as const;

export interface Box {
  id: string;
  layer: number;
  x: number;
  y: number;
  final: boolean;
  initial: boolean;
  reachable: boolean;
}
export interface Arrow {
  /** The transition's index in the workflow. */
  index: number;
  from: string;
  to: string;
  /** Points the other way (to an earlier or the same layer): drawn as a curve at the side. */
  back: boolean;
}
export interface Layout {
  boxes: Box[];
  arrows: Arrow[];
  width: number;
  height: number;
}

export function layoutWorkflow(wf: Workflow): Layout {
  const ids = [...new Set(stateIds(wf))];
  const known = new Set(ids);
  const edges = wf.transitions.flatMap((t, index) =>
    fromOf(t)
      .filter((f) => known.has(f) && typeof t.to === 'string' && known.has(t.to))
      .map((from) => ({ index, from, to: t.to as string })),
  );
  const depth = new Map<string, number>();
  const start = typeof wf.initial === 'string' && known.has(wf.initial) ? wf.initial : null;
  if (start) {
    depth.set(start, 0);
    const queue = [start];
    while (queue.length) {
      const s = queue.shift()!;
      for (const e of edges)
        if (e.from === s && !depth.has(e.to)) {
          depth.set(e.to, depth.get(s)! + 1);
          queue.push(e.to);
        }
    }
  }
  const lastLayer = Math.max(-1, ...depth.values()) + 1;
  const layerOf = (id: string) => depth.get(id) ?? lastLayer;
  const layers: string[][] = [];
  for (const id of ids) (layers[layerOf(id)] ??= []).push(id);
  const widest = Math.max(1, ...layers.map((l) => l?.length ?? 0));
  const width = BOX.margin * 2 + widest * BOX.width + (widest - 1) * BOX.gapX;
  const finals = new Set(wf.states.filter((s) => s.final === true).map((s) => s.id));
  const boxes: Box[] = [];
  layers.forEach((layer, li) => {
    if (!layer) return;
    const span = layer.length * BOX.width + (layer.length - 1) * BOX.gapX;
    layer.forEach((id, i) =>
      boxes.push({
        id,
        layer: li,
        // Each layer centred under the widest one.
        x: (width - span) / 2 + i * (BOX.width + BOX.gapX),
        y: BOX.margin + li * (BOX.height + BOX.gapY),
        final: finals.has(id),
        initial: id === start,
        reachable: depth.has(id),
      }),
    );
  });
  const layersUsed = layers.length;
  return {
    boxes,
    arrows: edges.map((e) => ({ ...e, back: layerOf(e.to) <= layerOf(e.from) })),
    width,
    height: BOX.margin * 2 + layersUsed * BOX.height + Math.max(0, layersUsed - 1) * BOX.gapY,
  };
}
