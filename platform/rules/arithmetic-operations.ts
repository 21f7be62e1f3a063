// JsonLogic's arithmetic (+, *, -, /, %, min, max) with json-logic-js semantics: `+` and `*` through parseFloat,
// the others through JavaScript's own coercion, an array operand turned into text through the meter. Two
// operands, the usual case, get closures of their own that make no argument array.
import type { Operation } from './types';
import type { Meter } from './budget';
import { binary, coercion, eager } from './evaluators';

/* `any` on purpose: these take whatever JSON a rule hands them, and their coercions are JavaScript's. */

const op = (name: string, build: Operation['build'], extra: Partial<Operation> = {}): Operation => Object.freeze({ name, build, ...extra });

export function arithmeticOperations(meter: Meter): Operation[] {
  const { p, coerced } = coercion(meter);
  return [
    // json-logic-js reduces from 0: (0 + x) + y, which also turns a leading -0 into 0.
    op(
      '+',
      binary(
        (a, b) => (d) => 0 + parseFloat(p(a(d))) + parseFloat(p(b(d))),
        coerced((...v: any[]) => v.reduce((a, b) => parseFloat(a) + parseFloat(b), 0)),
      ),
    ),
    // Without an initial value, as in json-logic-js: one argument comes back untouched; none would throw.
    op(
      '*',
      binary(
        (a, b) => (d) => {
          const x = a(d);
          const y = b(d);
          return parseFloat(p(x)) * parseFloat(p(y));
        },
        (...v: any[]) => (v.length === 1 ? v[0] : coerced((...w: any[]) => w.reduce((a, b) => parseFloat(a) * parseFloat(b)))(...v)),
      ),
      { arity: { min: 1, max: Infinity } },
    ),
    // Two operands (the usual case) are both evaluated before either is coerced, as on the general path.
    op(
      '-',
      binary(
        (a, b) => (d) => {
          const x = a(d);
          const y = b(d);
          const px = p(x);
          const py = p(y);
          return py === undefined ? -px : px - py;
        },
        coerced((a: any, b?: any) => (b === undefined ? -a : a - b)),
      ),
    ),
    op(
      '/',
      binary(
        (a, b) => (d) => {
          const x = a(d);
          const y = b(d);
          return p(x) / p(y);
        },
        coerced((a: any, b: any) => a / b),
      ),
    ),
    op(
      '%',
      binary(
        (a, b) => (d) => {
          const x = a(d);
          const y = b(d);
          return p(x) % p(y);
        },
        coerced((a: any, b: any) => a % b),
      ),
    ),
    op('min', eager(coerced((...v: any[]) => Math.min(...v)))),
    op('max', eager(coerced((...v: any[]) => Math.max(...v)))),
  ];
}
