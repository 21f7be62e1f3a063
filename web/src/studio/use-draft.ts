// One draft open in the editor: its files, edits debounced (~1 s) into PUT with the revision the server last gave,
// one save in flight at a time, and undo/redo over a stack of file maps for this session. A 409 (someone else saved
// first) stops autosaving and asks for a reload: a stale save never overwrites the other admin's change.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api';
import type { LocalText } from '../i18n';
import { getDraft, saveDraft, type Draft, type DraftFiles } from './studio-api';

export type SaveState = 'saved' | 'pending' | 'saving' | 'conflict' | 'failed';

const DEBOUNCE_MS = 1000;
const HISTORY = 100;

export interface DraftState {
  draft: Draft | null;
  files: DraftFiles;
  loadError: LocalText | string | null;
  save: SaveState;
  saveError: LocalText | string | null;
  canUndo: boolean;
  canRedo: boolean;
  /** A new map of files, or a function of the latest one (two edits in one event then both count). */
  edit: (next: DraftFiles | ((latest: DraftFiles) => DraftFiles)) => void;
  undo: () => void;
  redo: () => void;
  reload: () => void;
  /** Saves now what is pending; resolves with the revision the server holds the files at. */
  flush: () => Promise<number | null>;
}

export function useDraft(id: string): DraftState {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [files, setFiles] = useState<DraftFiles>({});
  const [loadError, setLoadError] = useState<LocalText | string | null>(null);
  const [save, setSave] = useState<SaveState>('saved');
  const [saveError, setSaveError] = useState<LocalText | string | null>(null);
  const [stacks, setStacks] = useState<{ past: DraftFiles[]; future: DraftFiles[] }>({ past: [], future: [] });
  const latest = useRef<DraftFiles>({});
  const saved = useRef<DraftFiles>({});
  const revision = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<number | null> | null>(null);
  const stopped = useRef(false);

  const load = useCallback(() => {
    stopped.current = false;
    getDraft(id).then(
      (d) => {
        setDraft(d);
        revision.current = d.revision;
        latest.current = saved.current = d.files;
        setFiles(d.files);
        setStacks({ past: [], future: [] });
        setSave('saved');
        setSaveError(null);
      },
      (e) => setLoadError(e instanceof ApiError ? e.text : String(e)),
    );
  }, [id]);
  useEffect(load, [load]);

  const send = useCallback(async (): Promise<number | null> => {
    if (inFlight.current) await inFlight.current;
    if (stopped.current) return null;
    if (latest.current === saved.current) return revision.current;
    const sending = latest.current;
    setSave('saving');
    const p = saveDraft(id, revision.current, sending).then(
      (d) => {
        revision.current = d.revision;
        saved.current = sending;
        setDraft({ ...d, files: sending });
        setSave(latest.current === sending ? 'saved' : 'pending');
        setSaveError(null);
        return d.revision;
      },
      (e) => {
        if (e instanceof ApiError && e.status === 409) {
          stopped.current = true;
          setSave('conflict');
        } else setSave('failed');
        setSaveError(e instanceof ApiError ? e.text : String(e));
        return null;
      },
    );
    inFlight.current = p;
    try {
      return await p;
    } finally {
      inFlight.current = null;
    }
  }, [id]);

  const schedule = useCallback(() => {
    if (stopped.current) return;
    setSave('pending');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void send().then(() => {
        // Edits made while the save was in flight go out next.
        if (!stopped.current && latest.current !== saved.current && !timer.current) schedule();
      });
    }, DEBOUNCE_MS);
  }, [send]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const show = (next: DraftFiles) => {
    latest.current = next;
    setFiles(next);
    schedule();
  };
  const edit = (next: DraftFiles | ((latest: DraftFiles) => DraftFiles)) => {
    if (stopped.current) return;
    const before = latest.current;
    setStacks((s) => ({ past: [...s.past.slice(-HISTORY + 1), before], future: [] }));
    show(typeof next === 'function' ? next(before) : next);
  };
  const undo = () => {
    if (!stacks.past.length || stopped.current) return;
    const prev = stacks.past[stacks.past.length - 1];
    setStacks({ past: stacks.past.slice(0, -1), future: [latest.current, ...stacks.future] });
    show(prev);
  };
  const redo = () => {
    if (!stacks.future.length || stopped.current) return;
    const [next, ...rest] = stacks.future;
    setStacks({ past: [...stacks.past, latest.current], future: rest });
    show(next);
  };
  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    return send();
  };

  return {
    draft,
    files,
    loadError,
    save,
    saveError,
    canUndo: stacks.past.length > 0,
    canRedo: stacks.future.length > 0,
    edit,
    undo,
    redo,
    reload: load,
    flush,
  };
}
