// The meta-schema lint (meta-schema-lint.ts) in a Web Worker: validating a large form schema as one types would
// otherwise hold the main thread. Answers carry the request's id, so the page keeps only the latest.
import { textProblems } from './meta-schema-lint';
import type { LintRequest } from './lint-off-thread';

self.onmessage = (e: MessageEvent<LintRequest>) => {
  const { id, kind, file, text } = e.data;
  self.postMessage({ id, problems: textProblems(kind, file, text) });
};
