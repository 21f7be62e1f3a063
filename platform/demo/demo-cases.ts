// What demo records are made of: a plugin's own fixture cases, so a newcomer's queue, ranking and reports show data
// the plugin's authors wrote and checked. Cases marked `"demo": true` when the form has any; else every case the
// schema accepts that needs no outside conditions (parameter overrides, marks, follow-up counts, record facts,
// earlier records and overridden outcomes are not set up for a demo). Cases expected to pass every blocking check come first: they get furthest through the workflow.
import { mergePatch } from '../fixtures/merge-patch';
import type { FixtureCase, PluginDefinition, Workflow } from '../plugins/types';

export interface DemoCase {
  description: string;
  data: Record<string, unknown>;
  period?: string;
}

export function demoCases(plugin: PluginDefinition, formId: string): DemoCase[] {
  const suites = plugin.fixtures.filter((s) => s.form === formId);
  const all = suites.flatMap((s) => s.cases.map((c) => ({ suite: s, c })));
  const marked = all.filter(({ c }) => c.demo === true);
  const chosen = marked.length
    ? marked
    : all.filter(
        ({ c }) =>
          c.expected.valid !== false &&
          !c.params &&
          !c.marks?.length &&
          !c.followUps &&
          !c.record &&
          !c.earlier?.length &&
          !c.overrides &&
          !c.refs,
      );
  const clean = (c: FixtureCase) => c.expected.blocking === 0 || (c.expected.failed !== undefined && c.expected.failed.length === 0);
  return [...chosen]
    .sort((a, b) => Number(clean(b.c)) - Number(clean(a.c)))
    .map(({ suite, c }) => ({
      description: c.description,
      data: mergePatch(suite.base ?? {}, c.input) as Record<string, unknown>,
      ...(c.period ? { period: c.period } : {}),
    }));
}

/** For each state of the workflow the shortest run of transition ids from the initial state (breadth first). */
export function pathsToStates(wf: Workflow): Map<string, string[]> {
  const paths = new Map<string, string[]>([[wf.initial, []]]);
  const queue = [wf.initial];
  while (queue.length) {
    const state = queue.shift()!;
    for (const t of wf.transitions) {
      if (!t.from.includes(state) || paths.has(t.to)) continue;
      paths.set(t.to, [...paths.get(state)!, t.id]);
      queue.push(t.to);
    }
  }
  return paths;
}
