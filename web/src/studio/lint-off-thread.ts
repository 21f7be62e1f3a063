// The page's side of the lint worker (lint-worker.ts): the latest request wins — an answer to an older text is
// dropped (its promise gets [], which the editor discards as its text has changed since) — and where there is no
// Worker (node tests, an old browser) the lint runs here, with the same results.
import type { LocalText } from '../../../platform/errors';
import type { FileKind } from '../../../platform/plugins/file-kinds';
import { textProblems, type TextProblem } from './meta-schema-lint';

export interface LintRequest {
  id: number;
  kind: FileKind;
  file: string;
  text: string;
}

export type Lint = (kind: FileKind, file: string, text: string) => Promise<TextProblem[]>;

/** A lint over `worker` (made on first use); null from it: on this thread. */
export function createLint(makeWorker: () => Worker | null): Lint {
  let worker: Worker | null | undefined;
  let latest = 0;
  const waiting = new Map<number, (p: TextProblem[]) => void>();
  return (kind, file, text) => {
    if (worker === undefined) {
      try {
        worker = makeWorker();
      } catch {
        worker = null;
      }
      worker?.addEventListener('message', (e: MessageEvent<{ id: number; problems: TextProblem[] }>) => {
        const done = waiting.get(e.data.id);
        waiting.delete(e.data.id);
        done?.(e.data.id === latest ? e.data.problems : []);
      });
    }
    if (!worker) return Promise.resolve(textProblems(kind, file, text));
    const id = ++latest;
    // Older requests still waiting are stale now.
    for (const [old, done] of waiting) {
      if (old >= id) continue;
      waiting.delete(old);
      done([]);
    }
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      worker!.postMessage({ id, kind, file, text } satisfies LintRequest);
    });
  };
}

/** The studio's lint: in a module worker where the browser has Worker. */
export const lintOffThread: Lint = createLint(() =>
  typeof Worker === 'undefined' ? null : new Worker(new URL('./lint-worker.ts', import.meta.url), { type: 'module' }),
);

/** The editor's check for a file of `kind` (CodeEditor's `check`), its messages in the reader's language. */
export const metaCheck =
  (kind: FileKind, file: string, lt: (t: LocalText) => string) =>
  async (text: string): Promise<{ from: number; to: number; message: string }[]> =>
    (await lintOffThread(kind, file, text)).map((p) => ({ from: p.from, to: p.to, message: lt(p.message) }));
