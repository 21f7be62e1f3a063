// Evaluations per second: json-logic-js.apply (which walks the JSON on every call) against our closures,
// compiled once outside the loop. For a fair comparison on real plugin rules, the platform operations are
// registered into json-logic-js (add_operation) for the duration of the run, backed by the very same operation
// code, and removed afterwards. json-logic-js evaluates every argument first, so there `count`'s condition and
// `coalesce`'s tail are evaluated once against the record instead of per item / lazily: less work, in the
// reference's favour. Cases our check() refuses (e.g. a calendar id without `env`) are left out of both sides.
import jsonLogic from 'json-logic-js';
import { createRuleEngine, type RuleEnvironment } from '../platform/rules';
import { platformOperations } from '../platform/rules/operations';
import type { Evaluator, Operation } from '../platform/rules/types';

const SLICE_MS = 50;

/** A platform operation as a json-logic-js operation: built once per argument count, fed the evaluated values. */
function asJsonLogicOperation(op: Operation) {
  let current: unknown[] = [];
  const built = new Map<number, Evaluator>();
  return (...values: unknown[]) => {
    let run = built.get(values.length);
    if (!run) {
      // Placeholders that are not literals, so that the operation precomputes nothing from them.
      run = op.build(values.map((_, i) => () => current[i]), values.map(() => ({ var: '' })));
      built.set(values.length, run);
    }
    current = values;
    return run(undefined);
  };
}

export async function benchRules(
  cases: { logic: unknown; data: unknown }[],
  seconds = 1,
  env: Partial<RuleEnvironment> = {},
): Promise<{ reference: number; ours: number; cases: number }> {
  const engine = createRuleEngine(env);
  const usable = cases.filter((c) => engine.check(c.logic).length === 0);
  if (usable.length === 0) throw new Error('benchRules: no case passes check(), nothing to compare');
  const compiled = usable.map((c) => ({ run: engine.compile(c.logic), data: c.data }));
  const reference = usable.map((c) => ({ logic: c.logic as jsonLogic.RulesLogic, data: c.data }));
  // The reference side runs our platform operations unmetered (a meter without a step limit): it is the line to beat.
  const added = platformOperations({ calendars: env.calendars ?? new Map(), codeLists: env.codeLists ?? new Map() });

  let sink: unknown;
  const runReference = () => {
    for (const c of reference) {
      try {
        sink = jsonLogic.apply(c.logic, c.data);
      } catch (e) {
        sink = e;
      }
    }
  };
  const runOurs = () => {
    for (const c of compiled) {
      try {
        sink = c.run(c.data);
      } catch (e) {
        sink = e;
      }
    }
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
  for (const op of added) jsonLogic.add_operation(op.name, asJsonLogicOperation(op));
  try {
    runReference(); // warm both up before measuring
    runOurs();
    const totals = { reference: { evaluations: 0, ms: 0 }, ours: { evaluations: 0, ms: 0 } };
    // Alternating slices until each side has had `seconds`: a busy machine slows both alike.
    while (totals.reference.ms < seconds * 1000 || totals.ours.ms < seconds * 1000) {
      for (const [side, run] of [['reference', runReference], ['ours', runOurs]] as const) {
        const r = slice(run);
        totals[side].evaluations += r.evaluations;
        totals[side].ms += r.ms;
      }
      await new Promise((resolve) => setTimeout(resolve, 0)); // let timers and I/O through between slices
    }
    void sink;
    const perSecond = (t: { evaluations: number; ms: number }) => Math.round((t.evaluations / t.ms) * 1000);
    return { reference: perSecond(totals.reference), ours: perSecond(totals.ours), cases: usable.length };
  } finally {
    for (const op of added) jsonLogic.rm_operation(op.name);
    console.log = log;
  }
}
