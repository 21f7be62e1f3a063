// A JSON file in CodeMirror 6: syntax colours, and a parse error marked at its line as one types (jsonParseLinter).
// The text is the parent's: each change is reported, and a text changed elsewhere (undo, the field tree) replaces
// the editor's document.
import { useEffect, useRef } from 'react';
import { basicSetup, EditorView } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';

interface Props {
  value: string;
  onChange: (text: string) => void;
  label: string;
  json?: boolean;
  testId?: string;
  minHeight?: number;
}

export function CodeEditor({ value, onChange, label, json: isJson = true, testId, minHeight = 240 }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const report = useRef(onChange);
  report.current = onChange;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          ...(isJson ? [json(), linter(jsonParseLinter(), { delay: 300 }), lintGutter()] : []),
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
