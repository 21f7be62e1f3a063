// A workflow checked for consistency (states exist, final states are dead ends) and its step logic compiled.
import type { RuleEngine } from '../rules';
import { detail, type ErrorDetail } from '../errors';
import type { Workflow, WorkflowDefinition } from './types';

export function buildWorkflow(file: string, wf: Workflow, engine: RuleEngine): { workflow?: WorkflowDefinition; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const states = new Map(wf.states.map((s) => [s.id, Object.freeze(s)]));
  if (states.size !== wf.states.length) errors.push(detail('/states', '状态编号重复', 'Duplicate state ids', { file }));
  if (!states.has(wf.initial)) errors.push(detail('/initial', `初始状态不存在:${wf.initial}`, `Unknown initial state ${wf.initial}`, { file }));

  const transitions: WorkflowDefinition['transitions'] extends ReadonlyMap<string, infer T> ? Map<string, T> : never = new Map();
  wf.transitions.forEach((t, i) => {
    const at = `/transitions/${i}`;
    if (transitions.has(t.id)) errors.push(detail(`${at}/id`, `操作编号重复:${t.id}`, `Duplicate transition id ${t.id}`, { file }));
    t.from.forEach((s, j) => {
      if (!states.has(s)) errors.push(detail(`${at}/from/${j}`, `状态不存在:${s}`, `Unknown state ${s}`, { file }));
      else if (states.get(s)!.final) errors.push(detail(`${at}/from/${j}`, `终止状态不能再流转:${s}`, `A final state cannot be left: ${s}`, { file }));
    });
    if (!states.has(t.to)) errors.push(detail(`${at}/to`, `状态不存在:${t.to}`, `Unknown state ${t.to}`, { file }));
    const compiledSet: [string, ReturnType<RuleEngine['compile']>][] = [];
    for (const [name, logic] of Object.entries(t.set ?? {})) {
      const issues = engine.check(logic, `${at}/set/${name}`);
      if (issues.length) errors.push(...issues.map((x) => ({ ...x, file })));
      else compiledSet.push([name, engine.compile(logic)]);
    }
    const compiledMarks = (t.addMarks ?? []).map((m, j) => {
      if (m.until === undefined || m.until === null) return { kind: m.kind, until: null, reason: m.reason };
      const issues = engine.check(m.until, `${at}/addMarks/${j}/until`);
      if (issues.length) {
        errors.push(...issues.map((x) => ({ ...x, file })));
        return { kind: m.kind, until: null, reason: m.reason };
      }
      return { kind: m.kind, until: engine.compile(m.until), reason: m.reason };
    });
    transitions.set(t.id, Object.freeze({ ...t, compiledSet, compiledMarks }));
  });
  if (errors.length) return { errors };
  return { workflow: Object.freeze({ file, workflow: wf, states, transitions }), errors };
}
