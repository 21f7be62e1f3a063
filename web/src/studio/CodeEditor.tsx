// A JSON file in CodeMirror 6: syntax colours, and a parse error marked at its line as one types (jsonParseLinter);
// `check` adds the file's own problems (the meta-schema of its kind, meta-schema-lint.ts) once the text parses.
// The text is the parent's: each change is reported, and a text changed elsewhere (undo, the field tree) replaces
// the editor's document.
import { useEffect, useRef } from 'react';
import { basicSetup, EditorView } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';

/** A problem of the text at a range of it, in the reader's language. */
export interface EditorProblem {
  from: number;
  to: number;
  message: string;
}

interface Props {
  value: string;
  onChange: (text: string) => void;
  label: string;
  json?: boolean;
  testId?: string;
  minHeight?: number;
  /** The file's own problems; a promise when they are found off the main thread (lint-off-thread.ts). */
  check?: (text: string) => EditorProblem[] | Promise<EditorProblem[]>;
}

export function CodeEditor({ value, onChange, label, json: isJson = true, testId, minHeight = 240, check }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const report = useRef(onChange);
  report.current = onChange;
  const checker = useRef(check);
  checker.current = check;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          ...(isJson ? [json(), linter(jsonParseLinter(), { delay: 300 }), linter(problemsOf(checker), { delay: 300 }), lintGutter()] : []),
          // tabindex: already focusable (contenteditable), said outright so axe sees the scroller has focusable content.
          EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
          EditorView.theme({ '&': { minHeight: `${minHeight}px`, border: '1px solid #d9d9d9' }, '.cm-scroller': { maxHeight: '70vh' } }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) report.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
    // The editor is made once per file; its text follows `value` below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label, isJson]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  return <div ref={host} data-testid={testId} />;
}

/** The linter of `check` (read through a ref: the editor is made once, the check follows the parent's state). */
function problemsOf(checker: { current?: (text: string) => EditorProblem[] | Promise<EditorProblem[]> }) {
  return async (v: EditorView): Promise<Diagnostic[]> => {
    const length = v.state.doc.length;
    return ((await checker.current?.(v.state.doc.toString())) ?? []).map((p) => {
      const from = Math.min(p.from, length);
      return { from, to: Math.max(from, Math.min(p.to, length)), severity: 'error', source: 'schema', message: p.message };
    });
  };
}
