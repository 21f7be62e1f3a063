// Evaluations per second of four engines on the same cases, alternating slices in one run so that a busy machine
// slows them alike; every figure is then a ratio against json-logic-js measured in that run.
// - json-logic-js.apply walks the JSON on every call: the reference line.
// - json-logic-engine `run` (its interpreter, which caches a plan per logic object) and `build` (its compiled
//   mode, which may generate JavaScript with `new Function`: fine for an anchor, never for us).
// - Hezuo: our closures, compiled once outside the loop, each call metered (budget.ts).
// For real plugin rules, the platform operations are registered into both references (add_operation /
// addMethod) for the duration of the run, backed by the very same operation code. The references evaluate every
// argument first, so there `count`'s condition and `coalesce`'s tail are evaluated once against the record
// instead of per item / lazily: less work, in the references' favour. Cases our check() refuses (e.g. a calendar
// id without `env`) or that json-logic-engine cannot build are left out of every side.
import jsonLogic from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';
import { createRuleEngine, type RuleEnvironment } from '../platform/rules';
import { platformOperations } from '../platform/rules/operations';
import type { Evaluator, Operation } from '../platform/rules/types';
import official from '../test/rules/fixtures/jsonlogic-official-tests.json';

const SLICE_MS = 50;

export interface RuleCase {
  logic: unknown;
  data: unknown;
}

/** Evaluations per second of each side, and how many cases each pass ran. */
export interface RuleBenchResult {
  cases: number;
  reference: number;
  engineRun: number;
  engineBuild: number;
  ours: number;
}

/** A platform operation as a reference's operation: built once per argument count, fed the evaluated values. */
function asEagerOperation(op: Operation) {
  let current: unknown[] = [];
  const built = new Map<number, Evaluator>();
  return (...values: unknown[]) => {
    let run = built.get(values.length);
    if (!run) {
      // Placeholders that are not literals, so that the operation precomputes nothing from them.
      run = op.build(
        values.map((_, i) => () => current[i]),
        values.map(() => ({ var: '' })),
      );
      built.set(values.length, run);
    }
    current = values;
    return run(undefined);
  };
}

export async function benchRules(cases: RuleCase[], seconds = 1, env: Partial<RuleEnvironment> = {}): Promise<RuleBenchResult> {
  const engine = createRuleEngine(env);
  // The references run our platform operations unmetered (a meter without a step limit): lines to beat.
  const added = platformOperations({ calendars: env.calendars ?? new Map(), codeLists: env.codeLists ?? new Map() });
  const jle = new LogicEngine();
  const jleCompiled = new LogicEngine();
  for (const op of added) {
    const run = asEagerOperation(op);
    // json-logic-engine hands an eager method its evaluated arguments as one array (or a lone value).
    const method = (args: unknown) => (Array.isArray(args) ? run(...args) : run(args));
    jle.addMethod(op.name, method, { deterministic: false });
    jleCompiled.addMethod(op.name, method, { deterministic: false });
  }

  const usable: { logic: unknown; data: unknown; built: (data: unknown) => unknown }[] = [];
  for (const c of cases) {
    if (engine.check(c.logic).length > 0) continue;
    try {
      usable.push({ ...c, built: jleCompiled.build(c.logic) as (data: unknown) => unknown });
    } catch {
      // json-logic-engine refuses it (e.g. an operation it lacks): left out of every side.
    }
  }
  if (usable.length === 0) throw new Error('benchRules: no case passes check(), nothing to compare');
  const compiled = usable.map((c) => ({ run: engine.compile(c.logic), data: c.data }));

  let sink: unknown;
  const runner = (call: (i: number) => unknown) => () => {
    for (let i = 0; i < usable.length; i++) {
      try {
        sink = call(i);
      } catch (e) {
        sink = e;
      }
    }
  };
  const sides = {
    reference: runner((i) => jsonLogic.apply(usable[i].logic as jsonLogic.RulesLogic, usable[i].data)),
    engineRun: runner((i) => jle.run(usable[i].logic, usable[i].data)),
    engineBuild: runner((i) => usable[i].built(usable[i].data)),
    ours: runner((i) => compiled[i].run(compiled[i].data)),
  };
  const slice = (run: () => void) => {
    const start = performance.now();
    let passes = 0;
    do {
      run();
      passes += 1;
    } while (performance.now() - start < SLICE_MS);
    return { evaluations: passes * usable.length, ms: performance.now() - start };
  };

  // json-logic-js's `log` writes to the console (ours never does); silence it so printing is not measured.
  const log = console.log;
  console.log = () => undefined;
  for (const op of added) jsonLogic.add_operation(op.name, asEagerOperation(op));
  try {
    for (const run of Object.values(sides)) run(); // warm every side up before measuring
    const names = Object.keys(sides) as (keyof typeof sides)[];
    const totals = Object.fromEntries(names.map((n) => [n, { evaluations: 0, ms: 0 }])) as Record<
      keyof typeof sides,
      { evaluations: number; ms: number }
    >;
    // Alternating slices until each side has had `seconds`: a busy machine slows all alike.
    while (names.some((n) => totals[n].ms < seconds * 1000)) {
      for (const n of names) {
        const r = slice(sides[n]);
        totals[n].evaluations += r.evaluations;
        totals[n].ms += r.ms;
      }
      await new Promise((resolve) => setTimeout(resolve, 0)); // let timers and I/O through between slices
    }
    void sink;
    const perSecond = (t: { evaluations: number; ms: number }) => Math.round((t.evaluations / t.ms) * 1000);
    return {
      cases: usable.length,
      reference: perSecond(totals.reference),
      engineRun: perSecond(totals.engineRun),
      engineBuild: perSecond(totals.engineBuild),
      ours: perSecond(totals.ours),
    };
  } finally {
    for (const op of added) jsonLogic.rm_operation(op.name);
    console.log = log;
  }
}

/** The official JsonLogic test cases (headings left out), each with its own data. */
export const officialCases: RuleCase[] = (official as unknown[])
  .filter((e): e is unknown[] => Array.isArray(e))
  .map(([logic, data]) => ({ logic, data }));

/**
 * A typical eligibility rule of four clauses (age, income, status, district) against records that pass it and
 * records that fail at each clause, so that `and` stops at every position.
 */
export const eligibilityRule = {
  and: [
    { '>=': [{ var: 'applicant.age' }, 18] },
    { '<=': [{ var: 'household.income' }, 60000] },
    { '==': [{ var: 'status' }, 'active'] },
    { in: [{ var: 'district' }, ['440103', '440104', '440105', '440106']] },
  ],
};
export const eligibilityCases: RuleCase[] = [
  { applicant: { age: 45 }, household: { income: 32000 }, status: 'active', district: '440106' },
  { applicant: { age: 30 }, household: { income: 59000 }, status: 'active', district: '440103' },
  { applicant: { age: 17 }, household: { income: 20000 }, status: 'active', district: '440106' },
  { applicant: { age: 60 }, household: { income: 90000 }, status: 'active', district: '440104' },
  { applicant: { age: 52 }, household: { income: 41000 }, status: 'closed', district: '440105' },
  { applicant: { age: 38 }, household: { income: 12000 }, status: 'active', district: '440199' },
].map((data) => ({ logic: eligibilityRule, data }));

/** One line of the bench's output: each side per second and as a ratio against json-logic-js. */
export function formatRuleBench(title: string, r: RuleBenchResult): string {
  const n = (x: number) => x.toLocaleString('en');
  const ratio = (x: number) => `×${(x / r.reference).toFixed(1)}`;
  return (
    `  ${title} (${r.cases} cases): json-logic-js ${n(r.reference)} /s; json-logic-engine run ${n(r.engineRun)} /s ${ratio(r.engineRun)}, ` +
    `build ${n(r.engineBuild)} /s ${ratio(r.engineBuild)}; hezuo ${n(r.ours)} /s ${ratio(r.ours)} (hezuo ÷ engine build ${(r.ours / r.engineBuild).toFixed(2)})`
  );
}
