// Debounced autosave: `delay` ms after the last edit (each change of `data` restarts the wait), `save` runs once, if
// the page is still dirty and allowed to. A save in progress is never doubled: a change made meanwhile waits for it
// and is saved after, by the same rule.
import { useEffect, useRef } from 'react';

export interface AutosaveOptions {
  /** A draft the user may edit, with nothing in the way (no field errors). */
  enabled: boolean;
  dirty: boolean;
  /** The edited data: a new value restarts the wait. */
  data: unknown;
  save: () => Promise<unknown>;
  delay?: number;
}

export const AUTOSAVE_DELAY_MS = 2000;

export function useAutosave({ enabled, dirty, data, save, delay = AUTOSAVE_DELAY_MS }: AutosaveOptions): void {
  const saveRef = useRef(save);
  saveRef.current = save;
  const running = useRef<Promise<unknown> | null>(null);

  useEffect(() => {
    if (!enabled || !dirty) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      // Wait for a save already under way; the edit since then is saved by this run.
      while (running.current && !cancelled) await running.current.catch(() => {});
      if (cancelled) return;
      const p = saveRef.current();
      running.current = p;
      try {
        await p;
      } catch {
        /* the page shows what went wrong */
      } finally {
        if (running.current === p) running.current = null;
      }
    }, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [enabled, dirty, data, delay]);
}
