// The lint off the main thread (web/src/studio/lint-off-thread.ts): without Worker (node) it gives textProblems'
// results; with a worker only the latest request's answer counts, an older one arriving late is dropped.
import { describe, expect, it } from 'vitest';
import { createLint, lintOffThread, type LintRequest } from '../../web/src/studio/lint-off-thread';
import { textProblems } from '../../web/src/studio/meta-schema-lint';

const bad = '{"id": "w", "initial": "a", "states": [{"id": "a", "finale": true}], "transitions": []}';

/** A stand-in worker answering when told to, in any order (the real one runs textProblems the same way). */
function heldWorker() {
  const asked: LintRequest[] = [];
  let listener: ((e: MessageEvent) => void) | null = null;
  const worker = {
    addEventListener: (_: string, l: (e: MessageEvent) => void) => (listener = l),
    postMessage: (r: LintRequest) => asked.push(r),
  } as unknown as Worker;
  const answer = (r: LintRequest) => listener!({ data: { id: r.id, problems: textProblems(r.kind, r.file, r.text) } } as MessageEvent);
  return { worker, asked, answer };
}

describe('the meta-schema lint off the main thread', () => {
  it('runs here with the same results where there is no Worker', async () => {
    expect(typeof Worker).toBe('undefined');
    const problems = await lintOffThread('workflow', 'workflows/w.json', bad);
    expect(problems).toEqual(textProblems('workflow', 'workflows/w.json', bad));
    expect(problems.map((p) => bad.slice(p.from, p.to))).toContain('"finale"');
  });

  it('keeps the latest answer only', async () => {
    const held = heldWorker();
    const lint = createLint(() => held.worker);
    const first = lint('workflow', 'workflows/w.json', '{}');
    const second = lint('workflow', 'workflows/w.json', bad);
    expect(await first).toEqual([]); // stale as soon as the second was asked
    held.answer(held.asked[1]);
    held.answer(held.asked[0]); // the older answer arriving late changes nothing
    expect(await second).toEqual(textProblems('workflow', 'workflows/w.json', bad));
    expect((await second).map((p) => bad.slice(p.from, p.to))).toContain('"finale"');
  });
});
